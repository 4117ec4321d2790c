//! The streaming parser: `parse_feed` and `FeedParser`'s event loop over quick-xml events.

use std::borrow::Cow;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::NamespaceResolver;
use quick_xml::Reader;

use super::super::super::text::{collapse_whitespace, percent_decode, query_pairs, truncate_chars};
use super::super::{Author, Feed, FeedFormat, FeedMeta, Timestamp};
use super::attributes::{checked_attributes, simple_attributes};
use super::encoding::decode_document;
use super::entry::{is_http_url, DraftTime, EntryDraft, Gathered, LinkRel, RawLink};
use super::error::{excerpt_at, line_and_column, ParseError, ParseWarning, ParsedFeed};
use super::schema::{may_declare_namespaces, Namespace, Node, ResolvedNamespaces};
use super::{MAX_DEPTH, MAX_FEED_BYTES};

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

/// An open element: what it is and whether it declared namespaces.
#[derive(Clone, Copy)]
struct Frame {
    node: Node,
    /// Its `xmlns` attributes were pushed onto the resolver and are popped when it closes.
    declares: bool,
}

pub(super) struct FeedParser<'i> {
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
    /// What the parse has produced so far, and the reused lists of the entry being read.
    pub(super) gathered: Gathered,
    author: Option<Author>,
    is_rss: bool,
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
            author: None,
            gathered: Gathered::default(),
            is_rss: false,
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
        self.gathered.warnings.push(ParseWarning::CutOff {
            complete_entries: self.gathered.papers.len(),
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
                self.gathered.entries_seen += 1;
                self.entry = Some(EntryDraft::default());
                self.gathered.draft_authors.clear();
                self.gathered.draft_categories.clear();
                self.gathered.draft_links.clear();
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
                    self.gathered.draft_links.push(RawLink {
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
                    if !term.is_empty()
                        && !self.gathered.draft_categories.iter().any(|c| *c == *term)
                    {
                        self.gathered.draft_categories.push(term.into_owned());
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
                if !self.gathered.warnings.contains(&warning) {
                    self.gathered.warnings.push(warning);
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
                        self.gathered.draft_authors.push(author);
                    }
                }
            }
            Node::Entry => {
                if let Some(entry) = self.entry.take() {
                    self.gathered.finish_entry(entry);
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
                    if !term.is_empty() && !self.gathered.draft_categories.iter().any(|c| c == term)
                    {
                        self.gathered.draft_categories.push(term.to_string());
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
        self.gathered
            .papers
            .reserve(count.saturating_sub(self.gathered.papers.len()));
        self.gathered
            .same_hash
            .reserve(count.saturating_sub(self.gathered.same_hash.len()));
        self.gathered
            .paper_index
            .reserve(count.saturating_sub(self.gathered.paper_index.len()));
    }

    fn finish(mut self) -> Result<ParsedFeed, ParseError> {
        if self.gathered.papers.is_empty() {
            if let Some(message) = self.gathered.api_errors.first() {
                return Err(ParseError::ArxivApi {
                    message: message.clone(),
                });
            }
        }
        for message in self.gathered.api_errors.drain(..) {
            self.gathered
                .warnings
                .push(ParseWarning::ArxivApi { message });
        }
        self.fill_query_from_title_or_link();
        self.meta.format = self.detect_format();
        Ok(ParsedFeed {
            feed: Feed {
                meta: self.meta,
                papers: self.gathered.papers,
            },
            warnings: self.gathered.warnings,
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

    fn detect_format(&self) -> FeedFormat {
        let meta = &self.meta;
        let arxiv_listing = self.gathered.saw_listing
            || self
                .gathered
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
