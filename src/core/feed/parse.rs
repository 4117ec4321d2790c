//! A streaming, namespace-aware parser for arXiv API Atom feeds (current, interim and legacy
//! shapes) and plain Atom 1.0.
//!
//! Elements are matched by namespace URI and local name, never by prefix or position, because
//! arXiv changed both in Nov 2025. The parser is total: it returns the feed plus warnings, and
//! one bad entry costs only that entry.

use std::borrow::Cow;
use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::hash::BuildHasher;
use std::ops::Range;

use quick_xml::events::attributes::Attributes;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::{NamespaceResolver, ResolveResult};
use quick_xml::Reader;

use super::super::text::{collapse_whitespace, percent_decode, query_pairs, truncate_chars};
use super::{ArxivId, Author, Feed, FeedMeta, Paper, PaperLinks, Timestamp};

/// The largest feed accepted: well above a 30,000-entry API result (~100 MB).
pub const MAX_FEED_BYTES: usize = 256 * 1024 * 1024;

/// Deeper nesting than any real feed has; refusing it bounds the parser's memory.
const MAX_DEPTH: usize = 256;

const ATOM_NS: &[u8] = b"http://www.w3.org/2005/Atom";
const OPENSEARCH_NS: &[u8] = b"http://a9.com/-/spec/opensearch/1.1/";
const ARXIV_NS: &[u8] = b"http://arxiv.org/schemas/atom";
const DUBLIN_CORE_NS: &[u8] = b"http://purl.org/dc/elements/1.1/";

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

/// Parses an arXiv API response or an Atom feed from raw bytes (any supported encoding).
pub fn parse_feed(input: &[u8]) -> Result<ParsedFeed, ParseError> {
    if input.len() > MAX_FEED_BYTES {
        return Err(ParseError::TooLarge {
            bytes: input.len(),
            limit: MAX_FEED_BYTES,
        });
    }
    let text = decode_document(input)?;
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    FeedParser::new(&text).run()
}

/// Turns the bytes into text: UTF-8 (with or without BOM), UTF-16 with a BOM, and the
/// single-byte encodings feeds are still saved in, by their XML declaration.
fn decode_document(input: &[u8]) -> Result<Cow<'_, str>, ParseError> {
    if let Some(rest) = input.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8(rest);
    }
    if let Some(rest) = input.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = input.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    let declared = declared_encoding(input).map(|name| name.to_ascii_lowercase());
    match declared.as_deref() {
        None | Some("utf-8" | "utf8" | "us-ascii" | "ascii") => decode_utf8(input),
        Some("iso-8859-1" | "latin1" | "latin-1" | "iso8859-1") => {
            Ok(Cow::Owned(input.iter().map(|&b| char::from(b)).collect()))
        }
        Some("windows-1252" | "cp1252") => {
            Ok(Cow::Owned(input.iter().map(|&b| windows_1252(b)).collect()))
        }
        Some(other) => Err(ParseError::UnsupportedEncoding {
            encoding: other.to_ascii_uppercase(),
        }),
    }
}

fn decode_utf8(input: &[u8]) -> Result<Cow<'_, str>, ParseError> {
    std::str::from_utf8(input)
        .map(Cow::Borrowed)
        .map_err(|err| {
            let valid = &input[..err.valid_up_to()];
            let (line, column) = line_and_column(&String::from_utf8_lossy(valid), valid.len());
            ParseError::InvalidText {
                encoding: "UTF-8",
                line,
                column,
            }
        })
}

fn decode_utf16(input: &[u8], to_unit: fn([u8; 2]) -> u16) -> Result<Cow<'_, str>, ParseError> {
    let units = input.chunks(2).map(|pair| match pair {
        [a, b] => to_unit([*a, *b]),
        _ => 0xFFFF,
    });
    let mut text = String::with_capacity(input.len() / 2);
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(ch) if ch != '\u{FFFF}' => text.push(ch),
            _ => {
                let (line, column) = line_and_column(&text, text.len());
                return Err(ParseError::InvalidText {
                    encoding: "UTF-16",
                    line,
                    column,
                });
            }
        }
    }
    Ok(Cow::Owned(text))
}

/// The `encoding` pseudo-attribute of the XML declaration, if there is one.
fn declared_encoding(input: &[u8]) -> Option<String> {
    let head = &input[..input.len().min(256)];
    let head = String::from_utf8_lossy(head);
    let decl = head.strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let after = &decl[decl.find("encoding")? + "encoding".len()..];
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &after[1..];
    Some(value[..value.find(quote)?].to_string())
}

/// Windows-1252 differs from Latin-1 only in 0x80–0x9F.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The text of the line holding `offset`, shortened around it.
fn excerpt_at(text: &str, offset: usize) -> String {
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

#[derive(Clone, Copy, PartialEq, Eq, Default)]
enum Namespace {
    Atom,
    OpenSearch,
    Arxiv,
    DublinCore,
    /// No namespace: RSS 2.0 elements.
    Unbound,
    #[default]
    Other,
}

impl Namespace {
    fn of(resolved: &ResolveResult<'_>) -> Namespace {
        match resolved {
            ResolveResult::Bound(ns) if ns.0 == ATOM_NS => Namespace::Atom,
            ResolveResult::Bound(ns) if ns.0 == OPENSEARCH_NS => Namespace::OpenSearch,
            ResolveResult::Bound(ns) if ns.0 == ARXIV_NS => Namespace::Arxiv,
            ResolveResult::Bound(ns) if ns.0 == DUBLIN_CORE_NS => Namespace::DublinCore,
            ResolveResult::Unbound => Namespace::Unbound,
            _ => Namespace::Other,
        }
    }
}

/// The elements the parser cares about, by where they stand.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Node {
    /// `<rss>`; its `<channel>` is read as [`Node::Feed`].
    Rss,
    Feed,
    /// `<lastBuildDate>` or `<pubDate>` of an RSS channel.
    FeedDate,
    FeedId,
    FeedTitle,
    FeedUpdated,
    TotalResults,
    StartIndex,
    ItemsPerPage,
    Entry,
    EntryId,
    Title,
    Summary,
    Published,
    Updated,
    Comment,
    JournalRef,
    Doi,
    Author,
    AuthorName,
    Affiliation,
    /// RSS `<link>` text.
    LinkText,
    /// RSS `<category>` text.
    CategoryText,
    /// RSS `<pubDate>` (RFC 822).
    PubDate,
    AnnounceType,
    /// `dc:creator`: all authors in one comma-separated string.
    Creators,
    Other,
}

