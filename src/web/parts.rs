//! Parts of the page that are fetched when first needed. In the release site each part is a
//! module of its own, split off the main one by `cargo xtask dist` (`--cfg explorer_split`),
//! so the page starts without them; elsewhere (the dev server, the component tests) a part
//! is an ordinary call. Either way a part is an `async` call that can fail with
//! [`PartUnavailable`], and a call after a failure fetches the part anew.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use crate::core::math::{render_math, MathNode};

/// Whether the parts are modules of their own, fetched on demand (the release site).
pub const PARTS_ARE_SPLIT: bool = cfg!(explorer_split);

/// A part of the page could not be fetched (the connection dropped, or the site was
/// replaced by a new version meanwhile).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartUnavailable;

impl std::fmt::Display for PartUnavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("could not be loaded: check the connection, then try again")
    }
}

#[cfg(explorer_split)]
impl From<wasm_split_helpers::SplitLoaderError> for PartUnavailable {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        PartUnavailable
    }
}

/// Polls a part's call once: a call whose part is already here (always, without split parts)
/// completes on its first poll, so its answer can be used in the same drawing.
pub fn answer_now<F: Future + ?Sized>(call: Pin<&mut F>) -> Poll<F::Output> {
    call.poll(&mut Context::from_waker(Waker::noop()))
}

/// Declares `fn name(args) -> T` of part `part` as `async fn name(args) -> Result<T,
/// PartUnavailable>`: a split point in the release site, a plain call elsewhere.
macro_rules! on_demand {
    ($part:ident: $(#[$attr:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(explorer_split)]
        $(#[$attr])*
        #[wasm_split_helpers::wasm_split($part, fallible)]
        $vis fn $name($($arg: $ty),*) -> Result<$ret, $crate::web::parts::PartUnavailable> {
            Ok($body)
        }

        #[cfg(not(explorer_split))]
        $(#[$attr])*
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::web::parts::PartUnavailable> {
            Ok($body)
        }
    };
}
pub(crate) use on_demand;

on_demand! {
    math:
    /// Renders formulas (`(latex, display)`) to MathML, `None` for one that does not parse
    /// or is beyond the limits: the LaTeX renderer is its own part.
    pub fn render_formulas(formulas: Vec<(String, bool)>) -> Vec<Option<MathNode>> {
        formulas
            .iter()
            .map(|(latex, display)| render_math(latex, *display))
            .collect()
    }
}
