//! [`Harness`]: the built site on its server and a browser on it, with the few page actions
//! every test uses; and the embedded sample's paper ids.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::json;

use crate::chromium::ERROR_TRAP;
use crate::static_server::PHONE_FRAME;
use crate::{env_or, Browser, Driver, Engine, Result, StaticServer, Viewport};

/// How long a page may take to start its app before [`Harness::open`] gives up on it.
const START_WAIT: Duration = Duration::from_secs(30);

/// The embedded sample's papers, in feed order.
pub const SEED_IDS: [&str; 15] = [
    "2604.07839",
    "2604.05505",
    "2603.18030",
    "2604.07609",
    "2604.06970",
    "2604.05091",
    "2602.04816",
    "2603.15042",
    "2604.02442",
    "2604.01655",
    "2604.01620",
    "2604.01441",
    "2603.29052",
    "2603.25666",
    "2603.21466",
];

/// Everything one end-to-end test needs: the site, a driver and a browser on the site, in
/// the engine `E2E_BROWSER` names.
pub struct Harness {
    pub server: StaticServer,
    pub browser: Browser,
    pub viewport: Viewport,
    /// What every page runs before the app: the error trap and the test's own scripts.
    preloads: std::cell::RefCell<Vec<String>>,
    // Dropped after the browser: fields drop in declaration order.
    _driver: Driver,
}

impl Harness {
    /// Serves the built site and opens a browser at the default viewport. Fails with a clear
    /// message when the site has not been built (run through `cargo xtask test`).
    pub fn start() -> Result<Harness> {
        Harness::start_at(Viewport::DEFAULT)
    }

    /// [`Harness::start`] with the page's viewport `viewport`.
    pub fn start_at(viewport: Viewport) -> Result<Harness> {
        let site = std::env::var("E2E_SITE_DIR").map_err(|_| {
            "E2E_SITE_DIR is not set: run the end-to-end tests through `cargo xtask test`"
        })?;
        Harness::start_on(PathBuf::from(site), viewport)
    }

    /// [`Harness::start_at`] on the site in `site` (e.g. one a test built itself).
    pub fn start_on(site: PathBuf, viewport: Viewport) -> Result<Harness> {
        if !site.join("index.html").is_file() {
            return Err(format!("{} holds no built site (index.html)", site.display()).into());
        }
        let prefix = env_or("E2E_PUBLIC_URL", "/explorer/");
        let server = StaticServer::start(site, &prefix)?;
        server.set_preload(ERROR_TRAP);
        let driver = Driver::start(Engine::from_env()?)?;
        let browser = Browser::open_on(&driver, viewport)?;
        Ok(Harness {
            server,
            browser,
            viewport,
            preloads: std::cell::RefCell::new(vec![ERROR_TRAP.to_string()]),
            _driver: driver,
        })
    }

    pub fn engine(&self) -> Engine {
        self.browser.engine()
    }

    /// Runs `source` in every page opened from now on, before the page's own scripts, in
    /// every engine (e.g. to simulate a browser that refuses storage).
    pub fn run_before_every_page(&self, source: &str) -> Result<()> {
        let mut preloads = self.preloads.borrow_mut();
        preloads.push(source.to_string());
        self.server.set_preload(&preloads.join("\n;\n"));
        Ok(())
    }

    /// Whether the test can run in this engine; when not, says why on stderr, so a skip is
    /// never silent.
    pub fn runs_here(&self, unsupported: &[Engine], why: &str) -> bool {
        let engine = self.engine();
        if unsupported.contains(&engine) {
            eprintln!("skipped in {engine}: {why}");
            false
        } else {
            true
        }
    }

    /// A screenshot's path for this engine and viewport: `<name>-<engine>-<w>x<h>.png`.
    pub fn shot(&self, name: &str) -> PathBuf {
        Harness::screenshot_path(&format!(
            "{name}-{}-{}",
            self.engine(),
            self.viewport.name()
        ))
    }

    /// Whether the site is shown in a phone-sized frame (a phone's size in an engine whose
    /// windows cannot be that narrow).
    fn framed(&self) -> bool {
        self.viewport.phone && self.engine() != Engine::Chromium
    }

