//! TF-IDF vectors, as scikit-learn's `TfidfVectorizer(sublinear_tf=True, smooth_idf=True,
//! norm="l2")` computes them.
//!
//! Built in two resumable stages so that a page can spread the work over many short tasks:
//! [`TfidfBuilder`] counts terms one document at a time, then [`Weighing`] turns the counts
//! into rows a batch at a time. Bigrams are counted as pairs of word ids and spelled out only
//! for the terms that are kept.

use rustc_hash::FxHashMap;

use super::counters::{pair_key, Counter, CounterTable, TermSlot, WordTable, STOP};
use super::sparse::{Row, SparseMatrix};
use super::tokeniser::Tokeniser;
use super::tokens::{document_text, is_token};
use super::RecommendError;
use crate::core::feed::Paper;
/// Which terms make the vocabulary.
#[derive(Clone, Debug, PartialEq)]
pub struct VectoriserOptions {
    /// Keep terms found in at least this many documents.
    pub min_df: usize,
    /// Keep terms found in at most this fraction of the documents, in `(0, 1]`.
    pub max_df: f64,
    /// Then keep at most this many terms, the most frequent over the whole corpus.
    pub max_features: Option<usize>,
}

impl Default for VectoriserOptions {
    /// arxiv-sanity-lite's settings.
    fn default() -> Self {
        VectoriserOptions {
            min_df: 5,
            max_df: 0.1,
            max_features: Some(20_000),
        }
    }
}

/// From this many papers on, the recipe's own settings apply.
pub const RECIPE_FROM_PAPERS: usize = 1_000;

impl VectoriserOptions {
    /// The recipe's settings for a corpus of `papers`, loosened below
    /// [`RECIPE_FROM_PAPERS`]: there `min_df` 5 and `max_df` 10% leave few terms or none
    /// (under 50 papers no term can be in 5 papers and in at most 10% of them), so a small
    /// feed keeps terms from one paper in 200 on (at least one) up to half the papers.
    pub fn for_corpus(papers: usize) -> VectoriserOptions {
        if papers >= RECIPE_FROM_PAPERS {
            return VectoriserOptions::default();
        }
        VectoriserOptions {
            min_df: (papers / 200).max(1),
            max_df: 0.5,
            ..VectoriserOptions::default()
        }
    }
}

/// One unit-length TF-IDF row per document (its terms in order of first occurrence), over an
/// alphabetically sorted vocabulary.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TfidfMatrix {
    terms: Vec<String>,
    idf: Vec<f32>,
    matrix: SparseMatrix,
}

/// A term as counted: a word, or two neighbouring words by their term ids.
#[derive(Clone, Debug)]
enum Counted {
    Word(Box<str>),
    Pair(u32, u32),
}

/// The first stage: counts every term of every document added.
pub struct TfidfBuilder {
    options: VectoriserOptions,
    /// Every word met, and the stop words from the start: one lookup per token says which
    /// term it is or that it is a stop word ([`STOP`]).
    words: WordTable,
    pairs: CounterTable<u64>,
    /// By term id, in order of first sight.
    terms: Vec<Counted>,
    /// By term id: what is counted of it, once [`TfidfBuilder::settle`]d. While documents are
    /// counted, each term's slot lives beside it in `words` or `pairs` instead: counting an
    /// occurrence then touches one place in memory, not the table and then this array.
    slots: Vec<TermSlot>,
    settled: bool,
    /// Every document's `(term id, occurrences)`, in order of first occurrence, one document
    /// after another.
    entries: Vec<(u32, u32)>,
    /// `ends[i]` is where document `i`'s entries end in `entries`.
    ends: Vec<usize>,
    tokeniser: Tokeniser,
    document_words: Vec<u32>,
}

