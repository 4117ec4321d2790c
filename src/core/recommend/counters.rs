//! What the vectoriser counts of each term while documents are counted, and the table of
//! words it counts them in.

use rustc_hash::FxHashMap;

use super::tokens::STOP_WORDS;
use super::RecommendError;

/// The value of a stop word in the word table.
pub(super) const STOP: u32 = u32::MAX;

/// What is counted of one term. Kept together because counting an occurrence touches all of
/// it: one cache line instead of four arrays' worth.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct TermSlot {
    /// The last document (its number plus one) that had the term, and where that document's
    /// entry for it is in `entries`: counting a document's terms this way needs no sorting
    /// and no per-document map.
    pub(super) last_document: u32,
    pub(super) entry: u32,
    /// Documents with the term.
    pub(super) df: u32,
    /// Occurrences over the whole corpus, what `max_features` ranks by (saturating: no
    /// corpus a page holds comes near four billion).
    pub(super) total: u32,
}

/// A term's id with what is counted of it: the value of the word and pair tables.
#[derive(Clone, Copy, Debug)]
pub(super) struct Counter {
    pub(super) id: u32,
    pub(super) slot: TermSlot,
}

impl Counter {
    pub(super) fn new(id: u32) -> Counter {
        Counter {
            id,
            slot: TermSlot::default(),
        }
    }

    /// One more occurrence in document `number` (numbers start at 1), whose entries are the
    /// last ones of `entries`.
    #[inline]
    pub(super) fn count(
        &mut self,
        number: u32,
        entries: &mut Vec<(u32, u32)>,
    ) -> Result<(), RecommendError> {
        let slot = &mut self.slot;
        slot.total = slot.total.saturating_add(1);
        if slot.last_document == number {
            if let Some(entry) = entries.get_mut(slot.entry as usize) {
                entry.1 += 1;
            }
        } else {
            slot.entry = u32::try_from(entries.len()).map_err(|_| RecommendError::TooLarge)?;
            slot.last_document = number;
            slot.df += 1;
            entries.push((self.id, 1));
        }
        Ok(())
    }
}

/// The pair table's key of two neighbouring words.
pub(super) fn pair_key(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// Every word met, by its folded bytes. Nearly every token is at most 16 bytes long: those
/// are keyed by their bytes as one integer (zero-padded; no token holds a zero byte), so a
/// lookup hashes and compares one number instead of a slice; longer ones by their bytes.
pub(super) struct WordTable {
    short: FxHashMap<u128, Counter>,
    long: FxHashMap<Box<[u8]>, Counter>,
}

impl WordTable {
    /// The stop words, each as [`STOP`].
    pub(super) fn with_stop_words() -> WordTable {
        let mut table = WordTable {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
        };
        for word in STOP_WORDS {
            table.insert(word.as_bytes(), Counter::new(STOP));
        }
        table
    }

    pub(super) fn get(&self, word: &[u8]) -> Option<&Counter> {
        match short_key(word) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        }
    }

    #[inline]
    pub(super) fn get_mut(&mut self, word: &[u8]) -> Option<&mut Counter> {
        match short_key(word) {
            Some(key) => self.short.get_mut(&key),
            None => self.long.get_mut(word),
        }
    }

    /// Adds a word not in the table.
    pub(super) fn insert(&mut self, word: &[u8], counter: Counter) -> &mut Counter {
        match short_key(word) {
            Some(key) => self.short.entry(key).or_insert(counter),
            None => self.long.entry(word.into()).or_insert(counter),
        }
    }

    /// The words' counters (stop words' included).
    pub(super) fn counters(&self) -> impl Iterator<Item = &Counter> {
        self.short.values().chain(self.long.values())
    }

    pub(super) fn counters_mut(&mut self) -> impl Iterator<Item = &mut Counter> {
        self.short.values_mut().chain(self.long.values_mut())
    }
}

#[inline]
pub(super) fn short_key(word: &[u8]) -> Option<u128> {
    let mut bytes = [0u8; 16];
    bytes.get_mut(..word.len())?.copy_from_slice(word);
    Some(u128::from_le_bytes(bytes))
}

/// Whether `word` is something the tokeniser can produce: two or more bytes of lowercase
/// ASCII letters, digits and `_`, not starting with a digit.
pub(super) fn is_token(word: &[u8]) -> bool {
    let body = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_';
    word.len() >= 2 && !word[0].is_ascii_digit() && word.iter().all(body)
}
