//! The elements the parser knows: namespaces by URI, the `Node` state machine, resolved prefixes.

use quick_xml::events::BytesStart;
use quick_xml::name::ResolveResult;

use super::attributes::find_byte;

const ATOM_NS: &[u8] = b"http://www.w3.org/2005/Atom";
const OPENSEARCH_NS: &[u8] = b"http://a9.com/-/spec/opensearch/1.1/";
const ARXIV_NS: &[u8] = b"http://arxiv.org/schemas/atom";
const DUBLIN_CORE_NS: &[u8] = b"http://purl.org/dc/elements/1.1/";

#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Namespace {
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
    pub(super) fn of(resolved: &ResolveResult<'_>) -> Namespace {
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
pub(super) enum Node {
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
    pub(super) fn child(self, ns: Namespace, local: &[u8]) -> Node {
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

    pub(super) fn holds_text(self) -> bool {
        !matches!(
            self,
            Node::Rss | Node::Feed | Node::Entry | Node::Author | Node::Other
        )
    }
}

/// Namespaces of element names resolved since the declarations in scope last changed: the
/// default one and a few prefixes (arXiv feeds use two).
#[derive(Default)]
pub(super) struct ResolvedNamespaces {
    default: Option<Namespace>,
    prefixed: [([u8; 16], usize, Namespace); 4],
    prefixed_count: usize,
}

impl ResolvedNamespaces {
    pub(super) fn get(&self, prefix: Option<&[u8]>) -> Option<Namespace> {
        match prefix {
            None => self.default,
            Some(prefix) => self.prefixed[..self.prefixed_count]
                .iter()
                .find(|(bytes, len, _)| &bytes[..*len] == prefix)
                .map(|&(_, _, ns)| ns),
        }
    }

    pub(super) fn insert(&mut self, prefix: Option<&[u8]>, ns: Namespace) {
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

    pub(super) fn clear(&mut self) {
        self.default = None;
        self.prefixed_count = 0;
    }
}

/// Whether a start tag may have `xmlns` or `xmlns:…` attributes. A false alarm (the word in
/// a value) costs only the full check.
pub(super) fn may_declare_namespaces(start: &BytesStart<'_>) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

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
