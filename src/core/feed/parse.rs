//! A streaming, namespace-aware parser for arXiv API Atom feeds (current, interim and legacy
//! shapes) and plain Atom 1.0.
//!
//! Elements are matched by namespace URI and local name, never by prefix or position, because
//! arXiv changed both in Nov 2025. The parser is total: it returns the feed plus warnings, and
//! one bad entry costs only that entry.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Namespace {
    Atom,
    OpenSearch,
    Arxiv,
    DublinCore,
    /// No namespace: RSS 2.0 elements.
    Unbound,
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

#[derive(Default)]
struct RawLink {
    href: String,
    rel: Option<String>,
    title: Option<String>,
    media_type: Option<String>,
}

#[derive(Default)]
struct EntryDraft {
    raw_id: Option<String>,
    title: Option<String>,
    summary: Option<String>,
    published: Option<String>,
    updated: Option<String>,
    authors: Vec<Author>,
    primary_category: Option<String>,
    categories: Vec<String>,
    comment: Option<String>,
    journal_ref: Option<String>,
    doi: Option<String>,
    links: Vec<RawLink>,
    link_text: Option<String>,
    pub_date: Option<String>,
    announce_type: Option<String>,
    creators: Option<String>,
}

struct FeedParser<'i> {
    source: &'i str,
    reader: NsReader<&'i [u8]>,
    /// Byte offset where the current event starts, for error positions.
    event_start: usize,
    stack: Vec<Node>,
    /// Text of the innermost text-bearing element being read, and its depth.
    text: String,
    text_depth: Option<usize>,
    meta: FeedMeta,
    entry: Option<EntryDraft>,
    author: Option<Author>,
    entries_seen: usize,
    papers: Vec<Paper>,
    /// Paper id → index in `papers`, to fold duplicates.
    paper_index: HashMap<String, usize>,
    api_errors: Vec<String>,
    warnings: Vec<ParseWarning>,
    is_rss: bool,
    /// Some entry carried an `arxiv:announce_type`: a daily listing.
    saw_listing: bool,
}

