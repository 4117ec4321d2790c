//! Building and serving the site with Trunk.

use std::path::{Path, PathBuf};

use crate::process::{run, step, Failure};
use crate::tools::ensure_build_tools;
use crate::Options;

/// `cargo xtask dist`: the release site, a static folder for any host. Returns its path.
pub fn dist(root: &Path, options: &Options) -> Result<PathBuf, Failure> {
    let public_url = options.get("--public-url").unwrap_or("./");
    let out = options
        .get("--out")
        .map(|dir| root.join(dir))
        .unwrap_or_else(|| root.join("dist"));
    let tools = ensure_build_tools(root)?;
    step(&format!(
        "building the release site into {} (public URL {public_url})",
        out.display()
    ));
    run(tools
        .command("trunk")
        .current_dir(root)
        .args(["build", "--release", "--public-url", public_url, "--dist"])
        .arg(&out))?;
    let index = out.join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|err| Failure::new(format!("cannot read {}: {err}", index.display())))?;
    std::fs::write(&index, crate::csp::add_csp(&html)?)
        .map_err(|err| Failure::new(format!("cannot write {}: {err}", index.display())))?;
    let copies = crate::precompress::precompress(&out)?;
    step(&format!(
        "site written to {} ({} files, {} kB; precompressed beside them: gzip {} kB, brotli {} kB)",
        out.display(),
        copies.files,
        copies.original / 1000,
        copies.gzip / 1000,
        copies.brotli / 1000
    ));
    Ok(out)
}

/// `cargo xtask serve`: builds and serves with live reload on 127.0.0.1.
pub fn serve(root: &Path, options: &Options) -> Result<(), Failure> {
    let port = options.get("--port").unwrap_or("8080");
    if port.parse::<u16>().is_err() {
        return Err(Failure::new(format!(
            "`--port {port}` is not a port number"
        )));
    }
    let tools = ensure_build_tools(root)?;
    step(&format!(
        "building and serving the app: open http://127.0.0.1:{port}/ (Ctrl-C stops)"
    ));
    run(tools.command("trunk").current_dir(root).args([
        "serve",
        "--address",
        "127.0.0.1",
        "--port",
        port,
    ]))
}
