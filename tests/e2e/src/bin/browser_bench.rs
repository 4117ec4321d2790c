//! `browser_bench`: the explorer's speed in headless Chromium, driven through the end-to-end
//! harness against the release site served under its sub-path (with its strict CSP). Run by
//! `cargo xtask bench`, which builds the site, generates the feeds and turns what this prints
//! into its table; it can also be run by hand:
//!
//! ```sh
//! cargo run -p e2e --bin browser_bench -- --site target/bench-site \
//!     --parse target/bench/page-2000.xml --filter 30000=target/bench/merged-30000.xml \
//!     --memory-at 30000 --graph target/bench/graph-15000.xml --min-joint 3 --paint-loads 5
//! ```
//!
//! It prints one `key<TAB>value` line per figure on standard output (samples as a
//! comma-separated list, in milliseconds or bytes as the key says) and `skip<TAB>part<TAB>why`
//! for a part that could not be measured; progress goes to standard error. Every part opens a
//! fresh page, so one part's memory or warm caches never flatter the next.
//!
//! What is measured, and how:
//! - parse: rounds of one load of the file through `#source-file` (its `feed:parse` measure)
//!   and one run of `DOMParser` plus a JavaScript walk over the same fields on the same `File`
//!   (caught before the app clears the input), decoding included as in `parse_feed`; with
//!   `--scan-wasm`, also the raw quick-xml scan built for wasm (the floor), timed after its
//!   input is copied into its memory. The first round warms them up and is not counted;
//!   alternating keeps a busy machine fair.
//! - filter: after the file is loaded (alone), the text is typed into `#search-input` one
//!   character at a time. Each keystroke is dispatched at the start of a frame (in a
//!   `requestAnimationFrame` callback; the app's microtasks update the DOM before that frame's
//!   style, layout and paint); input-to-paint ends when a message posted from that callback
//!   arrives, after the frame was rendered (a later frame counts if the filter ran late). A
//!   second callback of the same frame, run after the first one's microtasks, splits that
//!   into script (the app's handler, filter and DOM updates) and rendering.
//!   Compute is the sum of the keystroke's new `filter:apply` measures.
//! - memory: garbage collected, then `Runtime.getHeapUsage` (V8's heap; the DOM's heap
//!   separately) and the byte length of the module's linear memory (caught when the module
//!   is instantiated).
//! - graph: the co-author map is opened empty, its "Min. joint papers" set, then the file is
//!   loaded into it, so the whole map is built at once and its layout starts cold. Each
//!   `graph:layout` measure is one animation-frame slice. The measure does not say how many
//!   ticks it ran, so they are counted from the layout's clock reads between the slice's marks
//!   (see `LayoutRun::from_slices`).
//! - paint: the site is opened on its embedded feed; a script installed before the page's own
//!   records when the first `[data-paper-id]` element appears and when the frame after that
//!   has been rendered, next to Chrome's `first-contentful-paint` entry.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::thread;
use std::time::{Duration, Instant};

use e2e::{Browser, ChromeDriver, Result, StaticServer};
use serde_json::{json, Value};

const USAGE: &str = "\
browser_bench --site DIR [--prefix /explorer/] [--parse FILE] [--parse-runs N]
              [--filter LABEL=FILE ...] [--type TEXT] [--memory-at LABEL]
              [--graph FILE] [--gmin N] [--min-joint N] [--paint-loads N]
              [--profile FILE] [--scan-wasm FILE]";

/// The phrase typed into the search box, one character at a time (words the generated feeds
/// use); `--type` replaces it.
const DEFAULT_TEXT: &str = "graph neural networks scalable framework";

/// Installed before every page's own scripts: timing helpers, the layout's tick counter, the
/// module's memory, the chosen file and the first paint of paper rows.
const INSTRUMENT: &str = r#"
(() => {
  const perf = window.performance;
  const originalNow = Performance.prototype.now;
  const originalMark = Performance.prototype.mark;
  const now = () => originalNow.call(perf);
  const bench = (window.__bench = {
    now,
    layout: { active: false, calls: 0, slices: [] },
    memory: null,
    file: null,
    firstRows: null,
  });
  // Ticks of the co-author layout: it reads the clock once per slice and once after every
  // tick that leaves it moving, between the marks of its `graph:layout` measure.
  Performance.prototype.now = function () {
    if (bench.layout.active) bench.layout.calls += 1;
    return originalNow.call(this);
  };
  Performance.prototype.mark = function (name) {
    if (name === 'graph:layout:start') {
      bench.layout.active = true;
      bench.layout.calls = 0;
    }
    const mark = originalMark.apply(this, arguments);
    if (name === 'graph:layout:end') {
      bench.layout.active = false;
      bench.layout.slices.push(bench.layout.calls);
    }
    return mark;
  };
  // The module's linear memory, from whichever way the loader instantiates it.
  const keep = (result) => {
    const instance = result && (result.instance || result);
    const memory = instance && instance.exports && instance.exports.memory;
    if (memory instanceof WebAssembly.Memory) bench.memory = memory;
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    if (typeof original === 'function') {
      WebAssembly[name] = function () {
        return original.apply(this, arguments).then(keep);
      };
    }
  }
  addEventListener('TrunkApplicationStarted', (event) => {
    const memory = event.detail && event.detail.wasm && event.detail.wasm.memory;
    if (memory instanceof WebAssembly.Memory) bench.memory = memory;
  });
  // The app empties the file input once it has taken the file; keep it for the JS parser.
  addEventListener(
    'change',
    (event) => {
      const input = event.target;
      if (input && input.type === 'file' && input.files && input.files.length) {
        bench.file = input.files[0];
      }
    },
    true,
  );
  // First paint of paper rows: the first `[data-paper-id]`, then the frame that shows it.
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-paper-id]')) return;
    observer.disconnect();
    const rows = (bench.firstRows = { dom: now(), painted: null });
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        rows.painted = now();
      };
      channel.port2.postMessage(0);
    });
  }).observe(document, { childList: true, subtree: true });
})();
"#;