impl Node {
    fn child(self, ns: Namespace, local: &[u8]) -> Node {
        use Namespace::*;
        match (self, ns, local) {
            (Node::Rss, Unbound, b"channel") => Node::Feed,
            (Node::Feed, Unbound, b"title") => Node::FeedTitle,
            (Node::Feed, Unbound, b"item") => Node::Entry,
            (Node::Feed, Unbound, b"lastBuildDate" | b"pubDate") => Node::FeedDate,
            (Node::Entry, Unbound, b"title") => Node::Title,
            (Node::Entry, Unbound, b"description") => Node::Summary,
            (Node::Entry, Unbound, b"guid") => Node::EntryId,
            (Node::Entry, Unbound, b"link") => Node::LinkText,
            (Node::Entry, Unbound, b"category") => Node::CategoryText,
            (Node::Entry, Unbound, b"pubDate") => Node::PubDate,
            (Node::Entry, Arxiv, b"announce_type") => Node::AnnounceType,
            (Node::Entry, Arxiv, b"DOI") => Node::Doi,
            (Node::Entry, Arxiv, b"journal_reference") => Node::JournalRef,
            (Node::Entry, DublinCore, b"creator") => Node::Creators,
            (Node::Feed, Atom, b"id") => Node::FeedId,
            (Node::Feed, Atom, b"title") => Node::FeedTitle,
            (Node::Feed, Atom, b"updated") => Node::FeedUpdated,
            (Node::Feed, Atom, b"entry") => Node::Entry,
            (Node::Feed, OpenSearch, b"totalResults") => Node::TotalResults,
            (Node::Feed, OpenSearch, b"startIndex") => Node::StartIndex,
            (Node::Feed, OpenSearch, b"itemsPerPage") => Node::ItemsPerPage,
            (Node::Entry, Atom, b"id") => Node::EntryId,
            (Node::Entry, Atom, b"title") => Node::Title,
            (Node::Entry, Atom, b"summary") => Node::Summary,
            (Node::Entry, Atom, b"published") => Node::Published,
            (Node::Entry, Atom, b"updated") => Node::Updated,
            (Node::Entry, Atom, b"author") => Node::Author,
            (Node::Entry, Arxiv, b"comment") => Node::Comment,
            (Node::Entry, Arxiv, b"journal_ref") => Node::JournalRef,
            (Node::Entry, Arxiv, b"doi") => Node::Doi,
            (Node::Author, Atom, b"name") => Node::AuthorName,
            (Node::Author, Arxiv, b"affiliation") => Node::Affiliation,
            _ => Node::Other,
        }
    }

    fn holds_text(self) -> bool {
        !matches!(
            self,
            Node::Rss | Node::Feed | Node::Entry | Node::Author | Node::Other
        )
    }
}

/// How an entry's `<link>` is marked, read from its attributes as they stream past; only the
/// address itself is kept as text.
struct RawLink {
    href: String,
    rel: LinkRel,
    /// `title="pdf"` (any case) or `type="application/pdf"`.
    marked_pdf: bool,
    /// `title="doi"` (any case).
    marked_doi: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LinkRel {
    Missing,
    Alternate,
    Other,
}

/// A timestamp element's text, parsed when the element ends; the text is kept only when it
/// is not a valid timestamp, for the warning.
enum DraftTime {
    Valid(Timestamp),
    Invalid(String),
}

impl DraftTime {
    /// `None` for empty text.
    fn read(raw: &str) -> Option<DraftTime> {
        let value = raw.trim();
        if value.is_empty() {
            return None;
        }
        Some(match Timestamp::parse_rfc3339(value) {
            Some(parsed) => DraftTime::Valid(parsed),
            None => DraftTime::Invalid(value.to_string()),
        })
    }
}

/// The single-valued fields of the entry being read; its authors, categories and links are
/// gathered in the parser's reused lists (`FeedParser::draft_authors` and so on).
#[derive(Default)]
struct EntryDraft {
    raw_id: Option<String>,
    title: Option<String>,
    /// Whitespace already collapsed.
    summary: Option<String>,
    published: Option<DraftTime>,
    updated: Option<DraftTime>,
    primary_category: Option<String>,
    comment: Option<String>,
    journal_ref: Option<String>,
    doi: Option<String>,
    link_text: Option<String>,
    pub_date: Option<String>,
    announce_type: Option<String>,
    creators: Option<String>,
}

/// An open element: what it is and whether it declared namespaces.
#[derive(Clone, Copy)]
struct Frame {
    node: Node,
    /// Its `xmlns` attributes were pushed onto the resolver and are popped when it closes.
    declares: bool,
}

struct FeedParser<'i> {
    source: &'i str,
    reader: Reader<&'i [u8]>,
    /// Namespace declarations in scope. Only elements with `xmlns` attributes open a scope
    /// (arXiv declares everything on the root), which spares every other element the
    /// attribute scan and scope bookkeeping of a namespace-aware reader.
    namespaces: NamespaceResolver,
    /// Element namespaces already resolved under the declarations in scope.
    resolved: ResolvedNamespaces,
    /// Byte offset where the current event starts, for error positions.
    event_start: usize,
    stack: Vec<Frame>,
    /// Text of the outermost text-bearing element being read, and its depth. Text that is
    /// one piece of the source is only borrowed (`text_slice`); text from several pieces or
    /// with references is gathered in `text` (`text_owned`), whose allocation is reused.
    text: String,
    text_slice: &'i str,
    text_owned: bool,
    text_depth: Option<usize>,
    meta: FeedMeta,
    entry: Option<EntryDraft>,
    /// The lists of the entry being read, kept between entries so their allocations are
    /// reused; a paper gets exactly sized copies.
    draft_authors: Vec<Author>,
    /// Without duplicates.
    draft_categories: Vec<String>,
    draft_links: Vec<RawLink>,
    author: Option<Author>,
    entries_seen: usize,
    papers: Vec<Paper>,
    /// Hash of a paper id → the latest paper in `papers` with an id of that hash, to fold
    /// duplicates without keeping a second copy of every id.
    paper_index: HashMap<u64, usize>,
    /// For each paper, the previous paper whose id has the same hash.
    same_hash: Vec<Option<usize>>,
    id_hasher: RandomState,
    api_errors: Vec<String>,
    warnings: Vec<ParseWarning>,
    is_rss: bool,
    /// Some entry carried an `arxiv:announce_type`: a daily listing.
    saw_listing: bool,
}

