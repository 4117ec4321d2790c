use std::sync::Arc;

use crate::core::feed::Paper;

/// The papers a list shows, in order, without a copy of them: a result of 30,000 papers
/// reaches the list as a length and a way to fetch the paper at a position, and the list
/// fetches only the rows it draws.
#[derive(Clone)]
pub struct PaperRows {
    len: usize,
    at: Arc<dyn Fn(usize) -> Option<Arc<Paper>> + Send + Sync>,
}

impl PaperRows {
    pub fn new(
        len: usize,
        at: impl Fn(usize) -> Option<Arc<Paper>> + Send + Sync + 'static,
    ) -> Self {
        PaperRows {
            len,
            at: Arc::new(at),
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The paper at `position`, if there is one.
    pub fn get(&self, position: usize) -> Option<Arc<Paper>> {
        if position < self.len {
            (self.at)(position)
        } else {
            None
        }
    }
}

impl Default for PaperRows {
    fn default() -> Self {
        PaperRows::new(0, |_| None)
    }
}

impl From<Vec<Arc<Paper>>> for PaperRows {
    fn from(papers: Vec<Arc<Paper>>) -> Self {
        let papers = Arc::new(papers);
        PaperRows::new(papers.len(), move |i| papers.get(i).cloned())
    }
}