/// Helpers every measuring script starts with.
const HELPERS: &str = r#"
const now = window.__bench.now;
const afterFrame = () =>
  new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(now());
      channel.port2.postMessage(0);
    }),
  );
"#;

/// The raw quick-xml scan in wasm (`tools/bench-scan`, a module with no imports, given as a
/// list of bytes): the file's bytes are copied into its memory, then only the scan is timed, as the
/// app's `feed:parse` times only the parse. The page keeps its own module's memory for the
/// memory figures.
const WASM_SCAN: &str = r#"
const file = window.__bench.file;
if (!file) throw new Error('the file chosen in #source-file was not caught');
if (!window.__bench.scan) {
  const code = new Uint8Array(args[0]);
  const kept = window.__bench.memory;
  const { instance } = await WebAssembly.instantiate(code, {});
  window.__bench.memory = kept;
  window.__bench.scan = instance.exports;
}
const { memory, input_buffer, scan } = window.__bench.scan;
const bytes = new Uint8Array(await file.arrayBuffer());
const at = input_buffer(bytes.length);
new Uint8Array(memory.buffer, at, bytes.length).set(bytes);
const start = now();
const entries = scan();
const elapsed = now() - start;
return { elapsed, entries };
"#;

/// `DOMParser` and a walk over the same fields `parse_feed` fills, on bytes as the app gets
/// them: decoding is part of each run, as it is part of `parse_feed`.
const DOM_PARSE: &str = r#"
const file = window.__bench.file;
if (!file) throw new Error('the file chosen in #source-file was not caught');
const buffer = await file.arrayBuffer();
const ATOM = 'http://www.w3.org/2005/Atom';
const ARXIV = 'http://arxiv.org/schemas/atom';
const collapse = (text) => text.replace(/\s+/g, ' ').trim();
const optional = (text) => {
  const value = collapse(text);
  return value === '' ? null : value;
};
const time = (text) => {
  const value = Date.parse(text.trim());
  return Number.isNaN(value) ? null : value / 1000;
};
const extract = (doc) => {
  const root = doc.documentElement;
  if (!root || root.localName === 'parsererror' || doc.getElementsByTagName('parsererror').length) {
    throw new Error('DOMParser could not read the feed');
  }
  const papers = [];
  for (let entry = root.firstElementChild; entry; entry = entry.nextElementSibling) {
    if (entry.localName !== 'entry' || entry.namespaceURI !== ATOM) continue;
    const paper = {
      id: null, version: null, title: null, summary: null, authors: [], published: null,
      updated: null, categories: [], primary: null, comment: null, journalRef: null, doi: null,
      absUrl: null, pdfUrl: null, doiUrl: null,
    };
    for (let child = entry.firstElementChild; child; child = child.nextElementSibling) {
      const name = child.localName;
      if (child.namespaceURI === ATOM) {
        if (name === 'id') {
          const match = /\/(?:abs|pdf)\/(.+?)(?:v(\d+))?$/.exec(collapse(child.textContent));
          if (match) {
            paper.id = match[1];
            paper.version = match[2] ? Number(match[2]) : null;
          }
        } else if (name === 'title') {
          paper.title = collapse(child.textContent);
        } else if (name === 'summary') {
          paper.summary = collapse(child.textContent);
        } else if (name === 'published') {
          paper.published = time(child.textContent);
        } else if (name === 'updated') {
          paper.updated = time(child.textContent);
        } else if (name === 'author') {
          const author = { name: '', affiliations: [] };
          for (let part = child.firstElementChild; part; part = part.nextElementSibling) {
            if (part.localName === 'name' && part.namespaceURI === ATOM) {
              author.name = collapse(part.textContent);
            } else if (part.localName === 'affiliation' && part.namespaceURI === ARXIV) {
              author.affiliations.push(collapse(part.textContent));
            }
          }
          paper.authors.push(author);
        } else if (name === 'category') {
          const term = child.getAttribute('term');
          if (term) paper.categories.push(term);
        } else if (name === 'link') {
          const href = child.getAttribute('href') || '';
          if (!/^https?:/i.test(href)) continue;
          const title = child.getAttribute('title');
          if (title === 'pdf') paper.pdfUrl = href;
          else if (title === 'doi') paper.doiUrl = href;
          else if ((child.getAttribute('rel') || 'alternate') === 'alternate') paper.absUrl = href;
        }
      } else if (child.namespaceURI === ARXIV) {
        if (name === 'primary_category') paper.primary = child.getAttribute('term');
        else if (name === 'comment') paper.comment = optional(child.textContent);
        else if (name === 'journal_ref') paper.journalRef = optional(child.textContent);
        else if (name === 'doi') paper.doi = optional(child.textContent);
      }
    }
    if (paper.id) papers.push(paper);
  }
  return papers;
};
await new Promise((resolve) => setTimeout(resolve, 0));
const start = now();
const text = new TextDecoder('utf-8').decode(buffer);
const papers = extract(new DOMParser().parseFromString(text, 'application/xml'));
const elapsed = now() - start;
return {
  elapsed,
  entries: papers.length,
  authors: papers.reduce((sum, paper) => sum + paper.authors.length, 0),
  bytes: buffer.byteLength,
};
"#;

