//! The page's parts fetched on demand (`web::parts`): the main module Trunk built is replaced
//! by the same crate built with `--cfg explorer_split`, split at its split points by
//! `wasm-split-cli` into a main module and one module per part, then put through
//! wasm-bindgen and wasm-opt as Trunk does. Trunk 0.21 cannot split modules itself.
//!
//! The main module keeps Trunk's file names (the page names them); its integrity hashes in the
//! page are written again. The parts and their loader are named by their contents, so a host's
//! cache never hands an old part to a new page.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256, Sha384};

use crate::precompress::{cannot, write};
use crate::process::{run, step, Failure};
use crate::tools::{cargo, Toolchain};

/// The page's binary, as Trunk names its files.
const MAIN: &str = "arxiv-explorer";
/// The loader's name as `wasm-split-cli` writes it, imported by the main module.
const LOADER: &str = "__wasm_split.js";

/// The flags of the split build: the wasm target's own (RUSTFLAGS replaces those of
/// .cargo/config.toml), the split points switched on, and the relocations `wasm-split-cli`
/// reads.
pub const SPLIT_RUSTFLAGS: &str = "--cfg erase_components -C target-feature=+simd128 --cfg explorer_split -C link-arg=--emit-relocs";

/// Where the split build goes, apart from Trunk's (other flags would rebuild it each time).
pub fn split_target_dir(root: &Path) -> PathBuf {
    root.join("target").join("split")
}

/// What was split.
pub struct SplitParts {
    /// The parts' files, as named in the site.
    pub parts: Vec<String>,
}

/// Replaces the main module in the built `site` by its split build.
pub fn split_main_module(
    root: &Path,
    site: &Path,
    tools: &Toolchain,
) -> Result<SplitParts, Failure> {
    let stem = trunk_stem(site)?;
    let target_dir = split_target_dir(root);
    step("building the page's module with its parts split off (--cfg explorer_split)");
    // RUSTFLAGS replaces the target's flags in .cargo/config.toml: repeat them.
    run(tools
        .command(&cargo())
        .current_dir(root)
        .env("RUSTFLAGS", SPLIT_RUSTFLAGS)
        .args([
            "build",
            "--release",
            "--quiet",
            "--target",
            "wasm32-unknown-unknown",
            "--package",
            MAIN,
            "--bin",
            MAIN,
            "--target-dir",
        ])
        .arg(&target_dir))?;
    let built = target_dir
        .join("wasm32-unknown-unknown")
        .join("release")
        .join(format!("{MAIN}.wasm"));
    let work = target_dir.join("parts");
    let _ = std::fs::remove_dir_all(&work);
    let split_dir = work.join("split");
    let bound_dir = work.join("bound");
    for dir in [&split_dir, &bound_dir] {
        std::fs::create_dir_all(dir).map_err(|err| cannot("create", dir, err))?;
    }
    run(tools
        .command("wasm-split-cli")
        .arg(&built)
        .arg(&split_dir)
        .args(["--target", "web", "--out-name", &stem]))?;
    run(tools
        .command("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--keep-lld-exports"])
        .args(["--out-name", &stem, "--out-dir"])
        .arg(&bound_dir)
        .arg(split_dir.join(format!("{stem}.wasm"))))?;
    let main_script = format!("{stem}.js");
    let main_module = format!("{stem}_bg.wasm");
    optimise(
        tools,
        &bound_dir.join(&main_module),
        &site.join(&main_module),
    )?;
    let mut parts = Vec::new();
    let mut loader = read_text(&split_dir.join(LOADER))?;
    for part in part_modules(&split_dir)? {
        let file = part
            .file_name()
            .and_then(|name| name.to_str())
            .ok_or_else(|| Failure::new(format!("{} has no usable name", part.display())))?
            .to_string();
        let optimised = work.join(&file);
        optimise(tools, &part, &optimised)?;
        let bytes = std::fs::read(&optimised).map_err(|err| cannot("read", &optimised, err))?;
        let named = format!(
            "{}-{}.wasm",
            file.trim_end_matches(".wasm"),
            short_hash(&bytes)
        );
        let quoted = format!("\"./{file}\"");
        if !loader.contains(&quoted) {
            return Err(Failure::new(format!("{LOADER} does not name {file}")));
        }
        loader = loader.replace(&quoted, &format!("\"./{named}\""));
        write(&site.join(&named), &bytes)?;
        parts.push(named);
    }
    let loader_name = format!("__wasm_split-{}.js", short_hash(loader.as_bytes()));
    write(&site.join(&loader_name), loader.as_bytes())?;
    parts.push(loader_name.clone());
    let script = read_text(&bound_dir.join(&main_script))?;
    // Only the JS imports are renamed: the module's own import names the loader as it was.
    let import = format!("from \"./{LOADER}\"");
    if !script.contains(&import) {
        return Err(Failure::new(format!(
            "{main_script} does not import {LOADER}"
        )));
    }
    let script = script.replace(&import, &format!("from \"./{loader_name}\""));
    write(&site.join(&main_script), script.as_bytes())?;
    rewrite_integrity(site, &[&main_script, &main_module])?;
    Ok(SplitParts { parts })
}

