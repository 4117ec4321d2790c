//! The independent oracle: what a page that took hostile input must not show, judged from
//! outside the app. Traps installed before the page's own scripts, a watch on the DOM, and the
//! MathML allow-list, a copy kept apart from the app's on purpose: a check that used the app's
//! own list would pass whatever the list let through.

use e2e::{Harness, Result};
use serde_json::{json, Value};

/// Runs before the page's own scripts: dialogs and new windows only record that they were
/// asked for, and CSP violations (an inline script or handler that got into the page) are
/// recorded too.
const TRAPS: &str = r#"
(() => {
  window.__dialogs = [];
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
    window[name] = function (message) {
      window.__dialogs.push(name + ': ' + String(message));
      return null;
    };
  }
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__csp.push(event.violatedDirective + ' ' + event.blockedURI + ' ' + (event.sample || ''));
  });
})();
"#;

/// Defines `window.__dangersIn(root)`, the static scan, and starts recording every element
/// added to the page from now on whose tag can carry script or load something, and every
/// dangerous attribute set on any element.
const WATCH: &str = r#"
const schemes = /^(javascript|data|vbscript):/;
const urlAttributes = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'srcdoc',
  'data', 'poster', 'background', 'ping', 'codebase', 'cite', 'lowsrc', 'dynsrc']);
const riskyTags = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'style', 'link', 'meta', 'base', 'img', 'image', 'foreignobject', 'use', 'animate', 'set',
  'audio', 'video', 'source', 'portal', 'template']);
// What a browser makes of an address: tabs and newlines removed, leading controls and spaces
// trimmed, scheme case-insensitive.
const normalise = (value) => value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '').toLowerCase();
const attributeDanger = (element, name, value) => {
  const lower = name.toLowerCase();
  if (lower.startsWith('on')) return `${element.localName}[${name}]`;
  if (urlAttributes.has(lower) && schemes.test(normalise(value))) return `${element.localName}[${name}=${value.slice(0, 80)}]`;
  return null;
};
window.__dangersIn = (root) => {
  const found = [];
  for (const element of [root, ...root.querySelectorAll('*')]) {
    for (const attribute of element.attributes || []) {
      const danger = attributeDanger(element, attribute.name, attribute.value);
      if (danger) found.push(danger);
    }
  }
  return found;
};
window.__dangers = [];
const record = (danger) => { if (danger && window.__dangers.length < 50) window.__dangers.push(danger); };
new MutationObserver((mutations) => {
  for (const mutation of mutations) {
    if (mutation.type === 'attributes') {
      const value = mutation.target.getAttribute(mutation.attributeName);
      if (value !== null) record(attributeDanger(mutation.target, mutation.attributeName, value));
      continue;
    }
    for (const node of mutation.addedNodes) {
      if (node.nodeType !== Node.ELEMENT_NODE) continue;
      for (const element of [node, ...node.querySelectorAll('*')]) {
        if (riskyTags.has(element.localName.toLowerCase())) record(`added <${element.localName}>`);
      }
      for (const danger of window.__dangersIn(node)) record(danger);
    }
  }
}).observe(document, { subtree: true, childList: true, attributes: true });
"#;

/// MathML attributes the detail panel may carry: presentation only, nothing that names an
/// address or a script.
const MATHML_ATTRIBUTES: [&str; 22] = [
    "display",
    "mathvariant",
    "displaystyle",
    "scriptlevel",
    "stretchy",
    "fence",
    "separator",
    "symmetric",
    "lspace",
    "rspace",
    "minsize",
    "maxsize",
    "movablelimits",
    "accent",
    "accentunder",
    "linethickness",
    "width",
    "height",
    "depth",
    "columnalign",
    "rowalign",
    "notation",
];

/// Makes every page this harness opens carry the traps.
pub fn install_traps(harness: &Harness) -> Result<()> {
    harness.run_before_every_page(TRAPS)
}

/// Checks that the traps came before the app, and starts watching the page.
pub fn watch(harness: &Harness) -> Result<()> {
    let trapped = harness.browser.execute(
        "return Array.isArray(window.__dialogs) && Array.isArray(window.__csp);",
        json!([]),
    )?;
    assert_eq!(
        trapped,
        json!(true),
        "the traps are installed before the app"
    );
    harness.browser.execute(WATCH, json!([]))?;
    Ok(())
}

/// What the traps and the watch saw: a payload's mark, dialogs, CSP violations, dangerous
/// markup added since the watch started, and dangerous attributes on the page now.
pub fn page_report(harness: &Harness, context: &str) -> Result<Value> {
    // With a dialog open, WebDriver refuses to run scripts ("unexpected alert open").
    match harness.browser.execute(
        "return {
           pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned),
           dialogs: window.__dialogs,
           csp: window.__csp,
           added: window.__dangers,
           present: window.__dangersIn(document.documentElement),
         };",
        json!([]),
    ) {
        Ok(report) => Ok(report),
        Err(error) if error.to_string().to_lowercase().contains("alert") => {
            panic!("{context}: a dialog is open: {error}")
        }
        Err(error) => Err(error),
    }
}

/// Everything that must hold on the page after a hostile input, whatever it was.
pub fn assert_nothing_ran(harness: &Harness, context: &str) -> Result<()> {
    let report = page_report(harness, context)?;
    assert_eq!(report["pwned"], Value::Null, "{context}: a payload ran");
    assert_eq!(
        report["dialogs"],
        json!([]),
        "{context}: a dialog was asked for"
    );
    assert_eq!(
        report["csp"],
        json!([]),
        "{context}: the CSP blocked something that got in"
    );
    assert_eq!(
        report["added"],
        json!([]),
        "{context}: dangerous markup was added"
    );
    assert_eq!(
        report["present"],
        json!([]),
        "{context}: dangerous attributes"
    );
    let errors = harness.browser.console_errors()?;
    assert!(errors.is_empty(), "{context}: console errors {errors:?}");
    Ok(())
}

/// The math of `id`'s open details: plain formulas rendered as MathML with allow-listed
/// attributes only, and LaTeX that cannot be rendered safely shown as its source.
pub fn assert_math_allow_listed(harness: &Harness, id: &str) -> Result<()> {
    let math = harness.browser.execute(
        "const panel = document.querySelector('[data-testid=detail-panel] .detail-panel__abstract');
         const elements = [...panel.querySelectorAll('math, math *')];
         return {
           count: panel.querySelectorAll('math').length,
           namespaces: [...new Set(elements.map(e => e.namespaceURI))],
           attributes: [...new Set(elements.flatMap(e => [...e.attributes].map(a => a.name)))],
           latexShownAsText: panel.querySelectorAll('code.latex').length,
         };",
        json!([]),
    )?;
    assert!(
        math["count"].as_u64().unwrap_or(0) >= 2,
        "{id}: plain math renders: {math}"
    );
    assert_eq!(
        math["namespaces"],
        json!(["http://www.w3.org/1998/Math/MathML"]),
        "{id}: only MathML elements: {math}"
    );
    for attribute in math["attributes"].as_array().into_iter().flatten() {
        let name = attribute.as_str().unwrap_or_default();
        assert!(
            MATHML_ATTRIBUTES.contains(&name),
            "{id}: MathML attribute {name}"
        );
    }
    assert!(
        math["latexShownAsText"].as_u64().unwrap_or(0) >= 1,
        "{id}: LaTeX that cannot be rendered safely shows as source: {math}"
    );
    Ok(())
}
