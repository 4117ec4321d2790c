//! The floor of a streaming parse: quick-xml reads every event, every text node is decoded and
//! its entity and character references resolved, with no namespaces and nothing kept. Shared by
//! the native benchmark and its wasm build (`tools/bench-scan`), so both floors are the same code.

use quick_xml::events::Event;

/// What a scan saw.
#[derive(Clone, Copy, Debug, Default)]
pub struct Scanned {
    pub entries: usize,
    pub authors: usize,
    /// Bytes of decoded text, so the work cannot be optimised away.
    pub text_bytes: usize,
}

pub fn scan(bytes: &[u8]) -> Result<Scanned, String> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut scanned = Scanned::default();
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(start) => match start.local_name().as_ref() {
                b"entry" => scanned.entries += 1,
                b"author" => scanned.authors += 1,
                _ => {}
            },
            Event::Text(text) => {
                scanned.text_bytes += text.decode().map_err(|e| e.to_string())?.len()
            }
            Event::CData(cdata) => {
                scanned.text_bytes += cdata.decode().map_err(|e| e.to_string())?.len()
            }
            Event::GeneralRef(reference) => scanned.text_bytes += resolve(&reference)?,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(scanned)
}

/// Bytes of text a reference stands for.
pub fn resolve(reference: &quick_xml::events::BytesRef<'_>) -> Result<usize, String> {
    if let Some(ch) = reference.resolve_char_ref().map_err(|e| e.to_string())? {
        return Ok(ch.len_utf8());
    }
    let name = reference.decode().map_err(|e| e.to_string())?;
    Ok(quick_xml::escape::resolve_predefined_entity(&name).map_or(name.len() + 2, str::len))
}