impl<'i> FeedParser<'i> {
    fn new(source: &'i str) -> Self {
        let mut reader = Reader::from_str(source);
        reader.config_mut().expand_empty_elements = false;
        FeedParser {
            source,
            reader,
            namespaces: NamespaceResolver::default(),
            resolved: ResolvedNamespaces::default(),
            event_start: 0,
            stack: Vec::with_capacity(8),
            text: String::new(),
            text_slice: "",
            text_owned: false,
            text_depth: None,
            meta: FeedMeta::default(),
            entry: None,
            draft_authors: Vec::new(),
            draft_categories: Vec::new(),
            draft_links: Vec::new(),
            author: None,
            entries_seen: 0,
            papers: Vec::new(),
            paper_index: HashMap::new(),
            same_hash: Vec::new(),
            id_hasher: RandomState::new(),
            api_errors: Vec::new(),
            warnings: Vec::new(),
            is_rss: false,
            saw_listing: false,
        }
    }

    fn run(mut self) -> Result<ParsedFeed, ParseError> {
        let mut saw_root = false;
        loop {
            self.event_start = self.reader.buffer_position() as usize;
            // One match on the result that moves the parts out: copying the whole event out
            // of the result first, or binding by reference and dropping the result after,
            // each measured a few percent slower.
            match self.reader.read_event() {
                Err(err) => return self.read_failed(&err, saw_root),
                Ok(Event::Start(start)) => {
                    let (ns, declares, local) = match self.enter_scope(&start) {
                        Ok(scope) => scope,
                        Err(err) => return self.read_failed(&err, saw_root),
                    };
                    self.open(ns, declares, local, &start, &mut saw_root)?;
                }
                Ok(Event::Empty(start)) => {
                    let (ns, declares, local) = match self.enter_scope(&start) {
                        Ok(scope) => scope,
                        Err(err) => return self.read_failed(&err, saw_root),
                    };
                    self.open(ns, declares, local, &start, &mut saw_root)?;
                    self.close();
                }
                Ok(Event::End(_)) => self.close(),
                Ok(Event::Text(text)) => {
                    if self.text_depth.is_some() {
                        match self.borrowed_text(&text) {
                            Some(borrowed) => self.push_text(borrowed),
                            None => match text.decode() {
                                Ok(decoded) => self.push_owned_text(&decoded),
                                Err(err) => return Err(self.malformed(err.to_string())),
                            },
                        }
                    }
                }
                Ok(Event::CData(cdata)) => {
                    if self.text_depth.is_some() {
                        match cdata.decode() {
                            Ok(decoded) => self.push_owned_text(&decoded),
                            Err(err) => return Err(self.malformed(err.to_string())),
                        }
                    }
                }
                Ok(Event::GeneralRef(reference)) => {
                    if self.text_depth.is_some() {
                        self.push_reference(&reference)?;
                    }
                }
                Ok(Event::DocType(_)) => {
                    let (line, column) = self.event_position();
                    return Err(ParseError::DoctypeRefused { line, column });
                }
                Ok(Event::Eof) => break,
                Ok(Event::Decl(_) | Event::PI(_) | Event::Comment(_)) => {}
            }
        }
        if !saw_root {
            return Err(ParseError::Empty);
        }
        if !self.stack.is_empty() {
            return self.finish_cut_off();
        }
        self.finish()
    }

    /// The document could not be read further.
    fn read_failed(self, err: &quick_xml::Error, saw_root: bool) -> Result<ParsedFeed, ParseError> {
        let message = err.to_string();
        // Input that breaks off inside a tag is a cut-off download, not bad XML; a wrong
        // end tag at the very end is still bad XML.
        let unfinished = matches!(err, quick_xml::Error::Syntax(_));
        if unfinished && saw_root && self.reached_end() {
            return self.finish_cut_off();
        }
        Err(self.malformed(message))
    }

