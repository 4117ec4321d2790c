//! The daily digest: what is new since the last visit, what was read, and rankings learnt
//! from the favourites (recommendations and similar papers).

mod digest_bar;
mod reading_state;
mod recommend_state;
mod similar_papers;

pub use digest_bar::DigestBar;
pub use reading_state::{ReadingState, READING_KEY};
pub use recommend_state::{IndexInfo, IndexStatus, ListStatus, RecommendState, SimilarStatus};
pub use similar_papers::SimilarPapers;