impl<'i> FeedParser<'i> {
    fn new(source: &'i str) -> Self {
        let mut reader = NsReader::from_str(source);
        reader.config_mut().expand_empty_elements = false;
        FeedParser {
            source,
            reader,
            event_start: 0,
            stack: Vec::with_capacity(8),
            text: String::new(),
            text_depth: None,
            meta: FeedMeta::default(),
            entry: None,
            author: None,
            entries_seen: 0,
            papers: Vec::new(),
            paper_index: HashMap::new(),
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
            let (resolved, event) = match self.reader.read_resolved_event() {
                Ok(pair) => pair,
                Err(err) => {
                    let message = err.to_string();
                    // Input that breaks off inside a tag is a cut-off download, not bad XML.
                    if saw_root && self.reached_end() {
                        return self.finish_cut_off();
                    }
                    return Err(self.malformed(message));
                }
            };
            let ns = Namespace::of(&resolved);
            match event {
                Event::Start(start) => {
                    self.open(ns, &start, &mut saw_root)?;
                }
                Event::Empty(start) => {
                    self.open(ns, &start, &mut saw_root)?;
                    self.close();
                }
                Event::End(_) => self.close(),
                Event::Text(text) => {
                    if self.text_depth.is_some() {
                        match text.decode() {
                            Ok(decoded) => self.text.push_str(&decoded),
                            Err(err) => return Err(self.malformed(err.to_string())),
                        }
                    }
                }
                Event::CData(cdata) => {
                    if self.text_depth.is_some() {
                        match cdata.decode() {
                            Ok(decoded) => self.text.push_str(&decoded),
                            Err(err) => return Err(self.malformed(err.to_string())),
                        }
                    }
                }
                Event::GeneralRef(reference) => {
                    if self.text_depth.is_some() {
                        self.push_reference(&reference)?;
                    }
                }
                Event::DocType(_) => {
                    let (line, column) = self.event_position();
                    return Err(ParseError::DoctypeRefused { line, column });
                }
                Event::Eof => break,
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
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
        let is_feed = matches!(self.stack.first(), Some(Node::Feed | Node::Rss)) || self.is_rss;
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
        start: &BytesStart<'_>,
        saw_root: &mut bool,
    ) -> Result<(), ParseError> {
        let local = start.local_name();
        let node = match self.stack.last() {
            None => {
                *saw_root = true;
                if ns == Namespace::Atom && local.as_ref() == b"feed" {
                    Node::Feed
                } else if ns == Namespace::Unbound && local.as_ref() == b"rss" {
                    self.is_rss = true;
                    Node::Rss
                } else {
                    let root = String::from_utf8_lossy(start.name().as_ref()).into_owned();
                    return Err(ParseError::NotAFeed {
                        root: truncate_chars(&root, 40).into_owned(),
                    });
                }
            }
            Some(parent) => parent.child(ns, local.as_ref()),
        };
        if self.stack.len() >= MAX_DEPTH {
            let (line, column) = self.event_position();
            return Err(ParseError::TooDeep { line, column });
        }
        let parent = self.stack.last().copied();
        self.stack.push(node);
        match node {
            Node::Entry => {
                self.entries_seen += 1;
                self.entry = Some(EntryDraft::default());
            }
            Node::Author => self.author = Some(Author::default()),
            Node::Other if ns == Namespace::Atom || ns == Namespace::Arxiv => {
                self.read_attributes_of(parent, ns, start);
            }
            _ => {}
        }
        if node.holds_text() && self.text_depth.is_none() {
            self.text.clear();
            self.text_depth = Some(self.stack.len());
        }
        Ok(())
    }

    /// Links and categories carry their data in attributes.
    fn read_attributes_of(&mut self, parent: Option<Node>, ns: Namespace, start: &BytesStart<'_>) {
        let local = start.local_name();
        let wanted: &[&[u8]] = match (parent, ns, local.as_ref()) {
            (Some(Node::Entry | Node::Feed), Namespace::Atom, b"link") => {
                &[b"href", b"rel", b"title", b"type"]
            }
            (Some(Node::Entry), Namespace::Atom, b"category") => &[b"term"],
            (Some(Node::Entry), Namespace::Arxiv, b"primary_category") => &[b"term"],
            _ => return,
        };
        let mut values: [Option<String>; 4] = Default::default();
        for attribute in start.attributes().flatten() {
            let key = attribute.key;
            if key.prefix().is_some() {
                continue;
            }
            let Some(slot) = wanted.iter().position(|w| *w == key.local_name().as_ref()) else {
                continue;
            };
            let value = match attribute.unescape_value() {
                Ok(value) => value.into_owned(),
                Err(_) => String::from_utf8_lossy(&attribute.value).into_owned(),
            };
            values[slot] = Some(value.trim().to_string());
        }
        let [first, second, third, fourth] = values;
        match (parent, local.as_ref()) {
            (Some(Node::Entry), b"link") => {
                if let (Some(entry), Some(href)) = (self.entry.as_mut(), first) {
                    entry.links.push(RawLink {
                        href,
                        rel: second,
                        title: third,
                        media_type: fourth,
                    });
                }
            }
            (Some(Node::Feed), b"link") => {
                let is_self = matches!(second.as_deref(), None | Some("self"));
                if is_self && self.meta.link.is_none() {
                    self.meta.link = first.filter(|href| is_http_url(href));
                }
            }
            (_, b"category") => {
                if let (Some(entry), Some(term)) = (self.entry.as_mut(), first) {
                    if !term.is_empty() && !entry.categories.contains(&term) {
                        entry.categories.push(term);
                    }
                }
            }
            (_, b"primary_category") => {
                if let Some(entry) = self.entry.as_mut() {
                    entry.primary_category = first.filter(|term| !term.is_empty());
                }
            }
            _ => {}
        }
    }

    fn push_reference(&mut self, reference: &BytesRef<'_>) -> Result<(), ParseError> {
        match reference.resolve_char_ref() {
            Ok(Some(ch)) => {
                self.text.push(ch);
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
            Some(resolved) => self.text.push_str(resolved),
            None => {
                self.text.push('&');
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
        let Some(node) = self.stack.pop() else {
            return;
        };
        if self.text_depth == Some(depth) {
            self.text_depth = None;
            let text = std::mem::take(&mut self.text);
            self.store_text(node, text);
        }
        match node {
            Node::Author => {
                if let (Some(author), Some(entry)) = (self.author.take(), self.entry.as_mut()) {
                    if !author.name.is_empty() {
                        entry.authors.push(author);
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

    fn store_text(&mut self, node: Node, raw: String) {
        let meta = &mut self.meta;
        let trimmed = || raw.trim().to_string();
        if let Some(author) = self.author.as_mut() {
            match node {
                Node::AuthorName => author.name = collapse_whitespace(&raw),
                Node::Affiliation => {
                    let affiliation = collapse_whitespace(&raw);
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
            match node {
                Node::EntryId => entry.raw_id = non_empty(trimmed()),
                Node::Title => entry.title = Some(collapse_whitespace(&raw)),
                // The summary stays raw until the entry ends: an API error's message lives there.
                Node::Summary => entry.summary = Some(raw),
                Node::Published => entry.published = non_empty(trimmed()),
                Node::Updated => entry.updated = non_empty(trimmed()),
                Node::Comment => entry.comment = non_empty(collapse_whitespace(&raw)),
                Node::JournalRef => entry.journal_ref = non_empty(collapse_whitespace(&raw)),
                Node::Doi => entry.doi = non_empty(trimmed()),
                Node::LinkText => entry.link_text = non_empty(trimmed()),
                Node::CategoryText => {
                    let term = trimmed();
                    if !term.is_empty() && !entry.categories.contains(&term) {
                        entry.categories.push(term);
                    }
                }
                Node::PubDate => entry.pub_date = non_empty(trimmed()),
                Node::AnnounceType => entry.announce_type = non_empty(trimmed()),
                Node::Creators => entry.creators = non_empty(collapse_whitespace(&raw)),
                _ => {}
            }
            return;
        }
        let number = || raw.trim().parse::<u64>().ok();
        match node {
            Node::FeedId => meta.id = Some(trimmed()).filter(|id| !id.is_empty()),
            Node::FeedTitle => {
                meta.title = Some(collapse_whitespace(&raw)).filter(|t| !t.is_empty())
            }
            Node::FeedUpdated => meta.updated = Timestamp::parse_rfc3339(&raw),
            Node::FeedDate if meta.updated.is_none() => {
                meta.updated = Timestamp::parse_rfc2822(&raw)
            }
            Node::TotalResults => meta.total_results = number(),
            Node::StartIndex => meta.start_index = number(),
            Node::ItemsPerPage => meta.items_per_page = number(),
            _ => {}
        }
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
                .as_deref()
                .map(collapse_whitespace)
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "no explanation was given".to_string());
            self.api_errors.push(message);
            return;
        }
        let (id, version) = match ArxivId::parse(&raw_id) {
            Some(parsed) => (parsed.id, parsed.version),
            None => (raw_id, None),
        };
        let label = match version {
            Some(v) => format!("{id}v{v}"),
            None => id.clone(),
        };
        let title = draft.title.unwrap_or_else(|| {
            self.warnings.push(ParseWarning::MissingTitle {
                paper: label.clone(),
            });
            String::new()
        });
        let mut timestamp = |field: &'static str, value: Option<String>| {
            let value = value?;
            let parsed = Timestamp::parse_rfc3339(&value);
            if parsed.is_none() {
                self.warnings.push(ParseWarning::BadTimestamp {
                    paper: label.clone(),
                    field,
                    value,
                });
            }
            parsed
        };
        let announce_type = draft
            .announce_type
            .as_deref()
            .and_then(super::AnnounceType::parse);
        if announce_type.is_some() {
            self.saw_listing = true;
        }
        let mut published = timestamp("published", draft.published);
        let mut updated = timestamp("updated", draft.updated);
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
                    paper: label.clone(),
                    field: "pubDate",
                    value: raw,
                }),
            }
        }
        let mut authors = draft.authors;
        if authors.is_empty() {
            if let Some(creators) = &draft.creators {
                authors = split_creators(creators);
            }
        }
        // Listings name all authors in one string, also in their Atom variant.
        if announce_type.is_some() && authors.len() == 1 && authors[0].name.contains(", ") {
            authors = split_creators(&authors[0].name);
        }

        let mut categories = Vec::with_capacity(draft.categories.len() + 1);
        if let Some(primary) = &draft.primary_category {
            categories.push(primary.clone());
        }
        for category in draft.categories {
            if !categories.contains(&category) {
                categories.push(category);
            }
        }

        let mut raw_links = draft.links;
        if let Some(href) = draft.link_text {
            raw_links.push(RawLink {
                href,
                rel: Some("alternate".to_string()),
                title: None,
                media_type: None,
            });
        }
        let links = self.classify_links(&label, &id, version, raw_links);
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
                .as_deref()
                .map(|s| strip_listing_preamble(&collapse_whitespace(s)))
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
        match self.paper_index.get(&paper.id) {
            Some(&index) => {
                self.warnings.push(ParseWarning::DuplicatePaper {
                    paper: paper.id.clone(),
                });
                if paper.version > self.papers[index].version {
                    self.papers[index] = paper;
                }
            }
            None => {
                self.paper_index.insert(paper.id.clone(), self.papers.len());
                self.papers.push(paper);
            }
        }
    }

    /// Current feeds mark links with rel/title; interim (Nov 2025) feeds had bare links that
    /// only their URL tells apart. Missing arXiv links are derived from the id.
    fn classify_links(
        &mut self,
        label: &str,
        id: &str,
        version: Option<u32>,
        raw: Vec<RawLink>,
    ) -> PaperLinks {
        let mut links = PaperLinks::default();
        for link in raw {
            if !is_http_url(&link.href) {
                self.warnings.push(ParseWarning::UnsafeLink {
                    paper: label.to_string(),
                    href: link.href,
                });
                continue;
            }
            let href = link.href;
            let title = link.title.as_deref().map(str::to_ascii_lowercase);
            let is_pdf = title.as_deref() == Some("pdf")
                || link.media_type.as_deref() == Some("application/pdf")
                || (link.rel.is_none() && href.contains("arxiv.org/pdf/"));
            let is_doi = title.as_deref() == Some("doi") || href.contains("doi.org/");
            let is_abs = link.rel.as_deref() == Some("alternate")
                || (link.rel.is_none() && href.contains("arxiv.org/abs/"));
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
        if ArxivId::parse(id).is_some() {
            let versioned = match version {
                Some(v) => format!("{id}v{v}"),
                None => id.to_string(),
            };
            links
                .abs
                .get_or_insert_with(|| format!("https://arxiv.org/abs/{versioned}"));
            links
                .pdf
                .get_or_insert_with(|| format!("https://arxiv.org/pdf/{versioned}"));
            links.html = Some(format!("https://arxiv.org/html/{versioned}"));
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
/// abstract.
fn strip_listing_preamble(summary: &str) -> String {
    if summary.starts_with("arXiv:") {
        if let Some((_, abstract_text)) = summary.split_once("Abstract:") {
            return abstract_text.trim().to_string();
        }
    }
    summary.to_string()
}

/// Only absolute http(s) URLs without whitespace or control characters are kept as links.
pub fn is_http_url(href: &str) -> bool {
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && href.len() > "http://".len()
        && !href.chars().any(|c| c.is_whitespace() || c.is_control())
}
