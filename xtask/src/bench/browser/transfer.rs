//! The site's transfer size: gzip (best, as `gzip -9`) and brotli (quality 11) of every file
//! it serves, summed. The precompressed copies beside the files are the same bytes a host
//! would send, so they are not counted again.

use std::path::Path;

use crate::precompress::{brotli, gzip, site_files};
use crate::process::Failure;
use crate::split_parts::{is_main_file, is_part_file};

/// The site's size on the wire.
#[derive(Debug, Default, PartialEq)]
pub struct Transfer {
    pub files: usize,
    pub raw: u64,
    pub gzipped: u64,
    pub brotli: u64,
    pub wasm_gzipped: u64,
    /// The page's own module and its script, what the explorer starts from.
    pub main_gzipped: u64,
    /// The parts fetched on demand (split off the main module) and their loader.
    pub parts_gzipped: u64,
}

/// Sums gzip and brotli of every file of the site.
pub fn transfer_size(site: &Path) -> Result<Transfer, Failure> {
    let mut transfer = Transfer::default();
    for file in site_files(site)? {
        let bytes = std::fs::read(&file)
            .map_err(|err| Failure::new(format!("cannot read {}: {err}", file.display())))?;
        let gzipped = gzip(&bytes)?.len() as u64;
        transfer.files += 1;
        transfer.raw += bytes.len() as u64;
        transfer.gzipped += gzipped;
        transfer.brotli += brotli(&bytes)?.len() as u64;
        if file.extension().is_some_and(|e| e == "wasm") {
            transfer.wasm_gzipped += gzipped;
        }
        let name = file
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        if is_main_file(&name) {
            transfer.main_gzipped += gzipped;
        } else if is_part_file(&name) {
            transfer.parts_gzipped += gzipped;
        }
    }
    if transfer.files == 0 {
        return Err(Failure::new(format!("{} holds no files", site.display())));
    }
    Ok(transfer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transfer_sums_every_file() {
        let dir = crate::empty_test_folder("xtask-transfer");
        let nested = dir.join("feeds");
        std::fs::create_dir_all(&nested).expect("a folder");
        std::fs::write(dir.join("a_bg.wasm"), vec![0u8; 10_000]).expect("written");
        std::fs::write(dir.join("arxiv-explorer-1_bg.wasm"), vec![1u8; 100]).expect("written");
        std::fs::write(dir.join("split_map-2.wasm"), vec![2u8; 100]).expect("written");
        std::fs::write(nested.join("index.json"), b"[]").expect("written");
        // A precompressed copy is not a file of its own on the wire.
        std::fs::write(nested.join("index.json.gz"), b"xx").expect("written");
        let transfer = transfer_size(&dir).expect("measured");
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(transfer.files, 4);
        assert_eq!(transfer.raw, 10_202);
        assert!(transfer.gzipped < 200, "{transfer:?}");
        assert!(transfer.brotli > 0 && transfer.brotli < 200, "{transfer:?}");
        assert!(transfer.wasm_gzipped > 0 && transfer.wasm_gzipped < transfer.gzipped);
        assert!(transfer.main_gzipped > 0 && transfer.parts_gzipped > 0);
        assert!(transfer.main_gzipped + transfer.parts_gzipped < transfer.wasm_gzipped);
    }
}
