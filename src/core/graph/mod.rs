//! The co-author graph: who writes with whom in the current result, its layout, and exports.

pub mod describe;
pub mod ego;
pub mod export;
pub mod layout;
pub mod model;
pub mod raster;
pub mod scene;

pub use describe::leave_ego_label;
pub use ego::ego_papers;
pub use export::{to_gexf, to_graphml};
pub use layout::Layout;
pub use model::{AuthorNode, CoauthorGraph, Edge, GraphOptions, DEFAULT_MAX_AUTHORS};
pub use raster::{rasterize, Raster, RasterPalette, Rgb};
pub use scene::{hit_test, node_radius, scene, scene_to_svg, NodeStyle, Scene, Viewport};
