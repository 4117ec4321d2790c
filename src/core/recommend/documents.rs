//! The papers' texts as the recommendation worker receives them: one buffer holding every
//! document ([`document_text`](super::document_text): title, abstract, author names) one after
//! another, then each one's length and their number, so the whole feed crosses to the worker
//! as a single transfer and is read there without copying.

use super::tokens::document_parts;
use super::RecommendError;
use crate::core::feed::Paper;

/// Documents, in order: `[texts (UTF-8)][length: u32 LE]×count[count: u32 LE]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocumentBatch {
    text: String,
    /// Where each document ends in `text`.
    ends: Vec<usize>,
}

impl DocumentBatch {
    /// Appends a paper's document text, written straight from its fields.
    pub fn push_paper(&mut self, paper: &Paper) {
        for part in document_parts(paper) {
            self.text.push_str(part);
        }
        self.ends.push(self.text.len());
    }

    /// Appends one document given as text.
    pub fn push_text(&mut self, text: &str) {
        self.text.push_str(text);
        self.ends.push(self.text.len());
    }

    /// The batch of `papers`, in order.
    pub fn from_papers<'a>(papers: impl IntoIterator<Item = &'a Paper>) -> DocumentBatch {
        let mut batch = DocumentBatch::default();
        for paper in papers {
            batch.push_paper(paper);
        }
        batch
    }

    /// Reads a batch back from its bytes; a batch cut short, with lengths that do not add
    /// up or split a character, or not UTF-8, is refused.
    pub fn from_bytes(mut bytes: Vec<u8>) -> Result<DocumentBatch, RecommendError> {
        let damaged = RecommendError::DamagedMessage;
        let word = |bytes: &[u8], at: usize| -> Option<usize> {
            let raw: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
            Some(u32::from_le_bytes(raw) as usize)
        };
        if bytes.is_empty() {
            return Ok(DocumentBatch::default());
        }
        let count_at = bytes.len().checked_sub(4).ok_or(damaged.clone())?;
        let count = word(&bytes, count_at).ok_or(damaged.clone())?;
        let lengths_at = count
            .checked_mul(4)
            .and_then(|size| count_at.checked_sub(size))
            .ok_or(damaged.clone())?;
        let mut ends = Vec::with_capacity(count);
        let mut end = 0usize;
        for i in 0..count {
            let length = word(&bytes, lengths_at + 4 * i).ok_or(damaged.clone())?;
            end = end.checked_add(length).ok_or(damaged.clone())?;
            ends.push(end);
        }
        if end != lengths_at {
            return Err(damaged);
        }
        bytes.truncate(lengths_at);
        let text = String::from_utf8(bytes).map_err(|_| damaged.clone())?;
        if !ends.iter().all(|&end| text.is_char_boundary(end)) {
            return Err(damaged);
        }
        Ok(DocumentBatch { text, ends })
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Document `i`'s text.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1],
        };
        self.text.get(start..end)
    }

    /// The bytes that cross to the worker.
    pub fn into_bytes(self) -> Vec<u8> {
        let mut bytes = self.text.into_bytes();
        bytes.reserve(4 * (self.ends.len() + 1));
        let mut start = 0;
        for &end in &self.ends {
            // A document over 4 GiB cannot come from a feed the page accepted (256 MiB).
            let length = u32::try_from(end - start).unwrap_or(u32::MAX);
            bytes.extend_from_slice(&length.to_le_bytes());
            start = end;
        }
        let count = u32::try_from(self.ends.len()).unwrap_or(u32::MAX);
        bytes.extend_from_slice(&count.to_le_bytes());
        bytes
    }
}