/// The second stage: the vocabulary is chosen, and rows are weighed a batch at a time.
pub struct Weighing {
    counts: TfidfBuilder,
    /// Term id → final column, `u32::MAX` for dropped terms.
    column_of: Vec<u32>,
    idf: Vec<f64>,
    terms: Vec<String>,
    columns: Vec<u32>,
    values: Vec<f32>,
    offsets: Vec<u32>,
    scratch: Vec<(u32, f64)>,
}

impl TfidfBuilder {
    pub fn new(options: &VectoriserOptions) -> Result<TfidfBuilder, RecommendError> {
        if !(options.max_df > 0.0 && options.max_df <= 1.0) {
            return Err(RecommendError::InvalidOption("max_df must lie in (0, 1]"));
        }
        if options.max_features == Some(0) {
            return Err(RecommendError::InvalidOption(
                "max_features must be positive",
            ));
        }
        Ok(TfidfBuilder {
            options: options.clone(),
            words: WordTable::with_stop_words(),
            pairs: CounterTable::default(),
            terms: Vec::new(),
            slots: Vec::new(),
            settled: false,
            entries: Vec::new(),
            ends: Vec::new(),
            tokeniser: Tokeniser::default(),
            document_words: Vec::new(),
        })
    }

    /// Makes room for the counts of `documents` more documents like the ones added so far:
    /// growing the counts by doubling would copy them again and again (tens of megabytes
    /// for a large feed).
    pub fn reserve_for(&mut self, documents: usize) {
        let added = self.documents();
        if added == 0 {
            return;
        }
        let per_document = self.entries.len().div_ceil(added);
        // A little over the rate seen, for documents somewhat longer than these.
        self.entries
            .reserve(per_document.saturating_mul(documents).saturating_mul(21) / 20);
        self.ends.reserve(documents);
    }

    /// How many documents were added.
    pub fn documents(&self) -> usize {
        self.ends.len()
    }

    /// Counts the terms of one more document.
    pub fn add(&mut self, document: &str) -> Result<(), RecommendError> {
        self.tokeniser.document(document);
        self.count_tokens()
    }

    /// Counts the terms of one more paper's [`document_text`], without building the text.
    pub fn add_paper(&mut self, paper: &Paper) -> Result<(), RecommendError> {
        self.tokeniser.paper(paper);
        self.count_tokens()
    }