    /// Opens the site with `query` (e.g. `""` or `"?view=graph"`) and waits for the app.
    ///
    /// WebKitGTK's automation session has been seen (once in many runs, under load) to leave
    /// a navigation with the page's first screen and no app, no error and no start-failure
    /// note: there a navigation that shows nothing within `START_WAIT` is tried once more, as
    /// a person would reload, and says so on stderr. A start that fails, or fails twice, is
    /// reported with what the page shows.
    pub fn open(&self, query: &str) -> Result<()> {
        match self.navigate_and_wait(query) {
            Err(error) if self.engine() == Engine::Webkit && self.start_failure()?.is_empty() => {
                eprintln!("WebKit left {query:?} unstarted ({error}); opening it again");
                self.navigate_and_wait(query)
            }
            other => other,
        }
    }

    /// What the page's first screen says about a failed or slow start ("" when nothing).
    pub fn start_failure(&self) -> Result<String> {
        self.text_of("[data-testid=start-failure]")
    }

    fn navigate_and_wait(&self, query: &str) -> Result<()> {
        if self.framed() {
            self.browser
                .navigate(&format!("{}{PHONE_FRAME}{query}", self.server.site_url()))?;
            self.browser.wait_until(
                "the phone frame",
                "const f = document.getElementById('phone'); return !!f && !!f.contentDocument && f.contentDocument.readyState === 'complete';",
                Duration::from_secs(30),
            )?;
            self.browser.enter_first_frame()?;
        } else {
            self.browser
                .navigate(&format!("{}{query}", self.server.site_url()))?;
        }
        self.browser
            .wait_until(
                "the app to render its main landmark",
                "return document.getElementById('main') !== null;",
                START_WAIT,
            )
            .map_err(|error| {
                let shown = self
                    .browser
                    .execute(
                        "return [document.readyState, location.href, \
                         (document.querySelector('[data-testid=start-failure]') || {}).textContent || 'no start-failure note', \
                         JSON.stringify(window.__e2eErrors || [])].join(' | ');",
                        json!([]),
                    )
                    .map(|v| v.to_string())
                    .unwrap_or_else(|e| format!("(the page did not answer: {e})"));
                format!("{error}; the page: {shown}").into()
            })
    }

    /// Opens the site with empty local storage.
    pub fn open_fresh(&self, query: &str) -> Result<()> {
        self.open("")?;
        self.browser.execute("localStorage.clear();", json!([]))?;
        self.open(query)
    }

    /// Presses a key on the page, as the keyboard would.
    pub fn press(&self, key: &str) -> Result<()> {
        self.browser.execute(
            "document.body.dispatchEvent(new KeyboardEvent('keydown', {key: arguments[0], bubbles: true}));",
            json!([key]),
        )?;
        Ok(())
    }

    /// The text of the first element matching `css` ("" when there is none).
    pub fn text_of(&self, css: &str) -> Result<String> {
        let value = self.browser.execute(
            "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
            json!([css]),
        )?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    /// Waits until the first element matching `css` contains `needle`; a timeout says what
    /// the element held instead.
    pub fn wait_text(&self, css: &str, needle: &str, timeout: Duration) -> Result<()> {
        let waited = self.browser.wait_until(
            &format!("{css} to contain {needle:?}"),
            &format!(
                "const e = document.querySelector({}); return !!e && e.textContent.includes({});",
                serde_json::to_string(css)?,
                serde_json::to_string(needle)?
            ),
            timeout,
        );
        waited.map_err(|error| {
            let held = self.text_of(css).unwrap_or_default();
            format!("{error}; it holds {held:?}").into()
        })
    }

    /// Sets a form control's value as a person would, firing `event` (`input` or `change`).
    pub fn set_value(&self, css: &str, value: &str, event: &str) -> Result<()> {
        self.browser.set_value(css, value, event)
    }

    /// Where screenshots go: `target/e2e-screenshots/` of the workspace.
    pub fn screenshot_path(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../target/e2e-screenshots")
            .join(format!("{name}.png"))
    }
}
