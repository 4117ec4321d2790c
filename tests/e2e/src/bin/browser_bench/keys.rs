//! The names of the figures `browser_bench` prints (one `key<TAB>value` line each) and
//! `cargo xtask bench` reads. Both compile this one file (xtask by `#[path]`, so it needs no
//! dependency on this package), so a renamed figure cannot leave the reader looking for the
//! old name. Samples are comma-separated lists; a key's suffix gives the unit.

/// Not a figure: `skip<TAB>part<TAB>why` says that a part could not be measured, and why.
pub const SKIP: &str = "skip";
/// The browser's user agent.
pub const BROWSER: &str = "browser";
/// Console errors seen during the run, joined with " | ".
pub const CONSOLE_ERRORS: &str = "console_errors";

/// Loading the `--parse` file through the page, next to `DOMParser` and the raw wasm scan.
pub mod parse {
    pub const WASM_MS: &str = "parse.wasm_ms";
    pub const SCAN_MS: &str = "parse.scan_ms";
    pub const DOM_MS: &str = "parse.dom_ms";
    /// The papers the app loaded.
    pub const PAPERS: &str = "parse.papers";
    pub const DOM_ENTRIES: &str = "parse.dom_entries";
    pub const DOM_AUTHORS: &str = "parse.dom_authors";
    pub const BYTES: &str = "parse.bytes";
}

/// Typing into the search box with one `--filter` file loaded: each figure is
/// `filter.<label>.<figure>`, see [`key`].
pub mod filter {
    /// The key of `figure` for the file labelled `label` (e.g. `filter.30000.paint_ms`).
    pub fn key(label: impl std::fmt::Display, figure: &str) -> String {
        format!("filter.{label}.{figure}")
    }

    pub const PAPERS: &str = "papers";
    pub const PARSE_MS: &str = "parse_ms";
    pub const KEYSTROKES: &str = "keystrokes";
    /// Only keystrokes that ran the filter.
    pub const COMPUTE_MS: &str = "compute_ms";
    pub const PAINT_MS: &str = "paint_ms";
    pub const SCRIPT_MS: &str = "script_ms";
    pub const COMPLETE_MS: &str = "complete_ms";
    /// Frames until the keystroke's paint: 1 when it painted in its own frame.
    pub const FRAMES: &str = "frames";
    /// The result count the page shows at the end.
    pub const RESULT: &str = "result";
}

/// The page's memory with the `--memory-at` file loaded.
pub mod memory {
    pub const PAPERS: &str = "memory.papers";
    pub const JS_HEAP_BYTES: &str = "memory.js_heap_bytes";
    pub const DOM_HEAP_BYTES: &str = "memory.dom_heap_bytes";
    pub const WASM_BYTES: &str = "memory.wasm_bytes";
}

/// The co-author map of the `--graph` file, from a cold start until its layout settles.
pub mod graph {
    pub const PAPERS: &str = "graph.papers";
    pub const GMIN: &str = "graph.gmin";
    pub const MIN_JOINT: &str = "graph.min_joint";
    pub const NODES: &str = "graph.nodes";
    pub const EDGES: &str = "graph.edges";
    pub const TICKS: &str = "graph.ticks";
    pub const SLICES: &str = "graph.slices";
    pub const LAYOUT_MS: &str = "graph.layout_ms";
    pub const SETTLE_MS: &str = "graph.settle_ms";
    pub const BUILD_MS: &str = "graph.build_ms";
    pub const LONGEST_SLICE_MS: &str = "graph.longest_slice_ms";
    pub const DRAW_MS: &str = "graph.draw_ms";
    /// Community detection (Leiden) on the map's graph.
    pub const COMMUNITIES_MS: &str = "graph.communities_ms";
    pub const CLUSTERS: &str = "graph.clusters";
    /// Typing into the search box with the settled map open.
    pub const KEYSTROKES: &str = "graph.keystrokes";
    pub const KEYSTROKE_PAINT_MS: &str = "graph.keystroke_paint_ms";
    /// Until the map has followed the last keystroke (it waits for typing to pause).
    pub const MAP_FOLLOWS_MS: &str = "graph.map_follows_ms";
}

/// Cold loads of the site on its embedded feed.
pub mod paint {
    pub const ROWS_MS: &str = "paint.rows_ms";
    pub const FCP_MS: &str = "paint.fcp_ms";
}

/// The recommendation index of the `--recommend` file, built by the recommendation worker
/// after the load, and lists ranked by likeness to one paper (`similar=`) on it.
pub mod recommend {
    pub const PAPERS: &str = "recommend.papers";
    /// From the load to the index being ready: gathering the texts, starting the worker,
    /// handing them over, indexing.
    pub const INDEX_WALL_MS: &str = "recommend.index_wall_ms";
    /// The worker's own time for the index.
    pub const INDEX_WORKER_MS: &str = "recommend.index_worker_ms";
    /// The page's part: gathering the texts in slices and handing them over.
    pub const INDEX_PAGE_MS: &str = "recommend.index_page_ms";
    /// The page's longest task for the index.
    pub const INDEX_LONGEST_MS: &str = "recommend.index_longest_ms";
    pub const BYTES: &str = "recommend.bytes";
    /// The papers a helper worker counted (the later half of a large feed, on a second core).
    pub const INDEX_HELPED: &str = "recommend.index_helped";
    /// Training and scoring one ranking in the worker, one sample per paper.
    pub const RANK_MS: &str = "recommend.rank_ms";
    /// The page's time taking a ranking in, the longest of the samples.
    pub const RANK_PAGE_MS: &str = "recommend.rank_page_ms";
}

/// The site opened on a slow network (Slow 4G), cold and warm, per site variant (`label`).
pub mod network {
    /// The key of `figure` for the site labelled `label` (e.g. `network.site.cold_paint_ms`).
    pub fn key(label: &str, figure: &str) -> String {
        format!("network.{label}.{figure}")
    }
    /// First contentful paint of a cold load.
    pub const COLD_PAINT_MS: &str = "cold_paint_ms";
    /// Bytes that had arrived by the cold load's first paint (compressed, as sent).
    pub const COLD_BYTES: &str = "cold_bytes";
    /// Bytes of the whole cold load, up to the app's rows.
    pub const COLD_ALL_BYTES: &str = "cold_all_bytes";
    /// When the app's own rows were painted, cold.
    pub const COLD_ROWS_MS: &str = "cold_rows_ms";
    pub const WARM_PAINT_MS: &str = "warm_paint_ms";
    pub const WARM_ROWS_MS: &str = "warm_rows_ms";
}
