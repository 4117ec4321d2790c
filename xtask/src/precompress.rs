//! Precompressed copies of the built site: `name.gz` (gzip, best) and `name.br` (brotli,
//! quality 11) beside each file worth compressing, so a static host that serves such copies
//! as they are (nginx `gzip_static`/`brotli_static`, Netlify, Cloudflare) sends the smallest
//! bytes without compressing on each request.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::process::Failure;

/// Kinds of file that compress; images such as PNG already are.
const COMPRESSIBLE: [&str; 10] = [
    "html",
    "js",
    "wasm",
    "css",
    "svg",
    "json",
    "xml",
    "txt",
    "webmanifest",
    "map",
];

/// What precompression wrote: files compressed, and bytes before, as gzip and as brotli.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Precompressed {
    pub files: usize,
    pub original: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// The site owner's saved feeds: rewritten after the build (`arxiv-feed fetch`), so a copy
/// made now would go stale and a host would keep serving it instead of the new file.
const OWNER_DATA: &str = "feeds";

/// Writes `.gz` and `.br` beside every compressible file under `site` (earlier copies are
/// replaced, so a rebuilt file never keeps a stale copy), except the saved feeds.
pub fn precompress(site: &Path) -> Result<Precompressed, Failure> {
    let mut totals = Precompressed::default();
    for file in site_files(site)? {
        let owner_data = file
            .strip_prefix(site)
            .is_ok_and(|relative| relative.starts_with(OWNER_DATA));
        let compressible = !owner_data
            && file
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible {
            continue;
        }
        let bytes = std::fs::read(&file).map_err(|err| cannot("read", &file, err))?;
        let gzip = gzip(&bytes)?;
        let brotli = brotli(&bytes)?;
        write(&with_suffix(&file, "gz"), &gzip)?;
        write(&with_suffix(&file, "br"), &brotli)?;
        totals.files += 1;
        totals.original += bytes.len() as u64;
        totals.gzip += gzip.len() as u64;
        totals.brotli += brotli.len() as u64;
    }
    Ok(totals)
}

pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>, Failure> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map_err(|err| Failure::new(format!("gzip failed: {err}")))
}

pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>, Failure> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        writer
            .write_all(bytes)
            .map_err(|err| Failure::new(format!("brotli failed: {err}")))?;
    }
    Ok(out)
}

/// `app.js` → `app.js.gz`.
fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

pub fn write(file: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(file, bytes).map_err(|err| cannot("write", file, err))
}

/// "cannot read site/x: …": an I/O failure on a file, in words.
pub fn cannot(what: &str, file: &Path, err: std::io::Error) -> Failure {
    Failure::new(format!("cannot {what} {}: {err}", file.display()))
}

/// Every file of the site under `dir`, in a stable order, leaving out compressed copies.
pub fn site_files(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|err| cannot("list", &folder, err))?;
        for entry in entries {
            let path = entry.map_err(|err| cannot("list", &folder, err))?.path();
            if path.is_dir() {
                pending.push(path);
            } else if !matches!(path.extension().and_then(|e| e.to_str()), Some("gz" | "br")) {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn copies_decompress_to_the_original_and_only_text_is_compressed() {
        let dir = crate::empty_test_folder("precompress");
        std::fs::create_dir_all(dir.join("feeds")).expect("temp dir");
        let page = "<!doctype html><title>t</title>".repeat(200);
        std::fs::write(dir.join("index.html"), &page).expect("write");
        std::fs::write(dir.join("feeds/a.xml"), "<feed/>".repeat(50)).expect("write");
        std::fs::write(dir.join("icon.png"), [0x89, b'P', b'N', b'G']).expect("write");
        // A stale copy from an earlier build is replaced, not compressed again.
        std::fs::write(dir.join("index.html.gz"), b"stale").expect("write");

        let totals = precompress(&dir).expect("precompress");
        assert_eq!(totals.files, 1);
        assert!(totals.gzip < totals.original && totals.brotli < totals.original);
        assert!(!dir.join("icon.png.gz").exists());
        // The saved feeds change after the build: no copy of them.
        assert!(!dir.join("feeds/a.xml.gz").exists());
        assert!(!dir.join("index.html.gz.gz").exists());

        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(dir.join("index.html.gz")).expect("gz"))
            .read_to_string(&mut unzipped)
            .expect("gunzip");
        assert_eq!(unzipped, page);
        let mut unbrotlied = String::new();
        brotli::Decompressor::new(
            std::fs::File::open(dir.join("index.html.br")).expect("br"),
            4096,
        )
        .read_to_string(&mut unbrotlied)
        .expect("brotli");
        assert_eq!(unbrotlied, page);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
