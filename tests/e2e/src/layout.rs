//! Layout checks a person would make by looking: which papers are whole in the first screen,
//! whether any text is cut by a box too small for it, whether facet counts can be seen, and
//! whether the focused element's ring is clipped. The same script runs in every engine.

use serde_json::{json, Value};

use crate::{Browser, Result};

/// What the first screen shows.
#[derive(Debug)]
pub struct LayoutReport {
    /// Papers entirely inside the viewport.
    pub whole_papers: usize,
    /// Elements whose text a box too small for it cuts (hidden overflow, an ellipsis, or a
    /// sideways scroll), described for the failure message.
    pub cut: Vec<String>,
    /// Row parts that spill out of their row.
    pub spilling: Vec<String>,
    /// The page scrolls sideways: something is wider than the screen.
    pub sideways: bool,
    /// Facet counts drawn, and those not entirely visible in their facet and column.
    pub facet_counts: usize,
    pub hidden_counts: Vec<String>,
    /// Placeholders longer than their input.
    pub long_placeholders: Vec<String>,
}

impl LayoutReport {
    /// Everything that reads as broken, one line each (empty when the page reads well).
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        problems.extend(self.cut.iter().map(|c| format!("text cut: {c}")));
        problems.extend(
            self.spilling
                .iter()
                .map(|c| format!("spills out of its row: {c}")),
        );
        problems.extend(
            self.hidden_counts
                .iter()
                .map(|c| format!("facet count not visible: {c}")),
        );
        problems.extend(
            self.long_placeholders
                .iter()
                .map(|c| format!("placeholder longer than its field: {c}")),
        );
        if self.sideways {
            problems.push("the page scrolls sideways".to_string());
        }
        problems
    }
}

const REPORT: &str = r#"
const vw = document.documentElement.clientWidth, vh = innerHeight;
const describe = (el) => {
  const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '';
  return el.tagName.toLowerCase() + cls + ' "' + (el.textContent || el.placeholder || '').trim().replace(/\s+/g, ' ').slice(0, 50) + '"';
};
const shown = (el) => {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < vh && getComputedStyle(el).visibility !== 'hidden';
};
const report = { whole: 0, cut: [], spilling: [], sideways: document.documentElement.scrollWidth > vw + 1, counts: 0, hiddenCounts: [], placeholders: [] };
for (const paper of document.querySelectorAll('article.paper')) {
  const r = paper.getBoundingClientRect();
  if (r.bottom <= 0 || r.top >= vh) continue;
  if (r.top >= -0.5 && r.bottom <= vh + 0.5) report.whole++;
  for (const part of paper.querySelectorAll('*')) {
    // Inside the clamp, lines past the second are hidden on purpose.
    if (part.closest('[data-clamp]')) continue;
    const p = part.getBoundingClientRect();
    if (p.width === 0 || p.height === 0) continue;
    if (p.bottom > r.bottom + 0.5 || p.right > r.right + 0.5 || p.left < r.left - 0.5) report.spilling.push(describe(part));
  }
}
const skip = 'script, style, svg, svg *, canvas, math, math *, select, option, input, textarea, .visually-hidden, .visually-hidden *, [hidden], [hidden] *';
for (const el of document.querySelectorAll('body *')) {
  if (el.matches(skip) || !shown(el) || !(el.textContent || '').trim()) continue;
  // The one clamp the page allows: two lines of an abstract, with "more" beside it.
  if (el.closest('[data-clamp]')) continue;
  const s = getComputedStyle(el);
  const clipX = ['hidden', 'clip'].includes(s.overflowX) || s.textOverflow === 'ellipsis';
  const clipY = ['hidden', 'clip'].includes(s.overflowY);
  const scrollX = ['auto', 'scroll'].includes(s.overflowX);
  if ((clipX || scrollX) && el.scrollWidth > el.clientWidth + 1) report.cut.push(describe(el));
  else if (clipY && el.scrollHeight > el.clientHeight + 1) report.cut.push(describe(el));
}
for (const count of document.querySelectorAll('.facet__count')) {
  if (!shown(count)) continue;
  report.counts++;
  const c = count.getBoundingClientRect();
  const facet = count.closest('.facet').getBoundingClientRect();
  const column = (count.closest('.explorer__facets, .graph-panel') || document.body).getBoundingClientRect();
  const inside = c.left >= facet.left - 0.5 && c.right <= facet.right + 0.5 && c.right <= column.right + 0.5 && c.right <= vw + 0.5 && c.width > 0;
  if (!inside) report.hiddenCounts.push(describe(count.closest('.facet')));
}
const canvas = document.createElement('canvas').getContext('2d');
for (const input of document.querySelectorAll('input[placeholder]')) {
  if (!shown(input)) continue;
  const s = getComputedStyle(input);
  canvas.font = s.fontStyle + ' ' + s.fontWeight + ' ' + s.fontSize + ' ' + s.fontFamily;
  const room = input.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
  if (canvas.measureText(input.placeholder).width > room + 1) report.placeholders.push(describe(input));
}
return report;
"#;

