//! The co-author graph: who writes with whom in the current result, its communities and their
//! names, its layout, which labels fit, and exports.

pub mod cluster_names;
pub mod community;
pub mod describe;
pub mod ego;
pub mod export;
pub mod labels;
pub mod layout;
pub mod map;
pub mod model;
pub mod palette;
pub mod raster;
pub mod scene;

pub use cluster_names::{cluster_names, ClusterName};
pub use community::{
    detect_communities, detect_on_edges, detect_with_resolution, modularity, Communities,
};
pub use describe::leave_ego_label;
pub use ego::ego_papers;
pub use export::{to_gexf, to_gexf_with, to_graphml, to_graphml_with, ExportExtras};
pub use labels::{overlapping_pairs, place_labels, text_box, LabelCandidate, PlacedLabel};
pub use layout::Layout;
pub use map::{
    cluster_anchor, cluster_chip_label, cluster_scope, legend, map_graph, scope_of, ClusterScope,
    LegendEntry, MapSpec, LEGEND_CLUSTERS,
};
pub use model::{AuthorNode, CoauthorGraph, Edge, GraphOptions, DEFAULT_MAX_AUTHORS};
pub use palette::{cluster_colour, Rgb};
pub use raster::{rasterize, Raster, RasterPalette};
pub use scene::{
    hit_test, label_candidates, node_radius, scene, scene_to_svg, Circle, NodeStyle, Scene,
    SceneFocus, Viewport, LABEL_FONT_PX, MAX_LABELS,
};
