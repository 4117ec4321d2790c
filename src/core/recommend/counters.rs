//! What the vectoriser counts of each term while documents are counted, and the table of
//! words it counts them in.

use rustc_hash::FxHashMap;

use super::tokens::{short_key, STOP_WORDS};
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
    short: CounterTable<u128>,
    long: FxHashMap<Box<[u8]>, Counter>,
}

impl WordTable {
    /// The stop words, each as [`STOP`].
    pub(super) fn with_stop_words() -> WordTable {
        let mut table = WordTable {
            short: CounterTable::default(),
            long: FxHashMap::default(),
        };
        for word in STOP_WORDS {
            table.insert(word.as_bytes(), Counter::new(STOP));
        }
        table
    }

    pub(super) fn get(&self, word: &[u8]) -> Option<&Counter> {
        match short_key(word) {
            Some(key) => self.short.get(key),
            None => self.long.get(word),
        }
    }

    /// The counter of `word`, whose [`short_key`] is `key`.
    #[inline]
    pub(super) fn get_mut_keyed(&mut self, word: &[u8], key: Option<u128>) -> Option<&mut Counter> {
        match key {
            Some(key) => self.short.get_mut(key),
            None => self.long.get_mut(word),
        }
    }

    /// Adds a word not in the table.
    pub(super) fn insert(&mut self, word: &[u8], counter: Counter) -> &mut Counter {
        match short_key(word) {
            Some(key) => self.short.insert(key, counter),
            None => self.long.entry(word.into()).or_insert(counter),
        }
    }

    /// The words' counters (stop words' included).
    pub(super) fn counters(&self) -> impl Iterator<Item = &Counter> {
        self.short.counters().chain(self.long.values())
    }

    pub(super) fn counters_mut(&mut self) -> impl Iterator<Item = &mut Counter> {
        self.short.counters_mut().chain(self.long.values_mut())
    }
}

/// A table of counters by a key of fixed size: open addressing with the keys beside their
/// counters, so that finding a term (the most frequent step of counting: one word and one
/// bigram per token) reads one place in memory, where a general hash map reads its control
/// bytes and then its entry, and compares a number, not a slice.
pub(super) struct CounterTable<K> {
    slots: Vec<(K, Counter)>,
    len: usize,
    /// `64 - log2(slots.len())`: a key's home slot is the top bits of its hash.
    shift: u32,
}

/// A key of a [`CounterTable`].
pub(super) trait TableKey: Copy + Eq {
    /// The key of an empty slot, which no term has.
    const EMPTY: Self;
    /// A hash whose top bits spread keys over the table.
    fn hash(self) -> u64;
}

/// Fibonacci hashing's multiplier (2^64 / φ).
const SPREAD: u64 = 0x9E37_79B9_7F4A_7C15;

impl TableKey for u64 {
    /// Both words of such a bigram would be [`STOP`], and stop words make no bigrams (and no
    /// term gets that id).
    const EMPTY: u64 = u64::MAX;
    #[inline]
    fn hash(self) -> u64 {
        self.wrapping_mul(SPREAD)
    }
}

impl TableKey for u128 {
    /// A word's [`short_key`] is never zero: a token has at least two bytes, none of them zero.
    const EMPTY: u128 = 0;
    #[inline]
    fn hash(self) -> u64 {
        let (low, high) = (self as u64, (self >> 64) as u64);
        (low.wrapping_mul(SPREAD) ^ high).wrapping_mul(SPREAD)
    }
}

const FIRST_SLOTS: usize = 1 << 10;

impl<K: TableKey> Default for CounterTable<K> {
    fn default() -> Self {
        CounterTable::with_slots(FIRST_SLOTS)
    }
}

impl<K: TableKey> CounterTable<K> {
    fn with_slots(slots: usize) -> CounterTable<K> {
        CounterTable {
            slots: vec![(K::EMPTY, Counter::new(STOP)); slots],
            len: 0,
            shift: 64 - slots.trailing_zeros(),
        }
    }

