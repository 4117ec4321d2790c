//! The JavaScript `browser_bench` runs in the page: the instrumentation installed before the
//! page's own scripts, and the measuring scripts (async function bodies, see `Page::run_async`).

/// Installed before every page's own scripts: timing helpers, the layout's tick counter, the
/// module's memory, the chosen file and the first paint of paper rows.
pub const INSTRUMENT: &str = r#"
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
pub const HELPERS: &str = r#"
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
pub const WASM_SCAN: &str = r#"
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
pub const DOM_PARSE: &str = r#"
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
pub const TYPE_TEXT: &str = r#"
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
