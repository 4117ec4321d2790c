use std::pin::pin;
use std::task::Poll;

use leptos::prelude::*;
use leptos::task::spawn_local;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::core::math::MathNode;
use crate::ui::parts::PartState;
use crate::web::parts::{answer_now, render_formulas, PartUnavailable, PARTS_ARE_SPLIT};

type Formula = (String, bool);

/// Rendered formulas kept at most: a day of reading through large feeds would otherwise keep
/// every formula ever shown. Past it the cache starts again; the part is here by then, so a
/// formula in view renders again at once when next drawn.
const KEPT_FORMULAS: usize = 4_096;

/// The page's formulas, rendered by the math part a batch at a time and kept: a formula not
/// rendered yet shows as its LaTeX source, and its text draws again (it tracks
/// [`Formulas::track`]) once the batch is in.
#[derive(Clone, Copy)]
pub struct Formulas {
    rendered: StoredValue<FxHashMap<Formula, Option<MathNode>>>,
    asked: StoredValue<FxHashSet<Formula>>,
    flushing: StoredValue<bool>,
    /// Bumped when formulas were rendered.
    version: RwSignal<u64>,
    state: RwSignal<PartState>,
}

impl Formulas {
    /// The page's formulas, made on first use.
    pub fn get() -> Formulas {
        if let Some(formulas) = use_context::<Formulas>() {
            return formulas;
        }
        let formulas = Formulas {
            rendered: StoredValue::new(FxHashMap::default()),
            asked: StoredValue::new(FxHashSet::default()),
            flushing: StoredValue::new(false),
            version: RwSignal::new(0),
            // Without a split module the renderer is already here.
            state: RwSignal::new(if PARTS_ARE_SPLIT {
                PartState::Waiting
            } else {
                PartState::Ready
            }),
        };
        provide_context(formulas);
        formulas
    }

    /// Subscribes the caller to newly rendered formulas.
    pub fn track(&self) {
        self.version.track();
    }

    pub fn state(&self) -> PartState {
        self.state.get()
    }

    /// The formula's MathML; `None` shows its source, for now (not rendered yet: it is asked
    /// for) or for good (it does not parse).
    pub fn lookup(&self, latex: &str, display: bool) -> Option<MathNode> {
        let key = (latex.to_string(), display);
        if let Some(known) = self.rendered.with_value(|r| r.get(&key).cloned()) {
            return known;
        }
        // Once the part is here a call completes at once: no need to wait for a batch.
        if self.state.get_untracked() == PartState::Ready {
            let mut call = pin!(render_formulas(vec![key.clone()]));
            if let Poll::Ready(Ok(mut nodes)) = answer_now(call.as_mut()) {
                let node = nodes.pop().flatten();
                self.keep(std::iter::once((key, node.clone())));
                return node;
            }
        }
        self.asked.update_value(|asked| {
            asked.insert(key);
        });
        if self.state.get_untracked() != PartState::Failed {
            self.flush();
        }
        None
    }

    fn keep(&self, rendered: impl IntoIterator<Item = (Formula, Option<MathNode>)>) {
        self.rendered.update_value(|kept| {
            for (formula, node) in rendered {
                if kept.len() >= KEPT_FORMULAS {
                    kept.clear();
                }
                kept.insert(formula, node);
            }
        });
    }

    /// Fetches the part again after a failure and renders what was asked meanwhile.
    pub fn try_again(&self) {
        self.state.set(PartState::Waiting);
        self.flush();
    }

    /// Renders what was asked, in one batch, after the drawing that asked.
    fn flush(&self) {
        if self.flushing.get_value() {
            return;
        }
        self.flushing.set_value(true);
        let this = *self;
        spawn_local(async move {
            let batch: Vec<Formula> = this
                .asked
                .try_update_value(|asked| asked.drain().collect())
                .unwrap_or_default();
            let result: Result<Vec<Option<MathNode>>, PartUnavailable> =
                render_formulas(batch.clone()).await;
            this.flushing.set_value(false);
            match result {
                Ok(nodes) => {
                    this.keep(batch.into_iter().zip(nodes));
                    this.state.set(PartState::Ready);
                    this.version.update(|v| *v += 1);
                    if this.asked.with_value(|asked| !asked.is_empty()) {
                        this.flush();
                    }
                }
                Err(_) => {
                    this.asked.update_value(|asked| asked.extend(batch));
                    this.state.set(PartState::Failed);
                }
            }
        });
    }
}