    /// Where `key` is, or the empty slot where it would go.
    #[inline]
    fn find(&self, key: K) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = (key.hash() >> self.shift) as usize;
        loop {
            let here = self.slots[at].0;
            if here == key || here == K::EMPTY {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    #[inline]
    pub(super) fn get(&self, key: K) -> Option<&Counter> {
        let (here, counter) = &self.slots[self.find(key)];
        (*here == key).then_some(counter)
    }

    #[inline]
    pub(super) fn get_mut(&mut self, key: K) -> Option<&mut Counter> {
        let at = self.find(key);
        let (here, counter) = &mut self.slots[at];
        (*here == key).then_some(counter)
    }

    /// The counter of `key`, added with `new` if the table does not hold it yet.
    #[inline]
    pub(super) fn get_or_insert_with<E>(
        &mut self,
        key: K,
        new: impl FnOnce() -> Result<Counter, E>,
    ) -> Result<&mut Counter, E> {
        let mut at = self.find(key);
        if self.slots[at].0 != key {
            let counter = new()?;
            // At most three quarters full, so probes stay short.
            if 4 * (self.len + 1) > 3 * self.slots.len() {
                self.grow();
                at = self.find(key);
            }
            self.slots[at] = (key, counter);
            self.len += 1;
        }
        Ok(&mut self.slots[at].1)
    }

    /// Adds `key` with `counter`, or gives the counter it has.
    pub(super) fn insert(&mut self, key: K, counter: Counter) -> &mut Counter {
        match self.get_or_insert_with(key, || Ok::<_, std::convert::Infallible>(counter)) {
            Ok(counter) => counter,
            Err(never) => match never {},
        }
    }

    fn grow(&mut self) {
        let old = std::mem::replace(self, CounterTable::with_slots(2 * self.slots.len()));
        for (key, counter) in old.slots.into_iter().filter(|(key, _)| *key != K::EMPTY) {
            let at = self.find(key);
            self.slots[at] = (key, counter);
            self.len += 1;
        }
    }

    pub(super) fn counters(&self) -> impl Iterator<Item = &Counter> {
        self.slots
            .iter()
            .filter(|(key, _)| *key != K::EMPTY)
            .map(|(_, counter)| counter)
    }

    pub(super) fn counters_mut(&mut self) -> impl Iterator<Item = &mut Counter> {
        self.slots
            .iter_mut()
            .filter(|(key, _)| *key != K::EMPTY)
            .map(|(_, counter)| counter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_counter_table_finds_every_key_it_was_given_through_its_growth() {
        let mut pairs: CounterTable<u64> = CounterTable::default();
        let mut words: CounterTable<u128> = CounterTable::default();
        // Keys that share their low or high halves, so that the hash must spread both.
        let key = |i: u32| pair_key(i % 97, i / 97);
        for i in 0..20_000u32 {
            pairs.insert(key(i), Counter::new(i));
            words.insert(u128::from(i + 1) << 64 | 0x6162, Counter::new(i));
            assert_eq!(pairs.get(key(i)).map(|c| c.id), Some(i));
        }
        for i in 0..20_000u32 {
            assert_eq!(pairs.get(key(i)).map(|c| c.id), Some(i));
            assert_eq!(
                words.get(u128::from(i + 1) << 64 | 0x6162).map(|c| c.id),
                Some(i)
            );
        }
        assert!(pairs.get(key(20_000)).is_none());
        assert!(words.get(0x6162).is_none());
        // A key met again keeps its counter.
        pairs.insert(key(5), Counter::new(99));
        assert_eq!(pairs.get(key(5)).map(|c| c.id), Some(5));
        assert_eq!(pairs.counters().count(), 20_000);
        let mut ids: Vec<u32> = words.counters().map(|c| c.id).collect();
        ids.sort_unstable();
        assert_eq!(ids, (0..20_000).collect::<Vec<_>>());
    }
}