    /// Counts the tokens the tokeniser holds as one more document: their words (stop words
    /// dropped) and the bigrams of neighbouring words.
    fn count_tokens(&mut self) -> Result<(), RecommendError> {
        self.unsettle();
        let number = u32::try_from(self.ends.len() + 1).map_err(|_| RecommendError::TooLarge)?;
        let TfidfBuilder {
            words,
            pairs,
            terms,
            entries,
            tokeniser,
            document_words,
            ..
        } = self;
        document_words.clear();
        for (word, key) in tokeniser.keyed_tokens() {
            let counter = match words.get_mut_keyed(word, key) {
                Some(counter) if counter.id == STOP => continue,
                Some(counter) => counter,
                None => {
                    let id = new_term(terms)?;
                    // Tokens are folded ASCII (the token pattern takes nothing else).
                    let text = String::from_utf8_lossy(word);
                    terms.push(Counted::Word(text.into()));
                    words.insert(word, Counter::new(id))
                }
            };
            counter.count(number, entries)?;
            document_words.push(counter.id);
        }
        for pair in document_words.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let counter = pairs.get_or_insert_with(pair_key(a, b), || {
                let id = new_term(terms)?;
                terms.push(Counted::Pair(a, b));
                Ok(Counter::new(id))
            })?;
            counter.count(number, entries)?;
        }
        self.ends.push(self.entries.len());
        Ok(())
    }

    /// Moves every term's slot into `slots`, by term id, for reading the counts by term.
    fn settle(&mut self) {
        if self.settled {
            return;
        }
        self.slots.clear();
        self.slots.resize(self.terms.len(), TermSlot::default());
        for counter in self.words.counters().chain(self.pairs.counters()) {
            if let Some(slot) = self.slots.get_mut(counter.id as usize) {
                *slot = counter.slot;
            }
        }
        self.settled = true;
    }

    /// Moves the slots back beside their terms, for counting more documents.
    fn unsettle(&mut self) {
        if !self.settled {
            return;
        }
        let slots = &self.slots;
        for counter in self.words.counters_mut().chain(self.pairs.counters_mut()) {
            if let Some(slot) = slots.get(counter.id as usize) {
                counter.slot = *slot;
            }
        }
        self.settled = false;
    }

    /// Chooses the vocabulary; the rows are then weighed by [`Weighing::weigh`].
    pub fn into_weighing(mut self) -> Result<Weighing, RecommendError> {
        self.settle();
        let n = self.documents();
        if n == 0 {
            return Err(RecommendError::EmptyCorpus);
        }
        if self.terms.is_empty() {
            return Err(RecommendError::EmptyVocabulary);
        }
        let options = &self.options;
        let max_doc_count = options.max_df * n as f64;
        if max_doc_count < options.min_df as f64 {
            return Err(RecommendError::CorpusTooSmall {
                papers: n,
                needed: papers_needed(options),
            });
        }
        let kept = self.keep_terms(max_doc_count);
        if kept.is_empty() {
            return Err(RecommendError::NoTermsLeft);
        }
        let mut column_of = vec![u32::MAX; self.terms.len()];
        // Every document's entry for a kept term becomes one value of the matrix.
        let nonzeros: usize = kept.iter().map(|(id, _)| self.slots[*id].df as usize).sum();
        let mut idf = Vec::with_capacity(kept.len());
        let mut terms = Vec::with_capacity(kept.len());
        for (column, (id, name)) in kept.into_iter().enumerate() {
            column_of[id] = u32::try_from(column).map_err(|_| RecommendError::TooLarge)?;
            let df = f64::from(self.slots[id].df);
            idf.push(((1.0 + n as f64) / (1.0 + df)).ln() + 1.0);
            terms.push(name);
        }
        Ok(Weighing {
            column_of,
            idf,
            terms,
            columns: Vec::with_capacity(nonzeros),
            values: Vec::with_capacity(nonzeros),
            offsets: {
                let mut offsets = Vec::with_capacity(n + 1);
                offsets.push(0);
                offsets
            },
            scratch: Vec::new(),
            counts: self,
        })
    }

    fn name(&self, id: u32) -> String {
        let mut name = String::new();
        self.spell_into(id, &mut name);
        name
    }

    fn spell_into(&self, id: u32, out: &mut String) {
        match self.terms.get(id as usize) {
            Some(Counted::Word(word)) => out.push_str(word),
            Some(Counted::Pair(a, b)) => {
                self.spell_into(*a, out);
                out.push(' ');
                self.spell_into(*b, out);
            }
            None => {}
        }
    }

    /// The kept terms' ids with their spelling, in alphabetical order.
    ///
    /// `max_features` keeps the terms with the most occurrences; of those tied at the cut,
    /// the alphabetically first. Only those tied terms are compared by spelling, and only
    /// the kept terms are spelt out.
    fn keep_terms(&self, max_doc_count: f64) -> Vec<(usize, String)> {
        let options = &self.options;
        let total = |id: usize| self.slots[id].total;
        let mut kept: Vec<usize> = (0..self.terms.len())
            .filter(|&id| {
                let df = self.slots[id].df as usize;
                df >= options.min_df && df as f64 <= max_doc_count
            })
            .collect();
        let mut tied = Vec::new();
        if let Some(limit) = options.max_features.filter(|&limit| kept.len() > limit) {
            kept.sort_unstable_by_key(|&id| std::cmp::Reverse(total(id)));
            let cut = total(kept[limit - 1]);
            let above = kept.partition_point(|&id| total(id) > cut);
            let through = kept.partition_point(|&id| total(id) >= cut);
            tied = kept[above..through]
                .iter()
                .map(|&id| (id, self.name(id as u32)))
                .collect();
            tied.sort_unstable_by(|a: &(usize, String), b| a.1.cmp(&b.1));
            tied.truncate(limit - above);
            kept.truncate(above);
        }
        let mut kept: Vec<(usize, String)> = kept
            .into_iter()
            .map(|id| (id, self.name(id as u32)))
            .chain(tied)
            .collect();
        kept.sort_unstable_by(|a, b| a.1.cmp(&b.1));
        kept
    }
}

