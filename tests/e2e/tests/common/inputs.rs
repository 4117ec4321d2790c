//! Inputs for the hostile-feed tests: the fixtures in `tests/fixtures/hostile/`, and folders
//! for the large feeds generated on the spot.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use e2e::Result;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/hostile")
        .join(name)
}

/// A folder for generated inputs, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Result<TempDir> {
        let dir = std::env::temp_dir().join(format!("e2e-hostile-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        Ok(TempDir(dir))
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One entry with a 1 MB title, a 16 MB abstract (text, no math), a 1 MB author name, a 4 MB
/// link and a 32 MB attribute nobody reads.
pub fn write_enormous_feed(path: &Path) -> Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Enormous</title><entry data-junk=\""
    )?;
    for _ in 0..(32 << 20) / 64 {
        out.write_all(&[b'j'; 64])?;
    }
    write!(
        out,
        "\"><id>http://arxiv.org/abs/2601.40001v1</id><published>2026-01-05T00:00:00Z</published><title>Zqenormous"
    )?;
    for _ in 0..(1 << 20) / 8 {
        out.write_all(b" titles.")?;
    }
    out.write_all(b"</title><summary>")?;
    for _ in 0..(16 << 20) / 16 {
        out.write_all(b"abstract text.\n")?;
    }
    out.write_all(b"</summary><author><name>Alice")?;
    for _ in 0..(1 << 20) / 8 {
        out.write_all(b" Longname")?;
    }
    out.write_all(
        b"</name></author><link rel=\"related\" href=\"https://arxiv.org/abs/2601.40001v1?",
    )?;
    for _ in 0..(4 << 20) / 8 {
        out.write_all(b"a=1&amp;")?;
    }
    out.write_all(b"\"/><category term=\"cs.CR\"/></entry></feed>\n")?;
    out.flush()?;
    Ok(())
}

/// `count` entries with an id and a one-word title each (`with_titles`), or an id alone, which
/// costs each entry a note.
pub fn write_tiny_entries(path: &Path, count: usize, with_titles: bool) -> Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    out.write_all(b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Tiny</title>\n")?;
    for n in 0..count {
        if with_titles {
            writeln!(out, "<entry><id>urn:t:{n}</id><title>t{n}</title></entry>")?;
        } else {
            writeln!(out, "<entry><id>urn:t:{n}</id></entry>")?;
        }
    }
    out.write_all(b"</feed>\n")?;
    out.flush()?;
    Ok(())
}
