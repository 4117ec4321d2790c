//! Small form controls shared by several features.

mod check_field;
mod number_field;

pub use check_field::CheckField;
pub use number_field::NumberField;