impl TfidfBuilder {
    /// The counts of every document added, for a builder that counted the documents before
    /// them to take in ([`TfidfBuilder::merge_counts`]): two cores can count a corpus's two
    /// halves at once and end with exactly the counts one would have.
    ///
    /// `[terms: u32]`, each term a word (`[length: u32][bytes]`) or a pair of earlier words
    /// (`[PAIR: u32][a: u32][b: u32]`); `[documents: u32]`, each one's number of entries
    /// (`u32`); then every entry (`[term: u32][occurrences: u32]`), all little-endian.
    pub fn into_counts(self) -> Vec<u8> {
        let words: usize = self
            .terms
            .iter()
            .map(|term| match term {
                Counted::Word(word) => 4 + word.len(),
                Counted::Pair(..) => 12,
            })
            .sum();
        let mut bytes =
            Vec::with_capacity(8 + words + 4 * self.ends.len() + 8 * self.entries.len());
        let put = |bytes: &mut Vec<u8>, value: usize| {
            // Every count fits: ids, lengths and entries are `u32`s already.
            bytes.extend_from_slice(&(value as u32).to_le_bytes());
        };
        put(&mut bytes, self.terms.len());
        for term in &self.terms {
            match term {
                Counted::Word(word) => {
                    put(&mut bytes, word.len());
                    bytes.extend_from_slice(word.as_bytes());
                }
                Counted::Pair(a, b) => {
                    put(&mut bytes, PAIR as usize);
                    put(&mut bytes, *a as usize);
                    put(&mut bytes, *b as usize);
                }
            }
        }
        put(&mut bytes, self.ends.len());
        let mut start = 0;
        for &end in &self.ends {
            put(&mut bytes, end - start);
            start = end;
        }
        for &(id, occurrences) in &self.entries {
            put(&mut bytes, id as usize);
            put(&mut bytes, occurrences as usize);
        }
        bytes
    }

