//! How the list reads: compact or comfortable rows, and whether each row previews its
//! abstract. Kept on this device (not in the link: it is how one likes to read, not what one
//! shares); when storage refuses, the choice still holds in this tab.

use leptos::prelude::*;

use crate::web::storage;

const DENSITY_KEY: &str = "arxiv-explorer:density";
const ABSTRACTS_KEY: &str = "arxiv-explorer:abstracts";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Density {
    #[default]
    Compact,
    Comfortable,
}

impl Density {
    pub fn as_str(self) -> &'static str {
        match self {
            Density::Compact => "compact",
            Density::Comfortable => "comfortable",
        }
    }

    fn parse(raw: &str) -> Density {
        if raw.trim() == "comfortable" {
            Density::Comfortable
        } else {
            Density::Compact
        }
    }
}

#[derive(Clone, Copy)]
pub struct ReadingPrefs {
    density: RwSignal<Density>,
    abstracts: RwSignal<bool>,
}

impl ReadingPrefs {
    pub fn load() -> ReadingPrefs {
        let stored = |key| storage::read(key).ok().flatten();
        ReadingPrefs {
            density: RwSignal::new(
                stored(DENSITY_KEY).map_or_else(Density::default, |d| Density::parse(&d)),
            ),
            abstracts: RwSignal::new(stored(ABSTRACTS_KEY).is_some_and(|a| a.trim() == "1")),
        }
    }

    pub fn density(self) -> Signal<Density> {
        self.density.into()
    }

    pub fn abstracts(self) -> Signal<bool> {
        self.abstracts.into()
    }

    pub fn set_density(self, density: Density) {
        self.density.set(density);
        let _ = storage::write(DENSITY_KEY, density.as_str());
    }

    pub fn toggle_abstracts(self) {
        let on = !self.abstracts.get_untracked();
        self.abstracts.set(on);
        let _ = storage::write(ABSTRACTS_KEY, if on { "1" } else { "0" });
    }
}
