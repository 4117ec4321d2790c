//! Favourites: the star on every paper, the library's storage state, export and import.

mod fav_toggle;
mod favourites_alert;
mod favourites_bar;
mod state;

pub use fav_toggle::FavToggle;
pub use favourites_alert::FavouritesAlert;
pub use favourites_bar::FavouritesBar;
pub use state::{use_favourites, FavouritesState, StorageProblem};