    /// Opens the namespace scope of a start tag, as a namespace-aware reader does (with the
    /// same checks and errors), and resolves the element's namespace by URI. Returns the
    /// namespace, whether the tag declared namespaces (so its scope is closed with it) and
    /// the local name.
    fn enter_scope<'s>(
        &mut self,
        start: &'s BytesStart<'_>,
    ) -> Result<(Namespace, bool, &'s [u8]), quick_xml::Error> {
        let declares = may_declare_namespaces(start);
        if declares {
            self.namespaces.push(start)?;
            self.resolved.clear();
        }
        let name = start.name().into_inner();
        // Split at the first colon, as `QName` does.
        let (prefix, local) = match name.iter().position(|&b| b == b':') {
            Some(colon) => (Some(&name[..colon]), &name[colon + 1..]),
            None => (None, name),
        };
        let ns = match self.resolved.get(prefix) {
            Some(ns) => ns,
            None => {
                let resolved = self.namespaces.resolve_prefix(start.name().prefix(), true);
                let ns = Namespace::of(&resolved);
                self.resolved.insert(prefix, ns);
                ns
            }
        };
        Ok((ns, declares, local))
    }

    /// Whether the reader has consumed the whole input (ignoring trailing whitespace).
    fn reached_end(&self) -> bool {
        let position = self.reader.buffer_position() as usize;
        self.source
            .get(position..)
            .is_none_or(|rest| rest.trim().is_empty())
    }

    /// Keeps the complete entries of a document that stops early. Only a recognised feed is
    /// salvaged: anything else cut off is still reported as malformed.
    fn finish_cut_off(mut self) -> Result<ParsedFeed, ParseError> {
        let is_feed = matches!(
            self.stack.first().map(|frame| frame.node),
            Some(Node::Feed | Node::Rss)
        ) || self.is_rss;
        if !is_feed {
            return Err(self.malformed("the document ends before its elements are closed".into()));
        }
        self.warnings.push(ParseWarning::CutOff {
            complete_entries: self.papers.len(),
        });
        self.finish()
    }

    fn open(
        &mut self,
        ns: Namespace,
        declares: bool,
        local: &[u8],
        start: &BytesStart<'_>,
        saw_root: &mut bool,
    ) -> Result<(), ParseError> {
        let parent = self.stack.last().map(|frame| frame.node);
        let node = match parent {
            None => {
                *saw_root = true;
                if ns == Namespace::Atom && local == b"feed" {
                    Node::Feed
                } else if ns == Namespace::Unbound && local == b"rss" {
                    self.is_rss = true;
                    Node::Rss
                } else {
                    let root = String::from_utf8_lossy(start.name().as_ref()).into_owned();
                    return Err(ParseError::NotAFeed {
                        root: truncate_chars(&root, 40).into_owned(),
                    });
                }
            }
            Some(parent) => parent.child(ns, local),
        };
        if self.stack.len() >= MAX_DEPTH {
            let (line, column) = self.event_position();
            return Err(ParseError::TooDeep { line, column });
        }
        self.stack.push(Frame { node, declares });
        match node {
            Node::Entry => {
                self.entries_seen += 1;
                self.entry = Some(EntryDraft::default());
                self.draft_authors.clear();
                self.draft_categories.clear();
                self.draft_links.clear();
            }
            Node::Author => self.author = Some(Author::default()),
            Node::Other if ns == Namespace::Atom || ns == Namespace::Arxiv => {
                self.read_attributes_of(parent, ns, local, start);
            }
            _ => {}
        }
        if node.holds_text() && self.text_depth.is_none() {
            self.text.clear();
            self.text_slice = "";
            self.text_owned = false;
            self.text_depth = Some(self.stack.len());
        }
        Ok(())
    }

    /// Links and categories carry their data in attributes.
    fn read_attributes_of(
        &mut self,
        parent: Option<Node>,
        ns: Namespace,
        local: &[u8],
        start: &BytesStart<'_>,
    ) {
        const HREF: usize = 0;
        const REL: usize = 1;
        const TITLE: usize = 2;
        const TYPE: usize = 3;
        let wanted: &[&[u8]] = match (parent, ns, local) {
            (Some(Node::Entry | Node::Feed), Namespace::Atom, b"link") => {
                &[b"href", b"rel", b"title", b"type"]
            }
            (Some(Node::Entry), Namespace::Atom, b"category") => &[b"term"],
            (Some(Node::Entry), Namespace::Arxiv, b"primary_category") => &[b"term"],
            _ => return,
        };
        let mut values = self
            .borrowed_text(start.attributes_raw())
            .and_then(|raw| simple_attributes(raw, wanted))
            .unwrap_or_else(|| checked_attributes(start.attributes(), wanted));
        match (parent, local) {
            (Some(Node::Entry), b"link") => {
                if let (Some(_), Some(href)) = (&self.entry, values[HREF].take()) {
                    let title = values[TITLE].as_deref();
                    self.draft_links.push(RawLink {
                        href: href.into_owned(),
                        rel: match values[REL].as_deref() {
                            None => LinkRel::Missing,
                            Some("alternate") => LinkRel::Alternate,
                            Some(_) => LinkRel::Other,
                        },
                        marked_pdf: title.is_some_and(|t| t.eq_ignore_ascii_case("pdf"))
                            || values[TYPE].as_deref() == Some("application/pdf"),
                        marked_doi: title.is_some_and(|t| t.eq_ignore_ascii_case("doi")),
                    });
                }
            }
            (Some(Node::Feed), b"link") => {
                let is_self = matches!(values[REL].as_deref(), None | Some("self"));
                if is_self && self.meta.link.is_none() {
                    self.meta.link = values[HREF]
                        .take()
                        .filter(|href| is_http_url(href))
                        .map(Cow::into_owned);
                }
            }
            (_, b"category") => {
                if let (Some(_), Some(term)) = (&self.entry, values[0].take()) {
                    if !term.is_empty() && !self.draft_categories.iter().any(|c| *c == *term) {
                        self.draft_categories.push(term.into_owned());
                    }
                }
            }
            (_, b"primary_category") => {
                if let Some(entry) = self.entry.as_mut() {
                    entry.primary_category = values[0]
                        .take()
                        .filter(|term| !term.is_empty())
                        .map(Cow::into_owned);
                }
            }
            _ => {}
        }
    }

    /// The text of a text event as a slice of the document, which is valid UTF-8 already, so
    /// it needs no second check. `None` if the event does not borrow from the document.
    fn borrowed_text(&self, bytes: &[u8]) -> Option<&'i str> {
        let offset = bytes
            .as_ptr()
            .addr()
            .checked_sub(self.source.as_ptr().addr())?;
        let text = self.source.get(offset..offset.checked_add(bytes.len())?)?;
        (text.as_ptr() == bytes.as_ptr()).then_some(text)
    }

    fn push_text(&mut self, piece: &'i str) {
        if self.text_owned {
            self.text.push_str(piece);
        } else if self.text_slice.is_empty() {
            self.text_slice = piece;
        } else {
            self.text.push_str(self.text_slice);
            self.text.push_str(piece);
            self.text_owned = true;
        }
    }

    fn push_owned_text(&mut self, piece: &str) {
        if !self.text_owned {
            self.text.push_str(self.text_slice);
            self.text_owned = true;
        }
        self.text.push_str(piece);
    }

    fn push_reference(&mut self, reference: &BytesRef<'_>) -> Result<(), ParseError> {
        match reference.resolve_char_ref() {
            Ok(Some(ch)) => {
                let mut utf8 = [0; 4];
                self.push_owned_text(ch.encode_utf8(&mut utf8));
                return Ok(());
            }
            Ok(None) => {}
            Err(err) => return Err(self.malformed(err.to_string())),
        }
        let name = match reference.decode() {
            Ok(name) => name,
            Err(err) => return Err(self.malformed(err.to_string())),
        };
        match quick_xml::escape::resolve_predefined_entity(&name) {
            Some(resolved) => self.push_owned_text(resolved),
            None => {
                self.push_owned_text("&");
                self.text.push_str(&name);
                self.text.push(';');
                let warning = ParseWarning::UnknownEntity {
                    name: name.into_owned(),
                };
                if !self.warnings.contains(&warning) {
                    self.warnings.push(warning);
                }
            }
        }
        Ok(())
    }

    fn close(&mut self) {
        let depth = self.stack.len();
        let Some(Frame { node, declares }) = self.stack.pop() else {
            return;
        };
        if declares {
            self.namespaces.pop();
            self.resolved.clear();
        }
        if self.text_depth == Some(depth) {
            self.text_depth = None;
            // The buffer is lent out and put back, so its allocation serves the next element.
            let buffer = std::mem::take(&mut self.text);
            let raw = if self.text_owned {
                buffer.as_str()
            } else {
                self.text_slice
            };
            self.store_text(node, raw);
            self.text = buffer;
        }
        match node {
            Node::Author => {
                if let (Some(author), Some(_)) = (self.author.take(), &self.entry) {
                    if !author.name.is_empty() {
                        self.draft_authors.push(author);
                    }
                }
            }
            Node::Entry => {
                if let Some(entry) = self.entry.take() {
                    self.finish_entry(entry);
                }
            }
            _ => {}
        }
    }

    fn store_text(&mut self, node: Node, raw: &str) {
        let meta = &mut self.meta;
        let trimmed = || raw.trim().to_string();
        if let Some(author) = self.author.as_mut() {
            match node {
                Node::AuthorName => author.name = collapse_whitespace(raw),
                Node::Affiliation => {
                    let affiliation = collapse_whitespace(raw);
                    if !affiliation.is_empty() {
                        author.affiliations.push(affiliation);
                    }
                }
                _ => {}
            }
            return;
        }
        if let Some(entry) = self.entry.as_mut() {
            let non_empty = |text: String| (!text.is_empty()).then_some(text);
            let trimmed_non_empty = || {
                let text = raw.trim();
                (!text.is_empty()).then(|| text.to_string())
            };
            match node {
                Node::EntryId => entry.raw_id = trimmed_non_empty(),
                Node::Title => entry.title = Some(collapse_whitespace(raw)),
                // Collapsed once here: the abstract and an API error's message are both read
                // collapsed.
                Node::Summary => entry.summary = Some(collapse_whitespace(raw)),
                Node::Published => entry.published = DraftTime::read(raw),
                Node::Updated => entry.updated = DraftTime::read(raw),
                Node::Comment => entry.comment = non_empty(collapse_whitespace(raw)),
                Node::JournalRef => entry.journal_ref = non_empty(collapse_whitespace(raw)),
                Node::Doi => entry.doi = trimmed_non_empty(),
                Node::LinkText => entry.link_text = trimmed_non_empty(),
                Node::CategoryText => {
                    let term = raw.trim();
                    if !term.is_empty() && !self.draft_categories.iter().any(|c| c == term) {
                        self.draft_categories.push(term.to_string());
                    }
                }
                Node::PubDate => entry.pub_date = trimmed_non_empty(),
                Node::AnnounceType => entry.announce_type = trimmed_non_empty(),
                Node::Creators => entry.creators = non_empty(collapse_whitespace(raw)),
                _ => {}
            }
            return;
        }
        let number = || raw.trim().parse::<u64>().ok();
        match node {
            Node::FeedId => meta.id = Some(trimmed()).filter(|id| !id.is_empty()),
            Node::FeedTitle => {
                meta.title = Some(collapse_whitespace(raw)).filter(|t| !t.is_empty())
            }
            Node::FeedUpdated => meta.updated = Timestamp::parse_rfc3339(raw),
            Node::FeedDate if meta.updated.is_none() => {
                meta.updated = Timestamp::parse_rfc2822(raw)
            }
            Node::TotalResults => meta.total_results = number(),
            Node::StartIndex => meta.start_index = number(),
            Node::ItemsPerPage => {
                meta.items_per_page = number();
                if let Some(count) = meta.items_per_page {
                    self.reserve_papers(count);
                }
            }
            _ => {}
        }
    }

    /// Makes room for the papers a page says it holds, so the list and the index are not
    /// regrown as they fill. The claim is capped by what the document could hold, so a
    /// wrong number costs nothing much.
    fn reserve_papers(&mut self, claimed: u64) {
        const MIN_ENTRY_BYTES: usize = 1024;
        let plausible = self.source.len() / MIN_ENTRY_BYTES;
        let count = usize::try_from(claimed).map_or(plausible, |claimed| claimed.min(plausible));
        self.papers.reserve(count.saturating_sub(self.papers.len()));
        self.same_hash
            .reserve(count.saturating_sub(self.same_hash.len()));
        self.paper_index
            .reserve(count.saturating_sub(self.paper_index.len()));
    }

    fn finish_entry(&mut self, draft: EntryDraft) {
        let mut draft = draft;
        // RSS items may name the paper only by their link.
        let raw_id = draft.raw_id.take().or_else(|| draft.link_text.clone());
        let Some(raw_id) = raw_id else {
            self.warnings.push(ParseWarning::EntryWithoutId {
                entry: self.entries_seen,
            });
            return;
        };
        if raw_id.contains("arxiv.org/api/errors") {
            let message = draft
                .summary
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "no explanation was given".to_string());
            self.api_errors.push(message);
            return;
        }
        let found = ArxivId::find(&raw_id).and_then(|(id, version)| {
            let range = subslice_range(&raw_id, id)?;
            Some((range, version))
        });
        let (id, version, is_arxiv) = match found {
            // The id is a piece of the text: cut the text down to it rather than copy it.
            Some((range, version)) => {
                let mut id = raw_id;
                id.truncate(range.end);
                id.drain(..range.start);
                (id, version, true)
            }
            None => (raw_id, None, false),
        };
        // How warnings name the paper; built only when one is needed.
        let label = || versioned_id(&id, version);
        let title = draft.title.unwrap_or_else(|| {
            self.warnings
                .push(ParseWarning::MissingTitle { paper: label() });
            String::new()
        });
        let mut timestamp = |field: &'static str, value: Option<DraftTime>| match value? {
            DraftTime::Valid(parsed) => Some(parsed),
            DraftTime::Invalid(value) => {
                self.warnings.push(ParseWarning::BadTimestamp {
                    paper: label(),
                    field,
                    value,
                });
                None
            }
        };
        let mut published = timestamp("published", draft.published);
        let mut updated = timestamp("updated", draft.updated);
        let announce_type = draft
            .announce_type
            .as_deref()
            .and_then(super::AnnounceType::parse);
        if announce_type.is_some() {
            self.saw_listing = true;
        }
        if let Some(raw) = draft.pub_date {
            match Timestamp::parse_rfc2822(&raw) {
                Some(announced) => {
                    // A listing's date is when the paper was announced: for new papers the
                    // first version, for replacements the latest.
                    updated.get_or_insert(announced);
                    if !matches!(
                        announce_type,
                        Some(super::AnnounceType::Replace | super::AnnounceType::ReplaceCross)
                    ) {
                        published.get_or_insert(announced);
                    }
                }
                None => self.warnings.push(ParseWarning::BadTimestamp {
                    paper: label(),
                    field: "pubDate",
                    value: raw,
                }),
            }
        }
        let mut authors: Vec<Author> = self.draft_authors.drain(..).collect();
        if authors.is_empty() {
            if let Some(creators) = &draft.creators {
                authors = split_creators(creators);
            }
        }
        // Listings name all authors in one string, also in their Atom variant.
        if announce_type.is_some() && authors.len() == 1 && authors[0].name.contains(", ") {
            authors = split_creators(&authors[0].name);
        }

        // The primary category first, then the others in order; the draft has no duplicates.
        let primary = draft.primary_category.as_ref();
        let mut categories =
            Vec::with_capacity(self.draft_categories.len() + usize::from(primary.is_some()));
        categories.extend(primary.cloned());
        categories.extend(
            self.draft_categories
                .drain(..)
                .filter(|category| Some(category) != primary),
        );

        if let Some(href) = draft.link_text {
            self.draft_links.push(RawLink {
                href,
                rel: LinkRel::Alternate,
                marked_pdf: false,
                marked_doi: false,
            });
        }
        let links = self.classify_links(&id, version, is_arxiv);
        let doi = draft.doi.or_else(|| {
            links
                .doi
                .as_deref()
                .and_then(|href| href.split_once("doi.org/"))
                .map(|(_, doi)| doi.to_string())
        });
        let paper = Paper {
            id,
            version,
            title,
            summary: draft
                .summary
                .map(strip_listing_preamble)
                .unwrap_or_default(),
            authors,
            published,
            updated,
            primary_category: draft.primary_category,
            categories,
            comment: draft.comment,
            journal_ref: draft.journal_ref,
            doi,
            links,
            announce_type,
        };
        self.add_paper(paper);
    }

    fn add_paper(&mut self, paper: Paper) {
        let hash = self.id_hasher.hash_one(paper.id.as_str());
        let latest = self.paper_index.get(&hash).copied();
        let mut candidate = latest;
        while let Some(index) = candidate {
            if self.papers[index].id == paper.id {
                self.warnings.push(ParseWarning::DuplicatePaper {
                    paper: paper.id.clone(),
                });
                if paper.version > self.papers[index].version {
                    self.papers[index] = paper;
                }
                return;
            }
            candidate = self.same_hash[index];
        }
        self.paper_index.insert(hash, self.papers.len());
        self.same_hash.push(latest);
        self.papers.push(paper);
    }

    /// Current feeds mark links with rel/title; interim (Nov 2025) feeds had bare links that
    /// only their URL tells apart. Missing arXiv links are derived from the id.
    fn classify_links(&mut self, id: &str, version: Option<u32>, is_arxiv: bool) -> PaperLinks {
        let mut links = PaperLinks::default();
        // Taken for the loop and put back empty, keeping its allocation.
        let mut raw = std::mem::take(&mut self.draft_links);
        for link in raw.drain(..) {
            if !is_http_url(&link.href) {
                self.warnings.push(ParseWarning::UnsafeLink {
                    paper: versioned_id(id, version),
                    href: link.href,
                });
                continue;
            }
            let href = link.href;
            let is_pdf = link.marked_pdf
                || (link.rel == LinkRel::Missing && href.contains("arxiv.org/pdf/"));
            let is_doi = link.marked_doi || href.contains("doi.org/");
            let is_abs = link.rel == LinkRel::Alternate
                || (link.rel == LinkRel::Missing && href.contains("arxiv.org/abs/"));
            let slot = if is_pdf {
                &mut links.pdf
            } else if is_doi {
                &mut links.doi
            } else if is_abs {
                &mut links.abs
            } else {
                continue;
            };
            if slot.is_none() {
                *slot = Some(href);
            }
        }
        self.draft_links = raw;
        if is_arxiv {
            let page = |kind: &str| {
                let mut url = String::with_capacity(32 + id.len());
                url.push_str("https://arxiv.org/");
                url.push_str(kind);
                url.push('/');
                url.push_str(id);
                if let Some(v) = version {
                    // Formatting into a `String` cannot fail.
                    let _ = write!(url, "v{v}");
                }
                url
            };
            links.abs.get_or_insert_with(|| page("abs"));
            links.pdf.get_or_insert_with(|| page("pdf"));
            links.html = Some(page("html"));
        }
        links
    }

    fn finish(mut self) -> Result<ParsedFeed, ParseError> {
        if self.papers.is_empty() {
            if let Some(message) = self.api_errors.first() {
                return Err(ParseError::ArxivApi {
                    message: message.clone(),
                });
            }
        }
        for message in self.api_errors.drain(..) {
            self.warnings.push(ParseWarning::ArxivApi { message });
        }
        self.fill_query_from_title_or_link();
        self.meta.format = self.detect_format();
        Ok(ParsedFeed {
            feed: Feed {
                meta: self.meta,
                papers: self.papers,
            },
            warnings: self.warnings,
        })
    }

    /// API responses name their query in the link (URL-encoded; legacy feeds encoded the
    /// whole query string) and in the title ("arXiv Query: search_query=…&id_list=…").
    fn fill_query_from_title_or_link(&mut self) {
        let from_link = self
            .meta
            .link
            .as_deref()
            .filter(|link| link.contains("/api/query"))
            .and_then(|link| link.split_once('?'))
            .map(|(_, query)| {
                if query.contains('=') {
                    query.to_string()
                } else {
                    percent_decode(query, false).into_owned()
                }
            });
        let from_title = self.meta.title.as_deref().and_then(|title| {
            let lower = title.to_ascii_lowercase();
            lower
                .starts_with("arxiv query:")
                .then(|| title["arxiv query:".len()..].trim().to_string())
        });
        for query in [from_link, from_title].into_iter().flatten() {
            for (key, value) in query_pairs(&query) {
                let value = collapse_whitespace(&value);
                match key.as_str() {
                    "search_query" if !value.is_empty() => {
                        self.meta.search_query.get_or_insert(value);
                    }
                    "id_list" if !value.is_empty() => {
                        self.meta.id_list.get_or_insert(value);
                    }
                    _ => {}
                }
            }
        }
    }

    fn detect_format(&self) -> super::FeedFormat {
        use super::FeedFormat;
        let meta = &self.meta;
        let arxiv_listing = self.saw_listing
            || self
                .papers
                .first()
                .is_some_and(|p| p.is_arxiv() && self.is_rss);
        if self.is_rss {
            if arxiv_listing {
                FeedFormat::ArxivRss
            } else {
                FeedFormat::Rss
            }
        } else if meta.total_results.is_some()
            || meta.search_query.is_some()
            || meta.id_list.is_some()
            || meta
                .id
                .as_deref()
                .is_some_and(|id| id.contains("arxiv.org/api"))
        {
            FeedFormat::ArxivApi
        } else if arxiv_listing {
            FeedFormat::ArxivAtomListing
        } else {
            FeedFormat::Atom
        }
    }

    /// Where the event being handled starts, skipping the whitespace before it.
    fn event_position(&self) -> (usize, usize) {
        let rest = &self.source[self.event_start.min(self.source.len())..];
        let skipped = rest.len() - rest.trim_start().len();
        line_and_column(self.source, self.event_start + skipped)
    }

    fn malformed(&self, message: String) -> ParseError {
        let offset = self.reader.error_position() as usize;
        let offset = if offset == 0 {
            self.reader.buffer_position() as usize
        } else {
            offset
        };
        let (line, column) = line_and_column(self.source, offset);
        ParseError::Malformed {
            line,
            column,
            message,
            excerpt: excerpt_at(self.source, offset),
        }
    }
}

