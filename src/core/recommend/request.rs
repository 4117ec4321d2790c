//! What a view asks the recommender for, so a ranking is reused exactly while the request
//! stays the same.

use std::sync::Arc;

use super::protocol::{RankingPayload, WHY_TERMS};
use super::rank::{Learnt, NO_TERM};
use crate::core::filter::{FilterSpec, SortKey};

/// The papers a list ranking learns from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RankRequest {
    /// Likeness to one paper (`similar=`).
    Similar(String),
    /// Likeness to the favourites, or to those with one tag (`sort=recommended`, `like=`).
    Favourites { tag: Option<String> },
}

impl RankRequest {
    /// The ranking a filter asks for, if any; `similar=` wins over the sort order.
    pub fn of_spec(spec: &FilterSpec) -> Option<RankRequest> {
        match (&spec.similar, spec.sort) {
            (Some(id), _) => Some(RankRequest::Similar(id.clone())),
            (None, SortKey::Recommended) => Some(RankRequest::Favourites {
                tag: spec.like.clone(),
            }),
            _ => None,
        }
    }
}

/// A ranking of the feed's papers as the page keeps it: what it answers, which index it
/// was made on, each paper's score and "why", and what the ranking learnt.
#[derive(Clone, Debug, PartialEq)]
pub struct ListRanking {
    pub request: RankRequest,
    /// The index generation it was made on.
    pub generation: u64,
    /// The feed positions learnt from, sorted.
    pub positive_positions: Vec<usize>,
    /// How many papers it learnt from (favourites from elsewhere included).
    pub positives: usize,
    /// One decision value per feed paper; the positives have `f32::NEG_INFINITY`.
    pub scores: Vec<f32>,
    /// [`WHY_TERMS`] vocabulary columns per feed paper.
    why: Vec<u32>,
    /// The index's vocabulary.
    terms: Arc<Vec<String>>,
    pub learnt: Learnt,
    pub converged: bool,
}

impl ListRanking {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        request: RankRequest,
        generation: u64,
        mut positive_positions: Vec<usize>,
        positives: usize,
        payload: RankingPayload,
        terms: Arc<Vec<String>>,
        learnt: Learnt,
        converged: bool,
    ) -> ListRanking {
        positive_positions.sort_unstable();
        ListRanking {
            request,
            generation,
            positive_positions,
            positives,
            scores: payload.scores,
            why: payload.why,
            terms,
            learnt,
            converged,
        }
    }

    /// Why a feed paper ranks where it does: its strongest terms for the model, or that it
    /// is one of the papers learnt from.
    pub fn why(&self, feed_position: usize, k: usize) -> Option<Why> {
        if feed_position >= self.scores.len() {
            return None;
        }
        if self
            .positive_positions
            .binary_search(&feed_position)
            .is_ok()
        {
            return Some(Why::Positive);
        }
        let columns = self
            .why
            .get(feed_position * WHY_TERMS..(feed_position + 1) * WHY_TERMS)?;
        Some(Why::Terms(
            columns
                .iter()
                .take(k)
                .filter(|&&c| c != NO_TERM)
                .filter_map(|&c| self.terms.get(c as usize).cloned())
                .collect(),
        ))
    }
}

/// A paper's place in a ranking, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// It is one of the papers the ranking learnt from.
    Positive,
    /// Its terms that count most for the ranking (none: nothing in it matches).
    Terms(Vec<String>),
}

impl Why {
    pub fn sentence(&self, request: &RankRequest) -> String {
        match (self, request) {
            (Why::Positive, RankRequest::Similar(_)) => "The paper this list is ranked by".into(),
            (Why::Positive, RankRequest::Favourites { .. }) => {
                "In your favourites: ranked from it".into()
            }
            (Why::Terms(terms), _) if terms.is_empty() => "Shares no weighty terms".into(),
            (Why::Terms(terms), _) => format!("Why: {}", terms.join(", ")),
        }
    }
}