/// Types `args[0]` into the search box, one character per measured keystroke.
const TYPE_TEXT: &str = r#"
const text = args[0];
const input = document.querySelector('#search-input');
if (!input) throw new Error('the page has no #search-input');
input.focus();
const measures = () => performance.getEntriesByName('filter:apply');
// When the page last changed, to find the frame that shows all of a keystroke's changes
// (the list may follow a frame after the count).
let lastMutation = 0;
const observer = new MutationObserver(() => {
  lastMutation = now();
});
observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
const keystrokes = [];
for (let i = 0; i < text.length; i += 1) {
  // Let the page go quiet between keystrokes.
  await afterFrame();
  await afterFrame();
  const before = measures().length;
  const stroke = await new Promise((resolve) => {
    const times = {};
    requestAnimationFrame(() => {
      times.start = now();
      input.value = text.slice(0, i + 1);
      input.dispatchEvent(
        new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text[i] }),
      );
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        times.painted = now();
        resolve(times);
      };
      channel.port2.postMessage(0);
    });
    // The next callback of the same frame runs after the microtasks of the one above, i.e.
    // once the app has reacted and updated the DOM, before style, layout and paint.
    requestAnimationFrame(() => {
      times.scripted = now();
    });
  });
  // Normally the filter ran before that frame; if the app deferred it, the paint that counts
  // is the frame after the filter ran. A keystroke that changes no filter (a trailing space)
  // runs none: its first frame stands.
  let frames = 1;
  let painted = stroke.painted;
  for (let extra = 1; extra <= 10 && measures().length === before; extra += 1) {
    const at = await afterFrame();
    if (measures().length > before) {
      frames += extra;
      painted = at;
    }
  }
  // Then frame by frame until one passes that changes nothing: the frame before it painted
  // the keystroke's last change.
  let complete = painted;
  let seen = lastMutation;
  for (let extra = 0; extra < 60; extra += 1) {
    const at = await afterFrame();
    if (lastMutation === seen) break;
    seen = lastMutation;
    complete = at;
  }
  const fresh = measures().slice(before);
  keystrokes.push({
    compute: fresh.reduce((sum, m) => sum + m.duration, 0),
    runs: fresh.length,
    paint: painted - stroke.start,
    script: stroke.scripted - stroke.start,
    complete: complete - stroke.start,
    frames,
  });
}
observer.disconnect();
const count = document.querySelector('[data-testid=result-count]');
return { keystrokes, result: count ? count.textContent : null };
"#;

fn main() -> ExitCode {
    match Plan::parse(std::env::args().skip(1)).and_then(|plan| run(&plan)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("browser_bench: {error}");
            ExitCode::FAILURE
        }
    }
}

/// What to measure, from the command line.
#[derive(Debug)]
struct Plan {
    site: PathBuf,
    prefix: String,
    parse: Option<PathBuf>,
    parse_runs: usize,
    filters: Vec<(String, PathBuf)>,
    text: String,
    memory_at: Option<String>,
    graph: Option<PathBuf>,
    gmin: u32,
    min_joint: u32,
    paint_loads: usize,
    /// Where to write a CPU profile (DevTools format) of the typing, when asked.
    profile: Option<PathBuf>,
    /// The raw quick-xml scan built for wasm (`tools/bench-scan`): the parse's floor.
    scan_wasm: Option<PathBuf>,
}

impl Plan {
    fn parse(args: impl Iterator<Item = String>) -> Result<Plan> {
        let mut plan = Plan {
            site: PathBuf::new(),
            prefix: "/explorer/".to_string(),
            parse: None,
            parse_runs: 7,
            filters: Vec::new(),
            text: DEFAULT_TEXT.to_string(),
            memory_at: None,
            graph: None,
            gmin: 1,
            min_joint: 1,
            paint_loads: 5,
            profile: None,
            scan_wasm: None,
        };
        let mut site = None;
        let mut args = args;
        while let Some(flag) = args.next() {
            let mut value = || {
                args.next()
                    .ok_or_else(|| format!("`{flag}` needs a value\n{USAGE}"))
            };
            match flag.as_str() {
                "--site" => site = Some(PathBuf::from(value()?)),
                "--prefix" => plan.prefix = value()?,
                "--parse" => plan.parse = Some(PathBuf::from(value()?)),
                "--parse-runs" => plan.parse_runs = number(&flag, &value()?)?,
                "--filter" => {
                    let spec = value()?;
                    let (label, file) = spec
                        .split_once('=')
                        .ok_or_else(|| format!("`--filter` takes LABEL=FILE, not `{spec}`"))?;
                    plan.filters.push((label.to_string(), PathBuf::from(file)));
                }
                "--type" => plan.text = value()?,
                "--memory-at" => plan.memory_at = Some(value()?),
                "--graph" => plan.graph = Some(PathBuf::from(value()?)),
                "--gmin" => plan.gmin = number(&flag, &value()?)?,
                "--min-joint" => plan.min_joint = number(&flag, &value()?)?,
                "--paint-loads" => plan.paint_loads = number(&flag, &value()?)?,
                "--profile" => plan.profile = Some(PathBuf::from(value()?)),
                "--scan-wasm" => plan.scan_wasm = Some(PathBuf::from(value()?)),
                "--help" | "-h" => return Err(USAGE.into()),
                other => return Err(format!("unknown option `{other}`\n{USAGE}").into()),
            }
        }
        plan.site = site.ok_or_else(|| format!("`--site DIR` is required\n{USAGE}"))?;
        if !plan.site.join("index.html").is_file() {
            return Err(format!("{} holds no built site (index.html)", plan.site.display()).into());
        }
        if plan.text.is_empty() {
            return Err("`--type` needs at least one character".into());
        }
        Ok(plan)
    }
}