/// Splits `dc:creator` ("A, B and C") into authors.
fn split_creators(creators: &str) -> Vec<Author> {
    creators
        .split(',')
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| Author {
            name: name.to_string(),
            affiliations: Vec::new(),
        })
        .collect()
}

/// Listing descriptions start "arXiv:2604.07839v1 Announce Type: new Abstract: …"; keep the
/// abstract. Any other summary is returned as it is, without a copy.
fn strip_listing_preamble(summary: String) -> String {
    if summary.starts_with("arXiv:") {
        if let Some((_, abstract_text)) = summary.split_once("Abstract:") {
            return abstract_text.trim().to_string();
        }
    }
    summary
}

/// `2604.07839v1`, or the bare id when the version is unknown: how warnings name a paper.
fn versioned_id(id: &str, version: Option<u32>) -> String {
    match version {
        Some(v) => format!("{id}v{v}"),
        None => id.to_string(),
    }
}

/// The wanted unprefixed attributes of a tag (at most four, in the order of `wanted`),
/// trimmed, and borrowed from the document unless they hold references.
type WantedValues<'a> = [Option<Cow<'a, str>>; 4];

/// Reads the attributes of a tag that are plain `name="value"` or `name='value'` pairs, each
/// name once, exactly as quick-xml's checked attribute iterator reads them, but without its
/// allocation and without checking the text again. Returns `None` for anything else (a name
/// without a value, an unquoted or unterminated value, a repeated name, more than eight
/// attributes): such tags are read by that iterator.
fn simple_attributes<'i>(raw: &'i str, wanted: &[&[u8]]) -> Option<WantedValues<'i>> {
    // Whitespace as the attribute iterator knows it.
    let is_space = |b: u8| matches!(b, b' ' | b'\r' | b'\n' | b'\t');
    let bytes = raw.as_bytes();
    let mut values = WantedValues::default();
    let mut keys: [&[u8]; 8] = [&[]; 8];
    let mut count = 0;
    let mut at = 0;
    loop {
        while bytes.get(at).copied().is_some_and(is_space) {
            at += 1;
        }
        let Some(&first) = bytes.get(at) else {
            return Some(values);
        };
        if matches!(first, b'=' | b'"' | b'\'') {
            return None;
        }
        let key_start = at;
        at += 1;
        while bytes.get(at).is_some_and(|&b| b != b'=' && !is_space(b)) {
            at += 1;
        }
        let key = &bytes[key_start..at];
        while bytes.get(at).copied().is_some_and(is_space) {
            at += 1;
        }
        if bytes.get(at) != Some(&b'=') {
            return None;
        }
        at += 1;
        if count == keys.len() || keys[..count].contains(&key) {
            return None;
        }
        keys[count] = key;
        count += 1;
        while bytes.get(at).copied().is_some_and(is_space) {
            at += 1;
        }
        let quote = match bytes.get(at) {
            Some(&quote @ (b'"' | b'\'')) => quote,
            _ => return None,
        };
        let value_start = at + 1;
        // The closing quote, noting on the way whether there is a reference to resolve.
        let mut value_end = value_start + find_byte(&bytes[value_start..], quote, b'&')?;
        let has_reference = bytes[value_end] == b'&';
        if has_reference {
            value_end += find_byte(&bytes[value_end..], quote, quote)?;
        }
        at = value_end + 1;
        // Prefixed names (`xml:lang`) are never wanted.
        if key.contains(&b':') {
            continue;
        }
        let Some(slot) = wanted_slot(wanted, key) else {
            continue;
        };
        let value = raw.get(value_start..value_end)?;
        let value = if has_reference {
            // As `Attribute::unescape_value`: a value whose references cannot be resolved is
            // kept as written.
            quick_xml::escape::unescape(value).unwrap_or(Cow::Borrowed(value))
        } else {
            Cow::Borrowed(value)
        };
        values[slot] = Some(trimmed_value(value));
    }
}

