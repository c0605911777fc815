//! "Due today": what to review at a given time, as Anki builds it.
//!
//! At time `at`:
//! 1. items in a (re)learning step whose time has come (due ≤ `at`); those
//!    due later in the study day are listed apart in
//!    [`Queue::later_today`], each due at its own time;
//! 2. review items due on or before today's study day (their due time is
//!    the start of a study day, so due ≤ `at`);
//! 3. new items in the catalog's introduction order, as many as the
//!    settings' `new_per_day` less the new items already introduced this
//!    study day, of which at most `new_prompts_per_day` prompts (one by
//!    default: a round takes ten minutes) less those already introduced.
//!
//! The study day starts at `day_start_utc_minutes` (04:00 UTC by default).
//! The list is then interleaved: no two items of the same section in a row
//! and no two prompts in a row when the mix allows it; otherwise order is
//! kept (learning by due time, reviews by due time, then new). Ties break
//! by id, so the same progress and time give the same queue.

use serde::Serialize;

use super::items::{Catalog, Item, ItemKind};
use super::progress::Progress;
use super::schedule::State;
use super::time::Timestamp;

/// One item in the queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QueueEntry {
    /// The card or prompt id.
    pub id: String,
    /// Card or prompt.
    #[serde(rename = "type")]
    pub kind: ItemKind,
    /// Its section.
    pub section: String,
    /// The question or the prompt's title.
    pub title: String,
    /// When it fell due (`at` for new items).
    pub due_at: Timestamp,
    /// Its state before this review.
    pub state: State,
    /// Flagged a leech.
    pub leech: bool,
}

/// What is due at a time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Queue {
    /// The time asked about.
    pub at: Timestamp,
    /// Due now, interleaved.
    pub due: Vec<QueueEntry>,
    /// New items that may still be introduced today (those in `due`).
    pub new_left_today: u32,
    /// Learning items due later this study day, by time.
    pub later_today: Vec<QueueEntry>,
    /// The earliest due time after `at` of any item not in `due` ("come
    /// back at …"); `None` when nothing is scheduled.
    pub next_due: Option<Timestamp>,
}

impl Queue {
    /// The new items in `due`.
    #[must_use]
    pub fn new_count(&self) -> usize {
        self.due.iter().filter(|e| e.state == State::New).count()
    }
}

/// The queue at `at`.
#[must_use]
pub fn due(catalog: &Catalog, progress: &Progress, at: Timestamp) -> Queue {
    let day_start = progress.settings.day_start();
    let today = day_start.day_of(at);
    let tomorrow = day_start.start_of(today + 1);
    let mut learning = Vec::new();
    let mut later_today = Vec::new();
    let mut reviews = Vec::new();
    let mut fresh = Vec::new();
    let mut next_due: Option<Timestamp> = None;
    for item in catalog.items() {
        let Some(record) = progress.items.get(&item.id) else {
            fresh.push(item);
            continue;
        };
        let Some(due_at) = record.due else {
            fresh.push(item);
            continue;
        };
        if due_at > at && record.state != State::New {
            next_due = Some(next_due.map_or(due_at, |t| t.min(due_at)));
        }
        let entry = entry(item, due_at, record.state, record.leech);
        match record.state {
            State::New => fresh.push(item),
            State::Learning | State::Relearning if due_at <= at => learning.push(entry),
            State::Learning | State::Relearning if due_at < tomorrow => later_today.push(entry),
            State::Review if due_at <= at || day_start.day_of(due_at) <= today => {
                reviews.push(entry);
            }
            _ => {}
        }
    }
    let by_time =
        |a: &QueueEntry, b: &QueueEntry| a.due_at.cmp(&b.due_at).then_with(|| a.id.cmp(&b.id));
    learning.sort_by(by_time);
    reviews.sort_by(by_time);
    later_today.sort_by(by_time);
    let settings = &progress.settings;
    let allowed = settings
        .new_per_day
        .saturating_sub(progress.introduced_on(today));
    let prompts_introduced = progress
        .reviews
        .iter()
        .filter(|r| r.previous_state == State::New && day_start.day_of(r.at) == today)
        .filter(|r| {
            catalog
                .get(&r.item)
                .is_some_and(|i| i.kind == ItemKind::Prompt)
        })
        .count();
    let mut prompts_allowed = usize::try_from(settings.new_prompts_per_day)
        .unwrap_or(usize::MAX)
        .saturating_sub(prompts_introduced);
    let mut new_items = Vec::new();
    for item in fresh {
        if new_items.len() >= usize::try_from(allowed).unwrap_or(usize::MAX) {
            break;
        }
        if item.kind == ItemKind::Prompt {
            if prompts_allowed == 0 {
                continue;
            }
            prompts_allowed -= 1;
        }
        new_items.push(entry(item, at, State::New, false));
    }
    let new_left_today = u32::try_from(new_items.len()).unwrap_or(u32::MAX);
    let ordered: Vec<QueueEntry> = learning
        .into_iter()
        .chain(reviews)
        .chain(new_items)
        .collect();
    Queue {
        at,
        due: interleave(ordered),
        new_left_today,
        later_today,
        next_due,
    }
}

fn entry(item: &Item, due_at: Timestamp, state: State, leech: bool) -> QueueEntry {
    QueueEntry {
        id: item.id.clone(),
        kind: item.kind,
        section: item.section.clone(),
        title: item.title.clone(),
        due_at,
        state,
        leech,
    }
}

/// Reorders `items` so that no two neighbours share a section, and no two
/// prompts follow each other, whenever that is still possible; otherwise
/// it keeps their order. Greedy: each position takes the earliest item
/// that keeps the rest arrangeable (no section holding more than half of
/// what is left, rounded up, and not the one just placed when it needs the
/// first slot).
#[must_use]
pub fn interleave(items: Vec<QueueEntry>) -> Vec<QueueEntry> {
    let mut left = items;
    let mut out: Vec<QueueEntry> = Vec::with_capacity(left.len());
    while !left.is_empty() {
        let prev = out.last();
        let prev_section = prev.map(|e| e.section.as_str());
        let prev_prompt = prev.is_some_and(|e| e.kind == ItemKind::Prompt);
        let differs = |e: &QueueEntry| Some(e.section.as_str()) != prev_section;
        let arrangeable = |i: usize| {
            let placed = &left[i].section;
            let mut counts: Vec<(&str, usize)> = Vec::new();
            for (j, e) in left.iter().enumerate() {
                if j == i {
                    continue;
                }
                match counts.iter_mut().find(|(s, _)| *s == e.section) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((&e.section, 1)),
                }
            }
            let rest = left.len() - 1;
            counts.iter().all(|&(section, n)| {
                let limit = rest.div_ceil(2);
                n < limit || (n == limit && (rest.is_multiple_of(2) || section != placed.as_str()))
            })
        };
        let pick = (0..left.len())
            .find(|&i| {
                differs(&left[i])
                    && arrangeable(i)
                    && !(prev_prompt && left[i].kind == ItemKind::Prompt)
            })
            .or_else(|| (0..left.len()).find(|&i| differs(&left[i]) && arrangeable(i)))
            .or_else(|| (0..left.len()).find(|&i| differs(&left[i])))
            .unwrap_or(0);
        out.push(left.remove(pick));
    }
    out
}
