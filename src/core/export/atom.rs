//! Writes papers back out as an arXiv-API-shaped Atom feed, so merged or fetched results can be
//! saved as one snapshot file that this parser (and others) read again.

use quick_xml::escape::escape;

use crate::core::feed::{FeedMeta, Paper, Timestamp};

/// The feed as Atom text. `updated` is the snapshot's time.
pub fn write_atom(meta: &FeedMeta, papers: &[Paper], updated: Timestamp) -> String {
    let mut out = String::with_capacity(papers.len() * 2_500 + 1_024);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\" xmlns:arxiv=\"http://arxiv.org/schemas/atom\">\n");
    if let Some(id) = &meta.id {
        element(&mut out, 1, "id", id);
    }
    let title = meta.title.clone().unwrap_or_else(|| meta.heading());
    element(&mut out, 1, "title", &title);
    element(&mut out, 1, "updated", &updated.to_rfc3339());
    if let Some(link) = &meta.link {
        out.push_str(&format!(
            "  <link href=\"{}\" type=\"application/atom+xml\"/>\n",
            escape(link.as_str())
        ));
    }
    element(
        &mut out,
        1,
        "opensearch:itemsPerPage",
        &papers.len().to_string(),
    );
    element(
        &mut out,
        1,
        "opensearch:totalResults",
        &papers.len().to_string(),
    );
    element(&mut out, 1, "opensearch:startIndex", "0");
    for paper in papers {
        write_entry(&mut out, paper);
    }
    out.push_str("</feed>\n");
    out
}

fn write_entry(out: &mut String, paper: &Paper) {
    out.push_str("  <entry>\n");
    let id = if paper.is_arxiv() {
        format!("http://arxiv.org/abs/{}", paper.versioned_id())
    } else {
        paper.id.clone()
    };
    element(out, 2, "id", &id);
    element(out, 2, "title", &paper.title);
    for (name, stamp) in [("updated", paper.updated), ("published", paper.published)] {
        if let Some(stamp) = stamp {
            element(out, 2, name, &stamp.to_rfc3339());
        }
    }
    element(out, 2, "summary", &paper.summary);
    for author in &paper.authors {
        out.push_str("    <author>\n");
        element(out, 3, "name", &author.name);
        for affiliation in &author.affiliations {
            element(out, 3, "arxiv:affiliation", affiliation);
        }
        out.push_str("    </author>\n");
    }
    let links = [
        (&paper.links.abs, "rel=\"alternate\" type=\"text/html\""),
        (
            &paper.links.pdf,
            "rel=\"related\" type=\"application/pdf\" title=\"pdf\"",
        ),
        (&paper.links.doi, "rel=\"related\" title=\"doi\""),
    ];
    for (href, attributes) in links {
        if let Some(href) = href {
            out.push_str(&format!(
                "    <link href=\"{}\" {attributes}/>\n",
                escape(href.as_str())
            ));
        }
    }
    if let Some(primary) = &paper.primary_category {
        out.push_str(&format!(
            "    <arxiv:primary_category term=\"{}\"/>\n",
            escape(primary.as_str())
        ));
    }
    for category in &paper.categories {
        out.push_str(&format!(
            "    <category term=\"{}\" scheme=\"http://arxiv.org/schemas/atom\"/>\n",
            escape(category.as_str())
        ));
    }
    for (name, value) in [
        ("arxiv:comment", &paper.comment),
        ("arxiv:journal_ref", &paper.journal_ref),
        ("arxiv:doi", &paper.doi),
    ] {
        if let Some(value) = value {
            element(out, 2, name, value);
        }
    }
    if let Some(announce) = paper.announce_type {
        element(out, 2, "arxiv:announce_type", announce.as_str());
    }
    out.push_str("  </entry>\n");
}

fn element(out: &mut String, depth: usize, name: &str, text: &str) {
    out.push_str(&"  ".repeat(depth));
    out.push_str(&format!("<{name}>{}</{name}>\n", escape(text)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::embedded::EMBEDDED_FEED_XML;
    use crate::core::feed::parse_feed;

    #[test]
    fn written_feeds_read_back_the_same() {
        let parsed = parse_feed(EMBEDDED_FEED_XML.as_bytes()).expect("seed");
        let written = write_atom(
            &parsed.feed.meta,
            &parsed.feed.papers,
            Timestamp(1_800_000_000),
        );
        let reread = parse_feed(written.as_bytes()).expect("written feed parses");
        assert!(reread.warnings.is_empty(), "{:?}", reread.warnings);
        assert_eq!(reread.feed.papers, parsed.feed.papers);
        assert_eq!(reread.feed.meta.total_results, Some(15));
        assert_eq!(reread.feed.meta.search_query.as_deref(), Some("cat:cs.OS"));
    }

    #[test]
    fn text_is_escaped() {
        let paper = Paper {
            id: "2601.00001".into(),
            version: Some(1),
            title: "Tom & Jerry <b>\"quoted\"</b>".into(),
            ..Paper::default()
        };
        let written = write_atom(
            &FeedMeta::default(),
            std::slice::from_ref(&paper),
            Timestamp(0),
        );
        let reread = parse_feed(written.as_bytes()).expect("parses");
        assert_eq!(reread.feed.papers[0].title, paper.title);
    }
}