/// Where `key` stands in `wanted`. The names are a few bytes long: comparing them in line is
/// cheaper than a call to compare memory for each.
fn wanted_slot(wanted: &[&[u8]], key: &[u8]) -> Option<usize> {
    wanted
        .iter()
        .position(|name| name.len() == key.len() && name.iter().zip(key).all(|(a, b)| a == b))
}

/// Reads the wanted attributes with quick-xml's checked iterator, which reports a repeated
/// name as an error, so each slot is filled once.
fn checked_attributes<'a>(attributes: Attributes<'a>, wanted: &[&[u8]]) -> WantedValues<'a> {
    let mut values = WantedValues::default();
    for attribute in attributes.flatten() {
        let key = attribute.key;
        if key.prefix().is_some() {
            continue;
        }
        let Some(slot) = wanted.iter().position(|w| *w == key.local_name().as_ref()) else {
            continue;
        };
        let value = match attribute.unescape_value() {
            Ok(value) => value,
            Err(_) => Cow::Owned(String::from_utf8_lossy(&attribute.value).into_owned()),
        };
        values[slot] = Some(trimmed_value(value));
    }
    values
}

#[inline]
fn trimmed_value(value: Cow<'_, str>) -> Cow<'_, str> {
    // Values rarely start or end with whitespace: printable ASCII at both ends needs no trim.
    let plain = |byte: Option<&u8>| byte.is_some_and(|&b| b > b' ' && b < 0x7F);
    if plain(value.as_bytes().first()) && plain(value.as_bytes().last()) {
        return value;
    }
    match value {
        Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
        Cow::Owned(text) if text.trim().len() == text.len() => Cow::Owned(text),
        Cow::Owned(text) => Cow::Owned(text.trim().to_string()),
    }
}

/// Namespaces of element names resolved since the declarations in scope last changed: the
/// default one and a few prefixes (arXiv feeds use two).
#[derive(Default)]
struct ResolvedNamespaces {
    default: Option<Namespace>,
    prefixed: [([u8; 16], usize, Namespace); 4],
    prefixed_count: usize,
}

impl ResolvedNamespaces {
    fn get(&self, prefix: Option<&[u8]>) -> Option<Namespace> {
        match prefix {
            None => self.default,
            Some(prefix) => self.prefixed[..self.prefixed_count]
                .iter()
                .find(|(bytes, len, _)| &bytes[..*len] == prefix)
                .map(|&(_, _, ns)| ns),
        }
    }

    fn insert(&mut self, prefix: Option<&[u8]>, ns: Namespace) {
        match prefix {
            None => self.default = Some(ns),
            Some(prefix) => {
                if self.prefixed_count == self.prefixed.len() || prefix.len() > 16 {
                    return;
                }
                let (bytes, len, cached) = &mut self.prefixed[self.prefixed_count];
                bytes[..prefix.len()].copy_from_slice(prefix);
                *len = prefix.len();
                *cached = ns;
                self.prefixed_count += 1;
            }
        }
    }

    fn clear(&mut self) {
        self.default = None;
        self.prefixed_count = 0;
    }
}

/// Where `inner`, a slice of `outer`, lies in it.
fn subslice_range(outer: &str, inner: &str) -> Option<Range<usize>> {
    let start = inner.as_ptr().addr().checked_sub(outer.as_ptr().addr())?;
    let end = start.checked_add(inner.len())?;
    let found = outer.get(start..end)?;
    (found.as_ptr() == inner.as_ptr()).then_some(start..end)
}

/// Whether a start tag may have `xmlns` or `xmlns:…` attributes. A false alarm (the word in
/// a value) costs only the full check.
fn may_declare_namespaces(start: &BytesStart<'_>) -> bool {
    let attributes = start.attributes_raw();
    let mut at = 0;
    while let Some(found) = find_byte(&attributes[at..], b'x', b'x') {
        at += found;
        if attributes[at..].starts_with(b"xmlns") {
            return true;
        }
        at += 1;
    }
    false
}

/// The position of the first `a` or `b` in `bytes`. Eight bytes are looked at a time, as
/// attribute values and tags are mostly long runs without either.
fn find_byte(bytes: &[u8], a: u8, b: u8) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..).and_then(|rest| rest.first_chunk::<8>()) {
        let word = u64::from_le_bytes(*chunk);
        let not_a = word ^ (ONES * u64::from(a));
        let not_b = word ^ (ONES * u64::from(b));
        // The top bit of a zero byte of `not_a` or `not_b`. Bytes above a zero byte may be
        // flagged too (the borrow), but the lowest flag is always a true match.
        let found = (not_a.wrapping_sub(ONES) & !not_a | not_b.wrapping_sub(ONES) & !not_b) & HIGH;
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|&byte| byte == a || byte == b)
        .map(|found| at + found)
}

