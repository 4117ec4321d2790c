//! Recommendations the arxiv-sanity-lite way: a TF-IDF vector per paper and, per request, a
//! linear SVM trained with the chosen papers as positives and every other paper as a
//! negative; the other papers are then ranked by the SVM's decision value.
//!
//! The recipe reproduces scikit-learn's `TfidfVectorizer` and `LinearSVC` with the settings
//! arxiv-sanity-lite used:
//!
//! - document: title, abstract and author names, joined by spaces ([`document_text`]);
//! - tokens: lower-cased, accents stripped, runs matching `[a-zA-Z_][a-zA-Z0-9_]+`, the 318
//!   classic English stop words dropped, then unigrams and bigrams of what is left;
//! - vocabulary: `min_df` 5 papers, `max_df` 10% of papers, the 20,000 most frequent terms;
//! - weights: `1 + ln tf`, smooth idf `ln((1 + n) / (1 + df)) + 1`, rows scaled to unit length;
//! - SVM: liblinear's dual coordinate descent with shrinking (`solve_l2r_l1l2_svc`), balanced
//!   class weights, `C` 0.01, and the intercept as liblinear's `bias = 1` (scikit-learn's
//!   `intercept_scaling = 1`): a constant feature whose weight is regularised like the rest.
//!
//! Deviations, all deliberate:
//!
//! - Accents are stripped with [`crate::core::search::fold`], not Unicode NFKD: it also folds
//!   letters NFKD leaves alone (`ø` → `o`, `ß` → `ss`, `æ` → `ae`) and does not expand
//!   compatibility forms (ligatures, superscripts, full-width letters).
//! - The token pattern has no `\b` anchors, so `4gpt` yields `gpt` (arxiv-sanity-lite's
//!   `\b…\b` pattern yields nothing for it).
//! - The loss defaults to the hinge (L1-loss SVM), tolerance 1e-4 and 1,000 passes;
//!   arxiv-sanity-lite used `LinearSVC`'s squared hinge with `tol=1e-6` and
//!   `max_iter=10000`, available through [`SvmOptions`].
//! - When `max_features` cuts terms with equal counts, the alphabetically first are kept
//!   (scikit-learn's order there is whatever its unstable sort gives).
//! - The coordinate order comes from a seeded xorshift, so a ranking is reproducible.
//! - Shrinking sets an alpha aside as soon as it rests at a bound (liblinear waits for its
//!   gradient to pass the previous pass's extremes): the same optimum and stopping rule, with
//!   about a fifth fewer rows visited at 30,000 papers (see [`svm`]).
//! - Values are stored as `f32`; sums are taken in `f64`.

mod counters;
pub mod documents;
pub mod index;
pub mod protocol;
pub mod rank;
pub mod request;
pub mod service;
pub mod sparse;
pub mod svm;
pub mod tokeniser;
pub mod tokens;
pub mod vectorise;

pub use documents::DocumentBatch;
pub use index::{IndexBuild, RankJob, Ranked, RecommendIndex};
pub use protocol::{
    index_requests, split_index_requests, RankingPayload, SimilarFound, WorkerReply, WorkerRequest,
};
pub use rank::{explain, learnt_terms, rank_by_positives, similar, why_columns, Learnt, Ranking};
pub use request::{ListRanking, RankRequest, Why};
pub use service::RecommendService;
pub use sparse::{Row, SparseMatrix};
pub use svm::{train, LinearModel, Loss, SvmOptions, Trainer, Training};
pub use tokeniser::Tokeniser;
pub use tokens::{document_text, is_stop_word, terms, tokens, STOP_WORDS};
pub use vectorise::{TfidfBuilder, TfidfMatrix, VectoriserOptions, Weighing};

use std::fmt;

/// Why recommendations could not be computed; each message says what would help.
#[derive(Clone, Debug, PartialEq)]
pub enum RecommendError {
    /// No papers at all.
    EmptyCorpus,
    /// The papers contain no word that counts (only stop words, digits or symbols).
    EmptyVocabulary,
    /// With these options no term could be both frequent enough and rare enough.
    CorpusTooSmall { papers: usize, needed: usize },
    /// Every term was too rare or too common.
    NoTermsLeft,
    /// Nothing was chosen to learn from.
    NoPositives,
    /// Everything was chosen, so nothing is left to rank against.
    NoNegatives,
    /// A paper index past the end of the matrix.
    PaperOutOfRange { index: usize, papers: usize },
    /// Training labels that do not match the matrix rows.
    LabelCountMismatch { labels: usize, rows: usize },
    /// A sparse entry naming a column past the end, or a value that is not finite.
    InvalidEntry { row: usize, column: u32 },
    /// More entries than the compact index types hold.
    TooLarge,
    /// An option outside its range; the text names it.
    InvalidOption(&'static str),
    /// A message between the page and the recommendation worker did not arrive whole.
    DamagedMessage,
    /// A ranking was asked of papers not (or no longer) indexed.
    NotIndexed,
}

impl fmt::Display for RecommendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyCorpus => write!(f, "There are no papers to learn from; load a feed first."),
            Self::EmptyVocabulary => write!(
                f,
                "The papers contain no usable words (only stop words, numbers or symbols)."
            ),
            Self::CorpusTooSmall { papers, needed } => write!(
                f,
                "Recommendations need at least {needed} papers, and there are {papers}; \
                 load more papers."
            ),
            Self::NoTermsLeft => write!(
                f,
                "No word is shared by enough papers to compare them; load more papers."
            ),
            Self::NoPositives => write!(f, "Choose at least one paper to base recommendations on."),
            Self::NoNegatives => write!(
                f,
                "Every paper is chosen, so none is left to recommend; unselect some."
            ),
            Self::PaperOutOfRange { index, papers } => write!(
                f,
                "Paper {index} is not among the {papers} papers; reload and choose again."
            ),
            Self::LabelCountMismatch { labels, rows } => {
                write!(f, "{labels} labels were given for {rows} papers.")
            }
            Self::InvalidEntry { row, column } => write!(
                f,
                "Row {row} has an entry in column {column} that is out of range or not finite."
            ),
            Self::TooLarge => write!(f, "Too many papers to compare at once; load fewer."),
            Self::InvalidOption(what) => write!(f, "Invalid recommendation setting: {what}."),
            Self::DamagedMessage => write!(
                f,
                "A message between the page and its recommender arrived damaged; reload the page."
            ),
            Self::NotIndexed => write!(
                f,
                "The papers are not indexed yet; try again once they are."
            ),
        }
    }
}

impl std::error::Error for RecommendError {}