fn number<T: std::str::FromStr>(flag: &str, text: &str) -> Result<T> {
    text.parse()
        .map_err(|_| format!("`{flag}` needs a whole number, not `{text}`").into())
}

/// Lines for the caller, written as soon as they are known.
struct Report;

impl Report {
    fn value(&self, key: &str, value: impl std::fmt::Display) {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{key}\t{value}");
        let _ = out.flush();
    }

    fn samples(&self, key: &str, samples: &[f64]) {
        let list: Vec<String> = samples.iter().map(|s| format!("{s:.4}")).collect();
        self.value(key, list.join(","));
    }

    fn skip(&self, part: &str, why: &str) {
        eprintln!("browser_bench: {part}: {why}");
        let why = why.replace(['\t', '\n'], " ");
        self.value("skip", format!("{part}\t{why}"));
    }
}

fn progress(message: &str) {
    eprintln!("  browser: {message}");
}

fn run(plan: &Plan) -> Result<()> {
    let server = StaticServer::start(plan.site.clone(), &plan.prefix)?;
    let driver = ChromeDriver::start()?;
    let browser = Browser::start(&driver)?;
    // A 225 MB feed keeps the page busy for a while; WebDriver must not give up on it.
    browser.set_timeouts(Duration::from_secs(600), Duration::from_secs(600))?;
    browser.run_before_every_page(INSTRUMENT)?;
    let report = Report;
    let page = Page {
        browser: &browser,
        site: server.site_url(),
    };
    page.open("")?;
    if let Some(agent) = browser
        .execute("return navigator.userAgent;", json!([]))?
        .as_str()
    {
        report.value("browser", agent);
    }

    if let Some(file) = &plan.parse {
        let scan = match &plan.scan_wasm {
            Some(path) => Some(
                std::fs::read(path)
                    .map_err(|err| format!("cannot read {}: {err}", path.display()))?,
            ),
            None => None,
        };
        if let Err(error) = parse_part(&page, &report, file, plan.parse_runs, scan.as_deref()) {
            report.skip("parse", &error.to_string());
        }
    }
    for (label, file) in &plan.filters {
        let memory = plan.memory_at.as_deref() == Some(label.as_str());
        let profile = plan.profile.as_deref();
        if let Err(error) = filter_part(&page, &report, label, file, &plan.text, memory, profile) {
            report.skip(&format!("filter {label}"), &error.to_string());
        }
    }
    if let Some(file) = &plan.graph {
        if let Err(error) = graph_part(&page, &report, file, plan.gmin, plan.min_joint) {
            report.skip("graph", &error.to_string());
        }
    }
    if plan.paint_loads > 0 {
        if let Err(error) = paint_part(&page, &report, plan.paint_loads) {
            report.skip("first paint", &error.to_string());
        }
    }
    let errors: Vec<String> = browser
        .console_log()?
        .into_iter()
        .filter(|entry| entry["level"] == json!("SEVERE"))
        .map(|entry| entry["message"].as_str().unwrap_or_default().to_string())
        .collect();
    if !errors.is_empty() {
        report.value(
            "console_errors",
            errors.join(" | ").replace(['\t', '\n'], " "),
        );
    }
    Ok(())
}

/// The browser on the site.
struct Page<'a> {
    browser: &'a Browser,
    site: String,
}