/// Whether `name` is one of the main module's files (its script or its module).
pub fn is_main_file(name: &str) -> bool {
    name.strip_prefix(MAIN)
        .is_some_and(|rest| rest.starts_with('-'))
}

/// Whether `name` is a file of the parts: a part's module, a chunk parts share, or their loader.
pub fn is_part_file(name: &str) -> bool {
    ["split_", "chunk_", "__wasm_split-"]
        .iter()
        .any(|prefix| name.starts_with(prefix))
}

/// Trunk's name for the main module's files: `arxiv-explorer-<hash>`.
fn trunk_stem(site: &Path) -> Result<String, Failure> {
    let entries = std::fs::read_dir(site).map_err(|err| cannot("read", site, err))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix("_bg.wasm") {
            if is_main_file(stem) {
                return Ok(stem.to_string());
            }
        }
    }
    Err(Failure::new(format!(
        "{} has no {MAIN}-*_bg.wasm: was the site built?",
        site.display()
    )))
}

/// The part modules `wasm-split-cli` wrote: every module but the main one.
fn part_modules(split_dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let entries = std::fs::read_dir(split_dir).map_err(|err| cannot("read", split_dir, err))?;
    let mut parts: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension().is_some_and(|ext| ext == "wasm")
                && !path
                    .file_name()
                    .is_some_and(|name| is_main_file(&name.to_string_lossy()))
        })
        .collect();
    parts.sort();
    Ok(parts)
}

fn optimise(tools: &Toolchain, from: &Path, to: &Path) -> Result<(), Failure> {
    run(tools
        .command("wasm-opt")
        .arg("-Oz")
        .arg(from)
        .arg("-o")
        .arg(to))
}

/// The page's `integrity="sha384-…"` for `files`, written again for their new contents.
fn rewrite_integrity(site: &Path, files: &[&str]) -> Result<(), Failure> {
    let index = site.join("index.html");
    let mut html = read_text(&index)?;
    for file in files {
        let bytes =
            std::fs::read(site.join(file)).map_err(|err| cannot("read", &site.join(file), err))?;
        let integrity = format!("sha384-{}", crate::csp::base64(&Sha384::digest(&bytes)));
        html = with_integrity(&html, file, &integrity)?;
    }
    write(&index, html.as_bytes())
}

/// `html` with the `integrity` of the element whose `href` ends in `/file` set to `integrity`.
fn with_integrity(html: &str, file: &str, integrity: &str) -> Result<String, Failure> {
    let at = html
        .find(&format!("/{file}\""))
        .ok_or_else(|| Failure::new(format!("index.html does not name {file}")))?;
    let tag_start = html[..at].rfind('<').unwrap_or(0);
    let tag_end = at + html[at..].find('>').unwrap_or(html.len() - at);
    let tag = &html[tag_start..tag_end];
    let Some(attribute) = tag.find("integrity=\"") else {
        return Ok(html.to_string());
    };
    let value_start = tag_start + attribute + "integrity=\"".len();
    let value_end = value_start
        + html[value_start..]
            .find('"')
            .ok_or_else(|| Failure::new("index.html has an unclosed integrity attribute"))?;
    Ok(format!(
        "{}{integrity}{}",
        &html[..value_start],
        &html[value_end..]
    ))
}

fn short_hash(bytes: &[u8]) -> String {
    crate::worker_files::short_hash(Sha256::new_with_prefix(bytes))
}

fn read_text(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|err| cannot("read", path, err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_integrity_of_the_named_file_is_replaced_and_no_other() {
        let html = r#"<link rel="modulepreload" href="/x/a-1.js" integrity="sha384-OLD"><link rel="preload" href="/x/a-1_bg.wasm" integrity="sha384-KEEP">"#;
        let out = with_integrity(html, "a-1.js", "sha384-NEW").expect("named");
        assert_eq!(
            out,
            r#"<link rel="modulepreload" href="/x/a-1.js" integrity="sha384-NEW"><link rel="preload" href="/x/a-1_bg.wasm" integrity="sha384-KEEP">"#
        );
        assert!(with_integrity(html, "b.js", "sha384-NEW").is_err());
    }
}
