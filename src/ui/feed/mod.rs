//! The loaded feed: its header, its notices and its papers.

mod author_list;
mod feed_header;
mod feed_notices;
mod math_text;
mod paper_actions;
mod paper_card;
mod paper_list;
mod paper_notes;
mod paper_rows;

pub use author_list::AuthorList;
pub use feed_header::FeedHeader;
pub use feed_notices::FeedNotices;
pub use math_text::MathText;
pub use paper_actions::PaperActions;
pub use paper_card::PaperCard;
pub use paper_list::PaperList;
pub use paper_notes::PaperNotes;
pub use paper_rows::PaperRows;