impl Page<'_> {
    /// A fresh page (new document, new module instance) with `query`, once the app is up.
    fn open(&self, query: &str) -> Result<()> {
        self.browser.navigate(&format!("{}{query}", self.site))?;
        self.wait(
            "the app to render its paper list",
            "return !!window.__bench && document.querySelectorAll('[data-paper-id]').length > 0;",
            Duration::from_secs(60),
        )
    }

    /// A fresh page with a filter that may match nothing: waits for the first filter run.
    fn open_filtered(&self, query: &str) -> Result<()> {
        self.browser.navigate(&format!("{}{query}", self.site))?;
        self.wait(
            "the app to filter its feed",
            "return !!window.__bench && !!document.querySelector('main')
                 && performance.getEntriesByName('filter:apply').length > 0;",
            Duration::from_secs(60),
        )
    }

    /// Sets a form control's value and fires `event`, as a person changing it would.
    fn set_value(&self, css: &str, value: &str, event: &str) -> Result<()> {
        let found = self.execute(
            "const e = document.querySelector(arguments[0]);
             if (!e) return false;
             e.value = arguments[1];
             e.dispatchEvent(new Event(arguments[2], { bubbles: true }));
             return true;",
            json!([css, value, event]),
        )?;
        if found != json!(true) {
            return Err(format!("the page has no {css}").into());
        }
        Ok(())
    }

    fn execute(&self, script: &str, args: Value) -> Result<Value> {
        self.browser.execute(script, args)
    }

    /// Polls `script` until it returns `true`. A page busy with a large feed may not answer
    /// for a while, so errors count as "not yet" until the time is up.
    fn wait(&self, what: &str, script: &str, timeout: Duration) -> Result<()> {
        let started = Instant::now();
        let mut last_error = String::new();
        loop {
            match self.browser.execute(script, json!([])) {
                Ok(Value::Bool(true)) => return Ok(()),
                Ok(_) => {}
                Err(error) => last_error = error.to_string(),
            }
            if started.elapsed() > timeout {
                let detail = if last_error.is_empty() {
                    String::new()
                } else {
                    format!(" (last error: {last_error})")
                };
                return Err(
                    format!("timed out after {timeout:?} waiting for {what}{detail}").into(),
                );
            }
            thread::sleep(Duration::from_millis(100));
        }
    }

    /// Runs `body` (an async function body with `args` and the helpers in scope) in the page
    /// and waits for the value it returns.
    fn run_async(&self, what: &str, body: &str, args: Value, timeout: Duration) -> Result<Value> {
        let script = format!(
            "const args = arguments;
             window.__run = {{ done: false }};
             (async () => {{ {HELPERS} {body} }})().then(
               (value) => {{ window.__run = {{ done: true, value }}; }},
               (error) => {{ window.__run = {{ done: true, error: String(error && error.stack || error) }}; }},
             );
             return true;"
        );
        self.execute(&script, args)?;
        self.wait(what, "return !!window.__run && window.__run.done;", timeout)?;
        let outcome = self.execute("return window.__run;", json!([]))?;
        if let Some(error) = outcome["error"].as_str() {
            return Err(format!("{what}: {error}").into());
        }
        Ok(outcome["value"].clone())
    }

    /// Runs a measuring script that returns `{ elapsed, … }`: the time in ms, and the rest.
    fn timed(&self, what: &str, body: &str, args: Value) -> Result<(f64, Value)> {
        let outcome = self.run_async(what, body, args, Duration::from_secs(600))?;
        let elapsed = outcome["elapsed"]
            .as_f64()
            .ok_or_else(|| format!("{what} returned no time"))?;
        Ok((elapsed, outcome))
    }

    fn feed_parse_count(&self) -> Result<u64> {
        Ok(self
            .execute(
                "return performance.getEntriesByName('feed:parse').length;",
                json!([]),
            )?
            .as_u64()
            .unwrap_or(0))
    }

    /// Chooses `file` in the sources panel and waits until the page has parsed and shown it;
    /// returns the number of papers the page reports and the `feed:parse` duration.
    fn load_file(&self, file: &Path, timeout: Duration, listed: bool) -> Result<(u64, f64)> {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| format!("{} has no file name", file.display()))?
            .to_string();
        let before = self.feed_parse_count()?;
        self.browser.choose_file("#source-file", file)?;
        let script = format!(
            "const status = document.querySelector('[data-testid=sources-status]');
             const error = document.querySelector('[data-testid=sources-error]');
             return (performance.getEntriesByName('feed:parse').length > {before}
                     && !!status && status.textContent.includes({label}))
               || (!!error && error.textContent.includes({label}));",
            label = serde_json::to_string(&format!("File: {name}"))?
        );
        self.wait(&format!("{name} to load"), &script, timeout)?;
        let outcome = self.execute(
            "const status = document.querySelector('[data-testid=sources-status]');
             const error = document.querySelector('[data-testid=sources-error]');
             const parses = performance.getEntriesByName('feed:parse');
             return {
               status: status ? status.textContent : '',
               error: error ? error.textContent : '',
               parse: parses.length ? parses[parses.length - 1].duration : null,
             };",
            json!([]),
        )?;
        let error = outcome["error"].as_str().unwrap_or_default();
        if error.contains(&name) {
            return Err(format!("the page refused {name}: {error}").into());
        }
        let status = outcome["status"].as_str().unwrap_or_default();
        let papers = papers_in(status)
            .ok_or_else(|| format!("cannot read a paper count from the status {status:?}"))?;
        let parse = outcome["parse"]
            .as_f64()
            .ok_or("the feed:parse measure has no duration")?;
        // The list shows the file's papers once the merge and the filter have run.
        if listed {
            self.wait(
                "the loaded papers to be listed",
                "return document.querySelectorAll('[data-paper-id]').length > 0;",
                timeout,
            )?;
        }
        self.settle()?;
        Ok((papers, parse))
    }

    /// Removes every loaded source (the embedded sample included), so a file is measured alone.
    fn remove_sources(&self) -> Result<()> {
        self.execute(
            "for (const button of document.querySelectorAll('[data-testid=source] [data-testid=source-remove]')) button.click();
             return true;",
            json!([]),
        )?;
        self.wait(
            "the sources to be removed",
            "return document.querySelectorAll('[data-testid=source]').length === 0
                 && document.querySelectorAll('[data-paper-id]').length === 0;",
            Duration::from_secs(30),
        )
    }

    /// Waits for a few rendered frames, so the page is idle before the next measurement.
    fn settle(&self) -> Result<()> {
        self.run_async(
            "the page to go idle",
            "for (let i = 0; i < 5; i += 1) await afterFrame(); return true;",
            json!([]),
            Duration::from_secs(600),
        )?;
        Ok(())
    }
}

