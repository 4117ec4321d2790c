//! The page's first screen written into `index.html` (drawn by `core::first_screen`): the
//! embedded sample's for `cargo xtask dist`, a site's default feed's for `cargo xtask site`,
//! with the one-line script that hides it when the address names a view of its own.

use std::path::Path;

use arxiv_explorer::core::embedded::EMBEDDED_FEED_XML;
use arxiv_explorer::core::feed::parse_feed;
use arxiv_explorer::core::first_screen::{first_screen_html, END_MARK, START_MARK};
use arxiv_explorer::core::sources::{Source, SourceKind};

use crate::precompress::cannot;
use crate::process::Failure;

/// Runs before the body is parsed.
/// - An address with a query is a shared view, which the sample's papers would misrepresent
///   until the app has applied it: the first screen says it is opening instead.
/// - Until the app has started, a file that fails to load or a start that throws is said on
///   the first screen with a way to reload, and so is a start that takes longer than
///   `SLOW_START_MS`: otherwise a failed start would leave a page that looks ready forever.
const OPENING_SCRIPT: &str = r#"<script>(function(d){
if(location.search)d.documentElement.classList.add("opening-view");
var started=false,note=null;
function say(text){
if(started)return;
var screen=d.getElementById("first-screen");
if(!screen)return;
if(!note){note=d.createElement("p");note.className="first-screen__failed";note.setAttribute("role","alert");note.setAttribute("data-testid","start-failure");screen.insertBefore(note,screen.firstChild);}
note.textContent=text+" ";
var reload=d.createElement("a");reload.href=location.href;reload.textContent="Reload";note.appendChild(reload);
}
function failed(why){say("The explorer could not start: "+String(why).replace(/^(Uncaught )?(\w*Error: )?/,"").replace(/\.$/,"")+". Check the connection, then reload.");}
addEventListener("TrunkApplicationStarted",function(){started=true;});
addEventListener("explorer-start-failed",function(e){failed(e.detail);});
addEventListener("error",function(e){var t=e.target;if(t&&t.tagName==="SCRIPT")failed("its script did not load");else if(e.message)failed(e.message);},true);
addEventListener("unhandledrejection",function(e){var r=e.reason;failed(String(r&&r.message||r));});
setTimeout(function(){if(!note)say("The explorer is taking longer than usual to start.");},SLOW_START_MS);
})(document)</script>"#;

/// How long a start may take before the first screen says it is slow: a slow 4G visit
/// starts in about 3 s, a slow 3G one in about 10 s.
const SLOW_START_MS: u32 = 15_000;

fn opening_script() -> String {
    OPENING_SCRIPT.replace("SLOW_START_MS", &SLOW_START_MS.to_string())
}

/// The embedded sample's first screen.
pub fn embedded() -> Result<String, Failure> {
    screen(EMBEDDED_FEED_XML.as_bytes(), SourceKind::Embedded, None)
}

/// The first screen of the feed in `file`, which the page loads from `address`.
pub fn of_feed(file: &Path, address: &str, site_name: &str) -> Result<String, Failure> {
    let bytes = std::fs::read(file).map_err(|err| cannot("read", file, err))?;
    screen(
        &bytes,
        SourceKind::Url {
            url: address.to_string(),
        },
        Some(site_name),
    )
}

fn screen(bytes: &[u8], kind: SourceKind, site_name: Option<&str>) -> Result<String, Failure> {
    let parsed =
        parse_feed(bytes).map_err(|err| Failure::new(format!("the first screen's feed: {err}")))?;
    let source = Source {
        id: 0,
        kind,
        meta: parsed.feed.meta,
        papers: parsed.feed.papers.into_iter().map(Into::into).collect(),
        warnings: parsed.warnings,
    };
    Ok(first_screen_html(&source, site_name))
}

