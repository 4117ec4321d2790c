//! The co-author map of the current result: canvas, side panel, accessible table.

mod author_table;
mod cluster_legend;
mod graph_canvas;
mod graph_panel;
mod graph_view;
mod state;

pub use author_table::AuthorTable;
pub use cluster_legend::ClusterLegend;
pub use graph_canvas::GraphCanvas;
pub use graph_panel::GraphPanel;
pub use graph_view::{graph_view_part, GraphView};
pub use state::GraphState;
