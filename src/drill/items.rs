//! The reviewable items: every Q&A card and every whiteboard prompt, in the
//! order new ones are introduced. That order is deterministic: cards take
//! turns by section (the first card of each section, then the second of
//! each, …) and prompts are spread evenly among them, so a day's new items
//! mix sections and hold about one whiteboard round.

use serde::Serialize;

use super::prompts::Prompt;
use crate::content::cards::Card;
use crate::model::LoadError;

/// Whether an item is a card or a prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A Q&A card, rehearsed as a spoken answer.
    Card,
    /// A diagram prompt, practised as a timed whiteboard round.
    Prompt,
}

impl ItemKind {
    /// `card` or `prompt`, as in the CLI's JSON.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Self::Card => "card",
            Self::Prompt => "prompt",
        }
    }
}

/// One reviewable item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Item {
    /// The card or prompt id.
    pub id: String,
    /// Card or prompt.
    pub kind: ItemKind,
    /// Its section (a card section; prompts name one too).
    pub section: String,
    /// The card's question or the prompt's title.
    pub title: String,
}

/// Every reviewable item, with the prompts behind them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Catalog {
    items: Vec<Item>,
    prompts: Vec<Prompt>,
}

impl Catalog {
    /// The shipped cards and prompts.
    ///
    /// # Errors
    /// Only if a shipped file is broken; tests guard against that.
    pub fn shipped() -> Result<Self, LoadError> {
        Ok(Self::new(
            &crate::content::cards::all()?,
            super::prompts::shipped()?,
        ))
    }

    /// A catalog of these cards (in section order) and prompts.
    #[must_use]
    pub fn new(cards: &[Card], prompts: Vec<Prompt>) -> Self {
        let mut sections: Vec<(&str, Vec<&Card>)> = Vec::new();
        for card in cards {
            match sections.iter_mut().find(|(s, _)| *s == card.section) {
                Some((_, list)) => list.push(card),
                None => sections.push((&card.section, vec![card])),
            }
        }
        let mut by_turns: Vec<&Card> = Vec::with_capacity(cards.len());
        for round in 0.. {
            let before = by_turns.len();
            by_turns.extend(sections.iter().filter_map(|(_, list)| list.get(round)));
            if by_turns.len() == before {
                break;
            }
        }
        let card_items = by_turns.into_iter().map(|card| Item {
            id: card.id.clone(),
            kind: ItemKind::Card,
            section: card.section.clone(),
            title: card.question.clone(),
        });
        let prompt_items: Vec<Item> = prompts
            .iter()
            .map(|p| Item {
                id: p.id.clone(),
                kind: ItemKind::Prompt,
                section: p.section.clone(),
                title: p.title.clone(),
            })
            .collect();
        Self {
            items: spread(card_items.collect(), prompt_items),
            prompts,
        }
    }

    /// Every item, in the order new ones are introduced.
    #[must_use]
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The item with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.id == id)
    }

    /// The prompts, in file order.
    #[must_use]
    pub fn prompts(&self) -> &[Prompt] {
        &self.prompts
    }

    /// The prompt with this id.
    #[must_use]
    pub fn prompt(&self, id: &str) -> Option<&Prompt> {
        self.prompts.iter().find(|p| p.id == id)
    }

    /// The sections, in the order they first appear among the items.
    #[must_use]
    pub fn sections(&self) -> Vec<&str> {
        let mut sections: Vec<&str> = Vec::new();
        for item in &self.items {
            if !sections.contains(&item.section.as_str()) {
                sections.push(&item.section);
            }
        }
        sections
    }
}

/// `cards` with `prompts` inserted at even gaps: prompt `k` of `p` goes
/// where `(k + ½) / p` of the combined list has passed, so the first sits
/// early and none sit together.
fn spread(cards: Vec<Item>, prompts: Vec<Item>) -> Vec<Item> {
    let total = cards.len() + prompts.len();
    let count = prompts.len();
    let mut out = Vec::with_capacity(total);
    let mut cards = cards.into_iter();
    for (k, prompt) in prompts.into_iter().enumerate() {
        let position = ((2 * k + 1) * total) / (2 * count);
        while out.len() < position {
            let Some(card) = cards.next() else { break };
            out.push(card);
        }
        out.push(prompt);
    }
    out.extend(cards);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, kind: ItemKind) -> Item {
        Item {
            id: id.to_owned(),
            kind,
            section: String::new(),
            title: String::new(),
        }
    }

    #[test]
    fn prompts_are_spread_evenly() {
        let cards = (0..10)
            .map(|i| item(&format!("c{i}"), ItemKind::Card))
            .collect();
        let prompts = (0..2)
            .map(|i| item(&format!("p{i}"), ItemKind::Prompt))
            .collect();
        let ids: Vec<String> = spread(cards, prompts).into_iter().map(|i| i.id).collect();
        assert_eq!(
            ids,
            [
                "c0", "c1", "c2", "p0", "c3", "c4", "c5", "c6", "c7", "p1", "c8", "c9"
            ]
        );
        assert!(spread(Vec::new(), Vec::new()).is_empty());
    }
}