/// "File: x.xml: 30,000 papers loaded." → 30000.
fn papers_in(status: &str) -> Option<u64> {
    let before = status.split(" paper").next()?;
    let digits: String = before
        .rsplit(' ')
        .next()?
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

fn parse_part(
    page: &Page,
    report: &Report,
    file: &Path,
    runs: usize,
    scan_module: Option<&[u8]>,
) -> Result<()> {
    progress(&format!(
        "parse: {} in wasm, with DOMParser{}, 1 + {runs} rounds",
        file.display(),
        if scan_module.is_some() {
            " and the raw wasm scan"
        } else {
            ""
        }
    ));
    page.open("")?;
    // As a list of numbers: JSON has no bytes, and the module is small.
    let scan_module = scan_module.map(|bytes| json!(bytes));
    let mut wasm = Vec::new();
    let mut dom = Vec::new();
    let mut scans = Vec::new();
    let mut papers = 0;
    let mut last = Value::Null;
    // Rounds alternate the two parsers, so a busy moment on the machine hits both alike. The
    // first round warms both up and is not counted.
    for round in 0..=runs {
        let (count, duration) = page.load_file(file, Duration::from_secs(120), true)?;
        papers = count;
        // Remove the file again, so every load meets the same page.
        page.execute(
            "const sources = document.querySelectorAll('[data-testid=source]');
             sources[sources.length - 1].querySelector('[data-testid=source-remove]').click();
             return true;",
            json!([]),
        )?;
        page.wait(
            "the file's source to be removed",
            "return document.querySelectorAll('[data-testid=source]').length === 1;",
            Duration::from_secs(60),
        )?;
        page.settle()?;
        let (elapsed, outcome) = page.timed("DOMParser on the same file", DOM_PARSE, json!([]))?;
        last = outcome;
        if let Some(module) = &scan_module {
            let (scan, scanned) = page.timed(
                "the raw wasm scan on the same file",
                WASM_SCAN,
                json!([module]),
            )?;
            if scanned["entries"].as_u64() != Some(papers) {
                return Err(format!(
                    "the wasm scan found {} entries, the app {papers} papers",
                    scanned["entries"]
                )
                .into());
            }
            if round > 0 {
                scans.push(scan);
            }
        }
        if round > 0 {
            wasm.push(duration);
            dom.push(elapsed);
        }
        page.settle()?;
    }
    if !scans.is_empty() {
        report.samples("parse.scan_ms", &scans);
    }
    report.value("parse.papers", papers);
    report.samples("parse.wasm_ms", &wasm);
    report.samples("parse.dom_ms", &dom);
    report.value("parse.dom_entries", last["entries"].as_u64().unwrap_or(0));
    report.value("parse.dom_authors", last["authors"].as_u64().unwrap_or(0));
    report.value("parse.bytes", last["bytes"].as_u64().unwrap_or(0));
    Ok(())
}

fn filter_part(
    page: &Page,
    report: &Report,
    label: &str,
    file: &Path,
    text: &str,
    memory: bool,
    profile: Option<&Path>,
) -> Result<()> {
    progress(&format!("filter {label}: loading {}", file.display()));
    page.open("")?;
    page.remove_sources()?;
    let (papers, parse) = page.load_file(file, Duration::from_secs(900), true)?;
    report.value(&format!("filter.{label}.papers"), papers);
    report.value(&format!("filter.{label}.parse_ms"), format!("{parse:.3}"));
    if memory {
        if let Err(error) = memory_part(page, report, label, papers) {
            report.skip(&format!("memory {label}"), &error.to_string());
        }
    }
    progress(&format!(
        "filter {label}: typing {:?}, {} keystrokes",
        text,
        text.chars().count()
    ));
    if profile.is_some() {
        page.browser.cdp("Profiler.enable", json!({}))?;
        page.browser
            .cdp("Profiler.setSamplingInterval", json!({ "interval": 100 }))?;
        page.browser.cdp("Profiler.start", json!({}))?;
    }
    let typed = page.run_async(
        "typing into the search box",
        TYPE_TEXT,
        json!([text]),
        Duration::from_secs(900),
    )?;
    if let Some(path) = profile {
        let taken = page.browser.cdp("Profiler.stop", json!({}))?;
        std::fs::write(path, taken["profile"].to_string())
            .map_err(|err| format!("cannot write {}: {err}", path.display()))?;
        progress(&format!(
            "CPU profile of the typing written to {}",
            path.display()
        ));
    }
    let strokes = typed["keystrokes"].as_array().cloned().unwrap_or_default();
    let field =
        |name: &str| -> Vec<f64> { strokes.iter().filter_map(|s| s[name].as_f64()).collect() };
    let computed: Vec<f64> = strokes
        .iter()
        .filter(|s| s["runs"].as_u64().unwrap_or(0) > 0)
        .filter_map(|s| s["compute"].as_f64())
        .collect();
    report.value(&format!("filter.{label}.keystrokes"), strokes.len());
    report.samples(&format!("filter.{label}.compute_ms"), &computed);
    report.samples(&format!("filter.{label}.paint_ms"), &field("paint"));
    report.samples(&format!("filter.{label}.script_ms"), &field("script"));
    report.samples(&format!("filter.{label}.complete_ms"), &field("complete"));
    report.samples(&format!("filter.{label}.frames"), &field("frames"));
    if let Some(result) = typed["result"].as_str() {
        report.value(&format!("filter.{label}.result"), result.trim());
    }
    Ok(())
}

fn memory_part(page: &Page, report: &Report, label: &str, papers: u64) -> Result<()> {
    progress(&format!("memory with {label} loaded"));
    // Collect garbage first, so the figure is what the page holds, not what it left behind.
    let _ = page.browser.cdp("HeapProfiler.collectGarbage", json!({}));
    let usage = page.browser.cdp("Runtime.getHeapUsage", json!({})).ok();
    if let Some(dom) = usage
        .as_ref()
        .and_then(|u| u["embedderHeapUsedSize"].as_f64())
    {
        report.value("memory.dom_heap_bytes", dom);
    }
    let heap = match usage {
        Some(usage) if usage["usedSize"].is_number() => usage["usedSize"].as_f64(),
        _ => page
            .execute(
                "return performance.memory ? performance.memory.usedJSHeapSize : null;",
                json!([]),
            )?
            .as_f64(),
    };
    let heap = heap.ok_or("neither DevTools nor performance.memory report the JS heap")?;
    let wasm = page
        .execute(
            "const memory = window.__bench.memory;
             return memory ? memory.buffer.byteLength : null;",
            json!([]),
        )?
        .as_f64()
        .ok_or("the module's memory was not caught when it was instantiated")?;
    report.value("memory.papers", papers);
    report.value("memory.js_heap_bytes", heap);
    report.value("memory.wasm_bytes", wasm);
    Ok(())
}

fn graph_part(page: &Page, report: &Report, file: &Path, gmin: u32, min_joint: u32) -> Result<()> {
    progress("graph: opening an empty co-author map");
    // The map's own settings (min. joint papers) live in the map and any change to the view
    // (filters, gmin) rebuilds the map with its defaults. Loading a file does not touch the
    // view: so the map is opened empty, set up, and the file loaded into it, which builds
    // the whole map at once and starts its layout cold.
    let mut query = "?view=graph".to_string();
    if gmin > 1 {
        query.push_str(&format!("&gmin={gmin}"));
    }
    page.open_filtered(&query)?;
    page.remove_sources()?;
    page.wait(
        "the empty co-author map",
        "const canvas = document.querySelector('[data-testid=author-graph]');
         return !!canvas && canvas.dataset.nodeCount === '0';",
        Duration::from_secs(60),
    )?;
    if min_joint > 1 {
        page.set_value("#graph-min-joint", &min_joint.to_string(), "change")?;
    }
    page.settle()?;
    page.execute(
        "performance.clearMeasures('graph:layout');
         performance.clearMeasures('graph:draw');
         window.__bench.layout.slices = [];
         return true;",
        json!([]),
    )?;
    progress(&format!(
        "graph: loading {} into the map and waiting for the layout to settle",
        file.display()
    ));
    let (papers, _) = page.load_file(file, Duration::from_secs(300), false)?;
    let opened = page
        .execute(
            "const parses = performance.getEntriesByName('feed:parse');
             const last = parses[parses.length - 1];
             return last.startTime + last.duration;",
            json!([]),
        )?
        .as_f64()
        .ok_or("no feed:parse measure for the graph's file")?;
    // Settled: the animation stops with the layout. Between two slices the page draws the
    // map, which can take long on a large one, so "quiet" is measured against those gaps.
    page.wait(
        "the co-author layout to settle",
        "const slices = performance.getEntriesByName('graph:layout');
         if (!slices.length) return false;
         let gap = 0;
         for (let i = 1; i < slices.length; i += 1) {
           gap = Math.max(gap, slices[i].startTime - slices[i - 1].startTime - slices[i - 1].duration);
         }
         const last = slices[slices.length - 1];
         return window.__bench.now() - (last.startTime + last.duration) > Math.max(1500, 4 * gap);",
        Duration::from_secs(900),
    )?;
    let state = page.execute(
        "const canvas = document.querySelector('[data-testid=author-graph]');
         return {
           nodes: canvas ? Number(canvas.dataset.nodeCount) : null,
           edges: canvas ? Number(canvas.dataset.edgeCount) : null,
           slices: performance.getEntriesByName('graph:layout').map((m) => [m.startTime, m.duration]),
           draws: performance.getEntriesByName('graph:draw').map((m) => m.duration),
           calls: window.__bench.layout.slices,
         };",
        json!([]),
    )?;
    let slices: Vec<(f64, f64)> = state["slices"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|s| Some((s[0].as_f64()?, s[1].as_f64()?)))
                .collect()
        })
        .unwrap_or_default();
    let calls: Vec<u64> = state["calls"]
        .as_array()
        .map(|list| list.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default();
    let layout = LayoutRun::from_slices(&slices, &calls)?;
    let draws: Vec<f64> = state["draws"]
        .as_array()
        .map(|list| list.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    report.samples("graph.draw_ms", &draws);
    report.value("graph.papers", papers);
    report.value("graph.gmin", gmin);
    report.value("graph.min_joint", min_joint);
    report.value("graph.nodes", state["nodes"].as_u64().unwrap_or(0));
    report.value("graph.edges", state["edges"].as_u64().unwrap_or(0));
    report.value("graph.ticks", layout.ticks);
    report.value("graph.slices", layout.slices);
    report.value("graph.layout_ms", format!("{:.3}", layout.busy_ms));
    report.value("graph.settle_ms", format!("{:.3}", layout.settle_ms));
    report.value(
        "graph.build_ms",
        format!("{:.3}", layout.first_start - opened),
    );
    report.value(
        "graph.longest_slice_ms",
        format!("{:.3}", layout.longest_ms),
    );
    Ok(())
}

/// One layout run, from its `graph:layout` slices (one per animation frame).
#[derive(Debug, PartialEq)]
struct LayoutRun {
    slices: usize,
    ticks: u64,
    /// Time spent in layout slices.
    busy_ms: f64,
    /// From the start of the first slice to the end of the last.
    settle_ms: f64,
    first_start: f64,
    longest_ms: f64,
}

impl LayoutRun {
    /// `slices` are (start, duration) of each `graph:layout` measure; `calls` the clock reads
    /// inside each. The layout reads the clock once before a slice (outside the measure) and
    /// once after every tick that leaves it moving; the tick that settles it reads none. So a
    /// slice ran as many ticks as it read the clock, and the run one tick more in all.
    fn from_slices(slices: &[(f64, f64)], calls: &[u64]) -> Result<LayoutRun> {
        if slices.is_empty() {
            return Err("the layout recorded no graph:layout measure".into());
        }
        if slices.len() != calls.len() {
            return Err(format!(
                "{} graph:layout measures but {} pairs of layout marks were seen",
                slices.len(),
                calls.len()
            )
            .into());
        }
        let (first_start, _) = slices[0];
        let (last_start, last_duration) = slices[slices.len() - 1];
        Ok(LayoutRun {
            slices: slices.len(),
            ticks: calls.iter().sum::<u64>() + 1,
            busy_ms: slices.iter().map(|(_, d)| d).sum(),
            settle_ms: last_start + last_duration - first_start,
            first_start,
            longest_ms: slices.iter().map(|(_, d)| *d).fold(0.0, f64::max),
        })
    }
}

fn paint_part(page: &Page, report: &Report, loads: usize) -> Result<()> {
    progress(&format!("first paint of the embedded feed, {loads} loads"));
    let mut rows = Vec::new();
    let mut contentful = Vec::new();
    for _ in 0..loads {
        page.open("")?;
        page.wait(
            "the frame after the first paper rows",
            "return !!window.__bench.firstRows && window.__bench.firstRows.painted !== null
                 && performance.getEntriesByName('first-contentful-paint').length > 0;",
            Duration::from_secs(30),
        )?;
        let times = page.execute(
            "const fcp = performance.getEntriesByName('first-contentful-paint')[0];
             return { rows: window.__bench.firstRows.painted, fcp: fcp ? fcp.startTime : null };",
            json!([]),
        )?;
        rows.push(times["rows"].as_f64().ok_or("no first-rows time")?);
        if let Some(fcp) = times["fcp"].as_f64() {
            contentful.push(fcp);
        }
    }
    report.samples("paint.rows_ms", &rows);
    report.samples("paint.fcp_ms", &contentful);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_paper_counts_from_the_status() {
        assert_eq!(
            papers_in("File: merged-30000.xml: 30,000 papers loaded."),
            Some(30_000)
        );
        assert_eq!(papers_in("File: one.xml: 1 paper loaded."), Some(1));
        assert_eq!(papers_in("nothing here"), None);
    }

    #[test]
    fn layout_ticks_come_from_clock_reads() {
        // Two slices of 3 moving ticks, then one moving tick and the settling one.
        let slices = [(100.0, 6.5), (116.7, 6.4), (133.4, 4.0)];
        let run = LayoutRun::from_slices(&slices, &[3, 3, 1]).expect("a run");
        assert_eq!(run.ticks, 3 + 3 + 2);
        assert_eq!(run.slices, 3);
        assert!((run.busy_ms - 16.9).abs() < 1e-9);
        assert!((run.settle_ms - 37.4).abs() < 1e-9);
        assert!((run.longest_ms - 6.5).abs() < 1e-9);
        assert_eq!(run.first_start, 100.0);
    }

    #[test]
    fn mismatched_marks_are_an_error() {
        assert!(LayoutRun::from_slices(&[], &[]).is_err());
        assert!(LayoutRun::from_slices(&[(0.0, 1.0)], &[]).is_err());
        assert_eq!(
            LayoutRun::from_slices(&[(0.0, 1.0)], &[0])
                .map(|r| r.ticks)
                .ok(),
            Some(1)
        );
    }
}
