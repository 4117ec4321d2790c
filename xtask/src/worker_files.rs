//! The recommendation worker's files named by their contents. Trunk names a worker's files
//! after its binary (the page must find them by name), so a host's cache could hand an old
//! worker to a new page; after the build they are renamed with a hash of their contents, their
//! loader is written again to match, and the page names it in a `<meta>` (read by
//! `web::site::worker_script`).

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::precompress::cannot;
use crate::process::Failure;

/// The worker's binary, as Trunk names its files.
const WORKER: &str = "explorer-worker";
/// The `<meta name>` the page reads.
const WORKER_META: &str = "explorer-worker";

/// The first 8 bytes of a finished hash of contents, in hex: what files and versions named by
/// their contents carry.
pub fn short_hash(hash: Sha256) -> String {
    hash.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Renames the worker's files in the built `site` and names the loader in its page. Returns
/// the loader's new name.
pub fn name_by_contents(site: &Path) -> Result<String, Failure> {
    let script = site.join(format!("{WORKER}.js"));
    let module = site.join(format!("{WORKER}_bg.wasm"));
    let loader = site.join(format!("{WORKER}_loader.js"));
    let read = |path: &Path| std::fs::read(path).map_err(|err| cannot("read", path, err));
    let (script_bytes, module_bytes) = (read(&script)?, read(&module)?);
    let mut hash = Sha256::new();
    hash.update(&script_bytes);
    hash.update(&module_bytes);
    let base = format!("{WORKER}-{}", short_hash(hash));
    let renamed_script = format!("{base}.js");
    let renamed_module = format!("{base}_bg.wasm");
    let renamed_loader = format!("{base}_loader.js");
    for (from, to) in [(&script, &renamed_script), (&module, &renamed_module)] {
        let target = site.join(to);
        std::fs::rename(from, &target).map_err(|err| cannot("rename", from, err))?;
    }
    std::fs::remove_file(&loader).map_err(|err| cannot("remove", &loader, err))?;
    let loader_text = loader_script(&renamed_script, &renamed_module);
    let new_loader = site.join(&renamed_loader);
    std::fs::write(&new_loader, loader_text).map_err(|err| cannot("write", &new_loader, err))?;
    let index = site.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|err| cannot("read", &index, err))?;
    let page = name_in_page(&html, &renamed_loader)?;
    std::fs::write(&index, page).map_err(|err| cannot("write", &index, err))?;
    Ok(renamed_loader)
}

/// What Trunk's loader does, for the renamed files: load the bindings, then the module.
fn loader_script(script: &str, module: &str) -> String {
    format!("importScripts(\"./{script}\");wasm_bindgen(\"./{module}\");")
}

fn name_in_page(html: &str, loader: &str) -> Result<String, Failure> {
    let head = html
        .find("</head>")
        .ok_or_else(|| Failure::new("index.html has no </head>"))?;
    let mut page = html.to_string();
    page.insert_str(
        head,
        &format!("<meta name=\"{WORKER_META}\" content=\"{loader}\" />"),
    );
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_is_renamed_by_its_contents_and_named_in_the_page() {
        let site = crate::empty_test_folder("worker-files");
        let write = |name: &str, text: &str| std::fs::write(site.join(name), text).expect("write");
        write("explorer-worker.js", "bindings");
        write("explorer-worker_bg.wasm", "module");
        write("explorer-worker_loader.js", "old loader");
        write(
            "index.html",
            "<html><head><title>t</title></head><body></body></html>",
        );
        let loader = name_by_contents(&site).expect("renamed");
        let base = loader.trim_end_matches("_loader.js");
        assert!(
            base.starts_with("explorer-worker-") && base.len() == "explorer-worker-".len() + 16
        );
        let read = |name: &str| std::fs::read_to_string(site.join(name)).expect("read");
        assert_eq!(read(&format!("{base}.js")), "bindings");
        assert_eq!(read(&format!("{base}_bg.wasm")), "module");
        assert_eq!(
            read(&loader),
            format!("importScripts(\"./{base}.js\");wasm_bindgen(\"./{base}_bg.wasm\");")
        );
        assert!(!site.join("explorer-worker.js").exists());
        assert!(!site.join("explorer-worker_loader.js").exists());
        assert_eq!(
            read("index.html"),
            format!("<html><head><title>t</title><meta name=\"explorer-worker\" content=\"{loader}\" /></head><body></body></html>")
        );
        let _ = std::fs::remove_dir_all(&site);
    }
}