/// Only absolute http(s) URLs without whitespace or control characters are kept as links.
pub fn is_http_url(href: &str) -> bool {
    let head = href.get(..8).unwrap_or(href).as_bytes();
    let starts_with = |scheme: &[u8]| {
        head.get(..scheme.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    };
    // Printable ASCII is neither whitespace nor control; anything else is looked at as
    // characters.
    let clean = href.bytes().all(|b| b > b' ' && b < 0x7F)
        || !href.chars().any(|c| c.is_whitespace() || c.is_control());
    (starts_with(b"http://") || starts_with(b"https://")) && href.len() > "http://".len() && clean
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The attribute fast path reads what quick-xml's checked iterator reads, or declines.
    #[test]
    fn simple_attributes_agree_with_the_checked_iterator() {
        let wanted: &[&[u8]] = &[b"href", b"rel", b"title", b"type"];
        let cases = [
            "",
            " ",
            r#" href="https://arxiv.org/abs/2604.07839v1" rel="alternate" type="text/html""#,
            " href='https://a.org/x' title='PDF'",
            " href \n=\t\"https://a.org/x\"  rel = 'x' ",
            r#" href=" https://a.org/x " title="  ""#,
            r#" href="https://a.org/?a=1&amp;b=2&#38;c""#,
            r#" href="https://a.org/&bogus;" rel="x""#,
            r#" href="https://a.org/&amp" rel="x""#,
            r#" xml:lang="en" a:href="https://p.org/" href="https://q.org/""#,
            r#" href="https://a.org/1"rel="alternate"title="pdf""#,
            r#" href="https://a.org/1" href="https://a.org/2" rel="x""#,
            r#" href="https://a.org/1" href="https://a.org/2"rel="x""#,
            r#" title href="https://a.org/""#,
            " href=https://a.org/ rel='x'",
            r#" href="https://a.org/"#,
            r#" ="x" href="https://a.org/""#,
            r#" a="1" b="2" c="3" d="4" e="5" f="6" g="7" h="8" href="https://a.org/""#,
            r#" rel="a" rel="b""#,
            " href=\"https://a.org/\u{e9}\" title=\"d\u{f6}i\"",
        ];
        for attributes in cases {
            let start = BytesStart::from_content(format!("link{attributes}"), 4);
            let checked = checked_attributes(start.attributes(), wanted);
            if let Some(simple) = simple_attributes(attributes, wanted) {
                assert_eq!(simple, checked, "attributes {attributes:?}");
            }
        }
        // Tags the fast path must leave to the checked iterator.
        for declined in [
            r#" href="https://a.org/1" href="https://a.org/2""#,
            " href=https://a.org/",
            r#" title href="https://a.org/""#,
            r#" href="https://a.org/"#,
        ] {
            assert_eq!(simple_attributes(declined, wanted), None, "{declined:?}");
        }
    }

    #[test]
    fn find_byte_finds_the_first_of_two_bytes() {
        let text = b"0123456789 abcdefghij&klmnopqrstuvwxyz\"0123456789";
        for start in 0..text.len() {
            for end in start..=text.len() {
                let bytes = &text[start..end];
                let expected = bytes.iter().position(|&b| b == b'"' || b == b'&');
                assert_eq!(find_byte(bytes, b'"', b'&'), expected, "{start}..{end}");
            }
        }
    }

    #[test]
    fn namespace_declarations_are_noticed_wherever_they_are() {
        let declares = |content: &str, name_len| {
            may_declare_namespaces(&BytesStart::from_content(content, name_len))
        };
        assert!(declares(r#"feed xmlns="http://www.w3.org/2005/Atom""#, 4));
        assert!(declares(
            r#"entry type="text/html" rel="x" xmlns:a="http://arxiv.org/schemas/atom""#,
            5
        ));
        assert!(!declares(
            r#"link href="https://x.org/xml" type="text/html""#,
            4
        ));
        assert!(!declares("xmlns:entry", 11));
    }
}
