//! What parsing reports: the parsed feed, its errors and warnings, and where in the text they are.

use std::fmt;

use super::super::super::text::{collapse_whitespace, truncate_chars};
use super::super::Feed;
use super::MAX_DEPTH;

/// A parsed feed with everything that was odd about it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParsedFeed {
    pub feed: Feed,
    pub warnings: Vec<ParseWarning>,
}

/// Why a document could not be read as a feed at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    UnsupportedEncoding {
        encoding: String,
    },
    InvalidText {
        encoding: &'static str,
        line: usize,
        column: usize,
    },
    DoctypeRefused {
        line: usize,
        column: usize,
    },
    TooDeep {
        line: usize,
        column: usize,
    },
    Malformed {
        line: usize,
        column: usize,
        message: String,
        excerpt: String,
    },
    NotAFeed {
        root: String,
    },
    /// arXiv answered with an error feed; `message` is arXiv's own explanation.
    ArxivApi {
        message: String,
    },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => f.write_str("The document is empty: there is no feed to read."),
            ParseError::TooLarge { bytes, limit } => write!(
                f,
                "The feed is {} MB, more than the {} MB this page reads. Split the query into smaller date ranges.",
                bytes / 1_000_000,
                limit / 1_000_000
            ),
            ParseError::UnsupportedEncoding { encoding } => write!(
                f,
                "The feed is encoded as {encoding}, which this page cannot read. Save it as UTF-8 and try again."
            ),
            ParseError::InvalidText { encoding, line, column } => write!(
                f,
                "The feed is not valid {encoding} text (line {line}, column {column}). Is it a binary file?"
            ),
            ParseError::DoctypeRefused { line, column } => write!(
                f,
                "The feed declares a DOCTYPE (line {line}, column {column}). Feeds never need one, and entity definitions can be used to attack readers, so it is refused."
            ),
            ParseError::TooDeep { line, column } => write!(
                f,
                "The feed nests elements more than {MAX_DEPTH} deep (line {line}, column {column}); no real feed does, so it is refused."
            ),
            ParseError::Malformed { line, column, message, excerpt } => write!(
                f,
                "The feed is not well-formed XML at line {line}, column {column}: {message}. Near: “{excerpt}”"
            ),
            ParseError::NotAFeed { root } => write!(
                f,
                "This is not an Atom feed: its top element is <{root}>. Load an arXiv API response or an Atom feed."
            ),
            ParseError::ArxivApi { message } => write!(f, "arXiv answered with an error: {message}"),
        }
    }
}

impl std::error::Error for ParseError {}

/// Something odd about the feed that did not stop it from loading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseWarning {
    /// The n-th entry (1-based) had no id and was dropped.
    EntryWithoutId { entry: usize },
    /// An entry had no title; it is kept with an empty one.
    MissingTitle { paper: String },
    BadTimestamp {
        paper: String,
        field: &'static str,
        value: String,
    },
    /// A link that is not http(s) was dropped.
    UnsafeLink { paper: String, href: String },
    /// An entity reference the parser does not know was kept as literal text.
    UnknownEntity { name: String },
    /// The same paper appeared twice; the newer version was kept.
    DuplicatePaper { paper: String },
    /// arXiv reported an error next to real results.
    ArxivApi { message: String },
    /// The document stops before its end (a download cut off); the entries before the cut
    /// are kept.
    CutOff { complete_entries: usize },
}

impl ParseWarning {
    /// Whether the warning loses nothing a reader would miss (the same paper listed twice),
    /// so it need not interrupt anyone.
    pub fn is_harmless(&self) -> bool {
        matches!(self, ParseWarning::DuplicatePaper { .. })
    }
}

impl fmt::Display for ParseWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseWarning::EntryWithoutId { entry } => {
                write!(f, "Entry {entry} has no id and was left out.")
            }
            ParseWarning::MissingTitle { paper } => write!(f, "{paper} has no title."),
            ParseWarning::BadTimestamp {
                paper,
                field,
                value,
            } => write!(
                f,
                "{paper}: the {field} date “{}” is not a valid timestamp and was ignored.",
                truncate_chars(value, 40)
            ),
            ParseWarning::UnsafeLink { paper, href } => write!(
                f,
                "{paper}: a link that is not http or https (“{}”) was dropped.",
                truncate_chars(href, 60)
            ),
            ParseWarning::UnknownEntity { name } => write!(
                f,
                "The entity “&{}” is not defined in XML; it was kept as text.",
                truncate_chars(name, 40)
            ),
            ParseWarning::DuplicatePaper { paper } => write!(
                f,
                "{paper} appears more than once; the newest version was kept."
            ),
            ParseWarning::ArxivApi { message } => write!(f, "arXiv reported an error: {message}"),
            ParseWarning::CutOff { complete_entries } => write!(
                f,
                "The feed stops in the middle, as if its download was cut off; the {complete_entries} complete entr{} before the cut {} kept. Load it again to get the rest.",
                if *complete_entries == 1 { "y" } else { "ies" },
                if *complete_entries == 1 { "is" } else { "are" }
            ),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(super) fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The text of the line holding `offset`, shortened around it.
pub(super) fn excerpt_at(text: &str, offset: usize) -> String {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let start = floor_char_boundary(text, offset.saturating_sub(40).max(line_start));
    let end = floor_char_boundary(text, (offset + 40).min(line_end));
    collapse_whitespace(&text[start..end])
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}
