//! Parts of the page fetched on demand (`web::parts`): what the page knows of each one's
//! loading, and how a part that could not be fetched is said, with a way to try again.

mod formulas;
mod on_demand_view;
mod part_failure;

pub use formulas::Formulas;
pub use on_demand_view::OnDemandView;
pub use part_failure::PartFailure;

/// Where the fetching of a part stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartState {
    /// Not asked for yet, or being fetched.
    Waiting,
    Ready,
    /// The last fetch failed; the next call fetches anew.
    Failed,
}
