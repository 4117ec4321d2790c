//! The site's transfer size: `gzip -9` of every file it serves, summed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::process::Failure;

/// The site's size on the wire.
#[derive(Debug, Default, PartialEq)]
pub struct Transfer {
    pub files: usize,
    pub raw: u64,
    pub gzipped: u64,
    pub wasm_gzipped: u64,
}

/// Sums `gzip -9` of every file of the site.
pub fn transfer_size(site: &Path) -> Result<Transfer, Failure> {
    let mut transfer = Transfer::default();
    for file in files_below(site)? {
        let raw = std::fs::metadata(&file)
            .map_err(|err| Failure::new(format!("cannot read {}: {err}", file.display())))?
            .len();
        let output = Command::new("gzip")
            .args(["-9", "-c"])
            .arg(&file)
            .stderr(Stdio::inherit())
            .output()
            .map_err(|err| Failure::new(format!("cannot run gzip (is it installed?): {err}")))?;
        if !output.status.success() {
            return Err(Failure::new(format!(
                "gzip -9 failed on {} ({})",
                file.display(),
                output.status
            )));
        }
        let gzipped = output.stdout.len() as u64;
        transfer.files += 1;
        transfer.raw += raw;
        transfer.gzipped += gzipped;
        if file.extension().is_some_and(|e| e == "wasm") {
            transfer.wasm_gzipped += gzipped;
        }
    }
    if transfer.files == 0 {
        return Err(Failure::new(format!("{} holds no files", site.display())));
    }
    Ok(transfer)
}

fn files_below(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir)
            .map_err(|err| Failure::new(format!("cannot list {}: {err}", dir.display())))?;
        for entry in entries {
            let path = entry
                .map_err(|err| Failure::new(format!("cannot list {}: {err}", dir.display())))?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else {
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

    #[test]
    fn transfer_sums_every_file() {
        let dir = std::env::temp_dir().join(format!("xtask-transfer-{}", std::process::id()));
        let nested = dir.join("feeds");
        std::fs::create_dir_all(&nested).expect("a folder");
        std::fs::write(dir.join("a_bg.wasm"), vec![0u8; 10_000]).expect("written");
        std::fs::write(nested.join("index.json"), b"[]").expect("written");
        let transfer = transfer_size(&dir).expect("measured");
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(transfer.files, 2);
        assert_eq!(transfer.raw, 10_002);
        assert!(transfer.gzipped < 200, "{transfer:?}");
        assert!(transfer.wasm_gzipped > 0 && transfer.wasm_gzipped < transfer.gzipped);
    }
}