    /// Takes in the [`counts`](TfidfBuilder::into_counts) of `documents` documents that
    /// follow the ones added here, counted by another builder: the result is what adding
    /// them here would have given, term ids and all (this builder's terms first, then the
    /// other's new ones in the order it first met them).
    ///
    /// Counts that are cut short, name a term twice or one that does not exist, pair
    /// anything but two words, or hold another number of documents are refused, and the
    /// builder is left as it was.
    pub fn merge_counts(&mut self, bytes: &[u8], documents: usize) -> Result<(), RecommendError> {
        let counts = CountsReader::read(bytes, documents)?;
        // First what the other's terms are here, so that nothing changes before all is
        // known to be sound: terms met here already, or new ones (numbered from here on).
        let mut id_of = Vec::with_capacity(counts.terms.len());
        let mut new_words: FxHashMap<&[u8], u32> = FxHashMap::default();
        let mut new_pairs: FxHashMap<u64, u32> = FxHashMap::default();
        let mut new_terms: Vec<Counted> = Vec::new();
        let first_new = self.terms.len();
        let mut claimed = vec![false; first_new];
        for term in &counts.terms {
            let id = match *term {
                CountedTerm::Word(word) => {
                    let known = self.words.get(word).map(|counter| counter.id);
                    match known {
                        Some(STOP) => return Err(RecommendError::DamagedMessage),
                        Some(id) => id,
                        None => {
                            if new_words.contains_key(word) || !is_token(word) {
                                return Err(RecommendError::DamagedMessage);
                            }
                            let id = u32::try_from(first_new + new_terms.len())
                                .map_err(|_| RecommendError::TooLarge)?;
                            new_words.insert(word, id);
                            new_terms.push(Counted::Word(
                                String::from_utf8_lossy(word).into_owned().into(),
                            ));
                            id
                        }
                    }
                }
                CountedTerm::Pair(a, b) => {
                    let word = |other: u32| -> Result<u32, RecommendError> {
                        let here: u32 = *id_of
                            .get(other as usize)
                            .ok_or(RecommendError::DamagedMessage)?;
                        let is_word = match here.checked_sub(first_new as u32) {
                            Some(new) => {
                                matches!(new_terms.get(new as usize), Some(Counted::Word(_)))
                            }
                            None => matches!(self.terms.get(here as usize), Some(Counted::Word(_))),
                        };
                        is_word
                            .then_some(here)
                            .ok_or(RecommendError::DamagedMessage)
                    };
                    let (a, b) = (word(a)?, word(b)?);
                    let key = pair_key(a, b);
                    match self.pairs.get(key) {
                        Some(counter) => counter.id,
                        None => {
                            if new_pairs.contains_key(&key) {
                                return Err(RecommendError::DamagedMessage);
                            }
                            let id = u32::try_from(first_new + new_terms.len())
                                .map_err(|_| RecommendError::TooLarge)?;
                            new_pairs.insert(key, id);
                            new_terms.push(Counted::Pair(a, b));
                            id
                        }
                    }
                }
            };
            if let Some(seen) = claimed.get_mut(id as usize) {
                // Two of the other's terms cannot be one term here.
                if std::mem::replace(seen, true) {
                    return Err(RecommendError::DamagedMessage);
                }
            }
            id_of.push(id);
        }
        // Then the entries: each names one of the other's terms, at most once per document,
        // at least once.
        let terms = first_new + new_terms.len();
        let mut last_document = vec![u32::MAX; counts.terms.len()];
        let mut at = 0;
        for (document, &length) in counts.lengths.iter().enumerate() {
            for (term, occurrences) in counts.entries(at, length) {
                let seen = last_document
                    .get_mut(term as usize)
                    .ok_or(RecommendError::DamagedMessage)?;
                if *seen == document as u32 || occurrences == 0 {
                    return Err(RecommendError::DamagedMessage);
                }
                *seen = document as u32;
            }
            at += length;
        }
        let documents_after = self.ends.len() + counts.lengths.len();
        u32::try_from(documents_after + 1).map_err(|_| RecommendError::TooLarge)?;
        u32::try_from(self.entries.len() + at).map_err(|_| RecommendError::TooLarge)?;
        // All is sound: take it in.
        self.settle();
        for (word, id) in new_words {
            self.words.insert(word, Counter::new(id));
        }
        for (key, id) in new_pairs {
            self.pairs.insert(key, Counter::new(id));
        }
        self.terms.extend(new_terms);
        self.slots.resize(terms, TermSlot::default());
        self.entries.reserve(at);
        let mut at = 0;
        for &length in &counts.lengths {
            for (term, occurrences) in counts.entries(at, length) {
                let id = id_of[term as usize];
                self.entries.push((id, occurrences));
                let slot = &mut self.slots[id as usize];
                slot.df += 1;
                slot.total = slot.total.saturating_add(occurrences);
            }
            at += length;
            self.ends.push(self.entries.len());
        }
        Ok(())
    }
}

/// A term of counts being read: a word's bytes, or a pair of the counts' own term ids.
enum CountedTerm<'a> {
    Word(&'a [u8]),
    Pair(u32, u32),
}

/// Counts as [`TfidfBuilder::into_counts`] writes them, read and checked for shape.
struct CountsReader<'a> {
    terms: Vec<CountedTerm<'a>>,
    lengths: Vec<usize>,
    /// Every entry, 8 bytes each.
    entries: &'a [u8],
}