/// The loader's start, as Trunk writes it.
const LOADER_START: &str = "const wasm = await init(";
/// What follows the loader's start: a failed start (its module missing, cut short or
/// refused) is announced to the opening script, which not every engine tells of a module
/// script's rejection (WebKit reports none).
const LOADER_FAILURE: &str = r#".catch((e) => { dispatchEvent(new CustomEvent("explorer-start-failed", { detail: String((e && e.message) || e) })); throw e; })"#;

/// The page with `screen` as its first screen: in place of the one it has, or first in its
/// body, with the script in its head and the loader's failure announced to it.
pub fn write_into_page(html: &str, screen: &str) -> Result<String, Failure> {
    if let (Some(start), Some(end)) = (html.find(START_MARK), html.find(END_MARK)) {
        if start < end {
            let end = end + END_MARK.len();
            return Ok(format!("{}{screen}{}", &html[..start], &html[end..]));
        }
    }
    let mut page = announce_loader_failure(html)?;
    let head = page
        .find("</head>")
        .ok_or_else(|| Failure::new("index.html has no </head>"))?;
    page.insert_str(head, &opening_script());
    let body = page
        .find("<body>")
        .ok_or_else(|| Failure::new("index.html has no <body>"))?
        + "<body>".len();
    page.insert_str(body, screen);
    Ok(page)
}

/// `html` with [`LOADER_FAILURE`] after its loader's call, when it has Trunk's loader.
fn announce_loader_failure(html: &str) -> Result<String, Failure> {
    let Some(start) = html.find(LOADER_START) else {
        return Ok(html.to_string());
    };
    let close = html[start..]
        .find(");")
        .ok_or_else(|| Failure::new("index.html's loader call has no end"))?
        + start
        + 1;
    Ok(format!(
        "{}{LOADER_FAILURE}{}",
        &html[..close],
        &html[close..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_screen_goes_in_once_and_is_replaced_in_place() {
        let html = "<html><head><title>t</title></head><body><noscript>x</noscript></body></html>";
        let first = format!("{START_MARK}<div>one</div>{END_MARK}");
        let page = write_into_page(html, &first).expect("written");
        assert_eq!(
            page,
            format!(
                "<html><head><title>t</title>{}</head><body>{first}<noscript>x</noscript></body></html>",
                opening_script()
            )
        );
        let second = format!("{START_MARK}<div>two</div>{END_MARK}");
        let again = write_into_page(&page, &second).expect("replaced");
        assert_eq!(again, page.replace(&first, &second));
        assert_eq!(again.matches("<script>").count(), 1);
        assert!(again.contains("},15000);"), "{again}");
    }

    #[test]
    fn the_loaders_failure_is_announced_once() {
        let html = "<html><head><script type=\"module\">\nimport init from '/a.js';\nconst wasm = await init({ module_or_path: '/a_bg.wasm' });\nwindow.x = 1;\n</script></head><body></body></html>";
        let first = format!("{START_MARK}<div>one</div>{END_MARK}");
        let page = write_into_page(html, &first).expect("written");
        assert!(page.contains(&format!(
            "const wasm = await init({{ module_or_path: '/a_bg.wasm' }}){LOADER_FAILURE};\nwindow.x = 1;"
        )));
        let again = write_into_page(&page, &first).expect("replaced");
        assert_eq!(again.matches("explorer-start-failed").count(), 2, "{again}");
    }

    #[test]
    fn the_samples_first_screen_lists_its_papers_with_their_links() {
        let screen = embedded().expect("the sample parses");
        assert!(screen.starts_with(START_MARK) && screen.ends_with(END_MARK));
        assert!(screen.contains("cs.OS — Operating Systems"));
        assert!(screen.contains("15 papers from cs.OS"));
        assert_eq!(
            screen.matches(r#"<li class="paper-list__item">"#).count(),
            12
        );
        assert!(screen.contains(r#"href="https://arxiv.org/abs/2604.07839v1""#));
        // No hook the app's tests wait for: the app's own rows carry those.
        assert!(!screen.contains("data-paper-id"));
    }
}