/// Whether the focused element's ring (its outline, outside or inside its box) is clipped by
/// a box that hides overflow, or by the window's edge; `null` when it is whole.
const FOCUS_RING: &str = r#"
const el = document.activeElement;
if (!el || el === document.body) return { target: 'body', clipped: null, inPaper: false, facet: false };
const s = getComputedStyle(el);
const reach = s.outlineStyle === 'none' ? 0 : (parseFloat(s.outlineWidth) || 0) + (parseFloat(s.outlineOffset) || 0);
const r = el.getBoundingClientRect();
const ring = { left: r.left - reach, right: r.right + reach, top: r.top - reach, bottom: r.bottom + reach };
let clipped = null;
for (let box = el.parentElement; box && box !== document.documentElement; box = box.parentElement) {
  const b = getComputedStyle(box);
  if (b.overflowX === 'visible' && b.overflowY === 'visible' && b.contain.indexOf('paint') < 0) continue;
  const c = box.getBoundingClientRect();
  const left = c.left + box.clientLeft, top = c.top + box.clientTop;
  const right = left + box.clientWidth, bottom = top + box.clientHeight;
  if (ring.left < left - 0.5 || ring.right > right + 0.5 || ring.top < top - 0.5 || ring.bottom > bottom + 0.5) {
    clipped = box.tagName.toLowerCase() + '.' + String(box.className).trim().split(/\s+/).join('.');
    break;
  }
}
if (!clipped && (ring.left < -0.5 || ring.right > document.documentElement.clientWidth + 0.5)) clipped = 'the window';
const cls = typeof el.className === 'string' ? el.className : '';
return {
  target: el.tagName.toLowerCase() + (cls ? '.' + cls.trim().split(/\s+/).join('.') : '') + ' "' + (el.textContent || el.getAttribute('aria-label') || el.id || '').trim().slice(0, 40) + '"',
  clipped,
  inPaper: !!el.closest('[data-paper-id]'),
  facet: !!el.closest('.explorer__facets'),
  outline: s.outlineStyle !== 'none' && (parseFloat(s.outlineWidth) || 0) > 0
};
"#;

/// Where the focus is, and whether its ring shows whole.
#[derive(Debug)]
pub struct FocusStop {
    pub target: String,
    pub clipped: Option<String>,
    pub in_paper: bool,
    pub in_facets: bool,
    pub has_outline: bool,
}

impl Browser {
    /// Measures the page as it is now.
    pub fn layout_report(&self) -> Result<LayoutReport> {
        let value = self.execute(REPORT, json!([]))?;
        let strings = |key: &str| -> Vec<String> {
            value[key]
                .as_array()
                .map(|list| {
                    list.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        Ok(LayoutReport {
            whole_papers: value["whole"].as_u64().unwrap_or(0) as usize,
            cut: strings("cut"),
            spilling: strings("spilling"),
            sideways: value["sideways"] == json!(true),
            facet_counts: value["counts"].as_u64().unwrap_or(0) as usize,
            hidden_counts: strings("hiddenCounts"),
            long_placeholders: strings("placeholders"),
        })
    }

    /// The focused element and whether its ring is clipped.
    pub fn focus_stop(&self) -> Result<FocusStop> {
        let value: Value = self.execute(FOCUS_RING, json!([]))?;
        Ok(FocusStop {
            target: value["target"].as_str().unwrap_or_default().to_string(),
            clipped: value["clipped"].as_str().map(str::to_string),
            in_paper: value["inPaper"] == json!(true),
            in_facets: value["facet"] == json!(true),
            has_outline: value["outline"] == json!(true),
        })
    }
}