impl<'a> CountsReader<'a> {
    fn read(bytes: &'a [u8], documents: usize) -> Result<CountsReader<'a>, RecommendError> {
        let damaged = || RecommendError::DamagedMessage;
        let mut rest = bytes;
        let word = |rest: &mut &'a [u8]| -> Result<u32, RecommendError> {
            let (head, tail) = rest.split_first_chunk::<4>().ok_or_else(damaged)?;
            *rest = tail;
            Ok(u32::from_le_bytes(*head))
        };
        let n_terms = word(&mut rest)? as usize;
        // Each term takes at least 5 bytes: a count beyond that is damage, not a size to
        // allocate for.
        if n_terms > rest.len() / 5 {
            return Err(damaged());
        }
        let mut terms = Vec::with_capacity(n_terms);
        for _ in 0..n_terms {
            let tag = word(&mut rest)?;
            if tag == PAIR {
                let a = word(&mut rest)?;
                let b = word(&mut rest)?;
                terms.push(CountedTerm::Pair(a, b));
            } else {
                let length = tag as usize;
                if length > rest.len() {
                    return Err(damaged());
                }
                let (text, tail) = rest.split_at(length);
                rest = tail;
                terms.push(CountedTerm::Word(text));
            }
        }
        if word(&mut rest)? as usize != documents || documents > rest.len() / 4 {
            return Err(damaged());
        }
        let mut lengths = Vec::with_capacity(documents);
        let mut total = 0usize;
        for _ in 0..documents {
            let length = word(&mut rest)? as usize;
            total = total.checked_add(length).ok_or_else(damaged)?;
            lengths.push(length);
        }
        if total.checked_mul(8) != Some(rest.len()) {
            return Err(damaged());
        }
        Ok(CountsReader {
            terms,
            lengths,
            entries: rest,
        })
    }

    /// The `length` entries from entry `at` on: `(term, occurrences)`.
    fn entries(&self, at: usize, length: usize) -> impl Iterator<Item = (u32, u32)> + 'a {
        self.entries[8 * at..8 * (at + length)]
            .chunks_exact(8)
            .map(|entry| {
                let (term, occurrences) = entry.split_at(4);
                let read = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                (read(term), read(occurrences))
            })
    }
}

/// The tag of a pair in counts; a word's tag is its length, which cannot be this.
const PAIR: u32 = u32::MAX;

/// The id the next term gets; the caller records the term itself.
fn new_term(terms: &[Counted]) -> Result<u32, RecommendError> {
    // `u32::MAX` is no term's id: it marks stop words and empty slots.
    u32::try_from(terms.len())
        .ok()
        .filter(|&id| id != STOP)
        .ok_or(RecommendError::TooLarge)
}

impl Weighing {
    /// How many rows are weighed, of how many.
    pub fn progress(&self) -> (usize, usize) {
        (self.offsets.len() - 1, self.counts.documents())
    }

    /// Weighs up to `rows` more rows; `true` once every row is done.
    pub fn weigh(&mut self, rows: usize) -> Result<bool, RecommendError> {
        let (done, all) = self.progress();
        let tf_table = sublinear_tf_table();
        for document in done..all.min(done.saturating_add(rows)) {
            let start = match document {
                0 => 0,
                _ => self.counts.ends[document - 1],
            };
            let end = self.counts.ends[document];
            self.scratch.clear();
            for &(id, occurrences) in &self.counts.entries[start..end] {
                let column = self.column_of[id as usize];
                if column != u32::MAX {
                    let tf = match tf_table.get(occurrences as usize) {
                        Some(&tf) => tf,
                        None => 1.0 + f64::from(occurrences).ln(),
                    };
                    self.scratch.push((column, tf * self.idf[column as usize]));
                }
            }
            // Rows stay in order of first occurrence: nothing that reads them needs them
            // sorted by column, and sorting every row cost a fifth of the index.
            let norm = self.scratch.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
            // An empty row stays empty, as scikit-learn's `normalize` leaves zero rows.
            let scale = if norm > 0.0 { 1.0 / norm } else { 0.0 };
            for &(column, value) in &self.scratch {
                self.columns.push(column);
                self.values.push((value * scale) as f32);
            }
            let end = u32::try_from(self.columns.len()).map_err(|_| RecommendError::TooLarge)?;
            self.offsets.push(end);
        }
        let (done, all) = self.progress();
        Ok(done == all)
    }

