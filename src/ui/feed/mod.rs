//! The loaded feed: its header, its notices and its papers.

mod author_list;
mod feed_header;
mod feed_notices;
mod paper_card;
mod paper_list;

pub use author_list::AuthorList;
pub use feed_header::FeedHeader;
pub use feed_notices::FeedNotices;
pub use paper_card::PaperCard;
pub use paper_list::PaperList;