    /// The matrix; rows not yet weighed are weighed now.
    pub fn finish(mut self) -> Result<TfidfMatrix, RecommendError> {
        self.weigh(usize::MAX)?;
        let matrix =
            SparseMatrix::from_parts(self.terms.len(), self.columns, self.values, self.offsets)?;
        Ok(TfidfMatrix {
            terms: self.terms,
            idf: self.idf.into_iter().map(|v| v as f32).collect(),
            matrix,
        })
    }
}

impl TfidfMatrix {
    /// Vectorises papers through [`document_text`].
    pub fn from_papers(
        papers: &[Paper],
        options: &VectoriserOptions,
    ) -> Result<TfidfMatrix, RecommendError> {
        TfidfMatrix::fit(papers.iter().map(document_text), options)
    }

    /// Builds the vocabulary from `documents` and vectorises them, one row each in order.
    pub fn fit<I, S>(
        documents: I,
        options: &VectoriserOptions,
    ) -> Result<TfidfMatrix, RecommendError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut builder = TfidfBuilder::new(options)?;
        for document in documents {
            builder.add(document.as_ref())?;
        }
        builder.into_weighing()?.finish()
    }

    pub fn n_rows(&self) -> usize {
        self.matrix.n_rows()
    }

    pub fn n_terms(&self) -> usize {
        self.terms.len()
    }

    /// Row `i`, or `None` past the end.
    pub fn row(&self, i: usize) -> Option<Row<'_>> {
        self.matrix.row(i)
    }

    /// The vocabulary, sorted; a column's term is `terms()[column]`.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// The column of `term`, if it is in the vocabulary.
    pub fn column_of(&self, term: &str) -> Option<usize> {
        self.terms.binary_search_by(|t| t.as_str().cmp(term)).ok()
    }

    /// Each column's inverse document frequency.
    pub fn idf(&self) -> &[f32] {
        &self.idf
    }

    /// The underlying sparse matrix, what the SVM trains on.
    pub fn matrix(&self) -> &SparseMatrix {
        &self.matrix
    }

    /// An estimate of the heap memory held.
    pub fn bytes(&self) -> usize {
        let terms: usize = self
            .terms
            .iter()
            .map(|t| t.capacity() + std::mem::size_of::<String>())
            .sum();
        terms + self.idf.capacity() * std::mem::size_of::<f32>() + self.matrix.bytes()
    }
}

/// `1 + ln(occurrences)` for the counts most terms have (taken once per batch of rows, not
/// once per value).
fn sublinear_tf_table() -> &'static [f64; 64] {
    static TABLE: std::sync::OnceLock<[f64; 64]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| std::array::from_fn(|n| 1.0 + (n.max(1) as f64).ln()))
}

/// The smallest corpus for which `max_df` allows `min_df` documents.
fn papers_needed(options: &VectoriserOptions) -> usize {
    let mut needed = (options.min_df as f64 / options.max_df).ceil() as usize;
    // The division can land one off the comparison `fit` makes; settle it the same way.
    while needed > 0 && options.max_df * (needed - 1) as f64 >= options.min_df as f64 {
        needed -= 1;
    }
    while options.max_df * (needed as f64) < options.min_df as f64 {
        needed += 1;
    }
    needed
}
