//! Progress as numbers, for the stats view and `archdrill stats`: reviews
//! per day, the streak, what falls due when, retention, the weakest
//! sections, the finding codes that keep coming back in rounds, and round
//! scores over time. Everything is "as of" the time passed in: later
//! reviews and rounds are left out.

use std::collections::BTreeMap;

use serde::Serialize;

use super::items::Catalog;
use super::progress::Progress;
use super::rating::Rating;
use super::round::RoundAttempt;
use super::schedule::State;
use super::time::{Day, DayStart, Timestamp};

/// How many recent rounds the finding codes are counted over.
pub const RECENT_ROUNDS: usize = 5;

/// Reviews on one study day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DayCount {
    /// The date the study day began (UTC), `2025-06-01`.
    pub day: String,
    /// Study days before the one asked about (0 = today).
    pub days_ago: i64,
    /// Reviews that day.
    pub reviews: u32,
    /// Of which rated Again.
    pub again: u32,
}

/// How many items fall due when.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DueCounts {
    /// Reviews and (re)learning steps due by the end of today, overdue
    /// ones included (new items not counted).
    pub today: u32,
    /// New items that may still be introduced today.
    pub new_today: u32,
    /// Due during tomorrow's study day.
    pub tomorrow: u32,
    /// Due during the seven study days after today (tomorrow included).
    pub next_7_days: u32,
}

/// Retention over one period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RetentionPoint {
    /// The day, or the Monday starting the week, `2025-06-02`.
    pub period: String,
    /// Reviews of items in the Review state.
    pub reviews: u32,
    /// The share of them not rated Again, 0–1.
    pub retention: f64,
}

/// How one section is going.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SectionStat {
    /// The section.
    pub section: String,
    /// Reviews of its items.
    pub reviews: u32,
    /// Of which rated Again.
    pub again: u32,
    /// Share of Review-state reviews not rated Again; `None` before any.
    pub retention: Option<f64>,
    /// Lapses of its items.
    pub lapses: u32,
    /// Its items flagged as leeches.
    pub leeches: u32,
}

/// A finding code and how often it came up in recent rounds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FindingCount {
    /// The finding code (`missing-cache`).
    pub code: String,
    /// What it says, in a few words ("No cache"): the checker's title of
    /// the code, or the twist need's.
    pub title: String,
    /// Whether it cost points in a round it came up in (a note never does).
    pub costs: bool,
    /// Recent rounds it came up in.
    pub rounds: u32,
    /// Recent rounds counted (at most [`RECENT_ROUNDS`]).
    pub of_last: u32,
}

impl FindingCount {
    /// "No cache: in 3 of your last 5 rounds".
    #[must_use]
    pub fn sentence(&self) -> String {
        if self.of_last == 1 {
            format!("{}: in your last round", self.title)
        } else {
            format!(
                "{}: in {} of your last {} rounds",
                self.title, self.rounds, self.of_last
            )
        }
    }
}

/// A round's score, for the plot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoundScore {
    /// When it was submitted.
    pub at: Timestamp,
    /// The prompt id.
    pub prompt: String,
    /// 0–100.
    pub score: u8,
}

/// Everything the stats view shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stats {
    /// The time asked about.
    pub at: Timestamp,
    /// All reviews so far.
    pub total_reviews: u32,
    /// Study days with reviews, oldest first.
    pub reviews_per_day: Vec<DayCount>,
    /// Consecutive study days with a review, ending today or yesterday.
    pub streak: u32,
    /// What falls due when.
    pub due: DueCounts,
    /// Share of all Review-state reviews not rated Again; `None` before any.
    pub retention: Option<f64>,
    /// Retention per study day, oldest first.
    pub retention_per_day: Vec<RetentionPoint>,
    /// Retention per week (Monday to Sunday), oldest first.
    pub retention_per_week: Vec<RetentionPoint>,
    /// Sections with reviews, weakest first: lowest retention, then most
    /// lapses, then most Agains.
    pub weakest_sections: Vec<SectionStat>,
    /// Finding codes of the last [`RECENT_ROUNDS`] rounds, most frequent
    /// first.
    pub finding_codes: Vec<FindingCount>,
    /// Every round's score, oldest first.
    pub round_scores: Vec<RoundScore>,
    /// Items flagged as leeches, by id.
    pub leeches: Vec<String>,
}

impl Stats {
    /// The sections that are weak: reviewed with an Again at least once,
    /// weakest first. A section never rated Again is not weak, however
    /// little it was reviewed.
    pub fn weak_sections(&self) -> impl Iterator<Item = &SectionStat> {
        self.weakest_sections.iter().filter(|s| s.again > 0)
    }

    /// The findings of recent rounds that cost points, most frequent
    /// first: what the user keeps leaving out.
    pub fn costly_findings(&self) -> impl Iterator<Item = &FindingCount> {
        self.finding_codes.iter().filter(|f| f.costs)
    }
}

/// The stats as of `at`.
#[must_use]
pub fn stats(catalog: &Catalog, progress: &Progress, at: Timestamp) -> Stats {
    let day_start = progress.settings.day_start();
    let today = day_start.day_of(at);
    let reviews: Vec<_> = progress.reviews.iter().filter(|r| r.at <= at).collect();

    let mut per_day: BTreeMap<Day, (u32, u32)> = BTreeMap::new();
    for r in &reviews {
        let counts = per_day.entry(day_start.day_of(r.at)).or_default();
        counts.0 += 1;
        counts.1 += u32::from(r.rating == Rating::Again);
    }
    let reviews_per_day = per_day
        .iter()
        .map(|(&day, &(reviews, again))| DayCount {
            day: DayStart::label(day),
            days_ago: today - day,
            reviews,
            again,
        })
        .collect();

    let matured: Vec<_> = reviews
        .iter()
        .filter(|r| r.previous_state == State::Review)
        .collect();
    let passed = |list: &[&&super::progress::ReviewEntry]| {
        let n = list.len();
        let ok = list.iter().filter(|r| r.rating != Rating::Again).count();
        (u32::try_from(n).unwrap_or(u32::MAX), share(ok, n))
    };
    let bucket = |key: &dyn Fn(Day) -> Day| {
        let mut groups: BTreeMap<Day, Vec<&&super::progress::ReviewEntry>> = BTreeMap::new();
        for r in &matured {
            groups
                .entry(key(day_start.day_of(r.at)))
                .or_default()
                .push(r);
        }
        groups
            .into_iter()
            .filter_map(|(day, list)| {
                let (reviews, retention) = passed(&list);
                Some(RetentionPoint {
                    period: DayStart::label(day),
                    reviews,
                    retention: retention?,
                })
            })
            .collect::<Vec<_>>()
    };
    // 1970-01-01 was a Thursday: day 4 (1970-01-05) is a Monday.
    let monday = |day: Day| day - (day - 4).rem_euclid(7);

    Stats {
        at,
        total_reviews: u32::try_from(reviews.len()).unwrap_or(u32::MAX),
        reviews_per_day,
        streak: streak(&per_day.keys().copied().collect::<Vec<_>>(), today),
        due: due_counts(catalog, progress, at),
        retention: passed(&matured).1,
        retention_per_day: bucket(&|day| day),
        retention_per_week: bucket(&monday),
        weakest_sections: sections(catalog, progress, &reviews),
        finding_codes: finding_codes(catalog, progress, at),
        round_scores: finished_rounds(progress, at)
            .into_iter()
            .map(|r| RoundScore {
                at: r.finished_at,
                prompt: r.prompt.clone(),
                score: r.score,
            })
            .collect(),
        leeches: progress
            .items
            .iter()
            .filter(|(_, record)| record.leech)
            .map(|(id, _)| id.clone())
            .collect(),
    }
}

#[expect(
    clippy::cast_precision_loss,
    reason = "counts of reviews are far below 2^52"
)]
fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Consecutive days in `days` ending today, or yesterday when today has
/// none yet.
fn streak(days: &[Day], today: Day) -> u32 {
    let has = |d: Day| days.binary_search(&d).is_ok();
    let mut day = if has(today) { today } else { today - 1 };
    let mut count = 0;
    while has(day) {
        count += 1;
        day -= 1;
    }
    count
}

fn due_counts(catalog: &Catalog, progress: &Progress, at: Timestamp) -> DueCounts {
    let day_start = progress.settings.day_start();
    let today = day_start.day_of(at);
    let mut counts = DueCounts {
        new_today: super::queue::due(catalog, progress, at).new_left_today,
        ..DueCounts::default()
    };
    for item in catalog.items() {
        let Some(due) = progress.items.get(&item.id).and_then(|r| r.due) else {
            continue;
        };
        let day = day_start.day_of(due);
        counts.today += u32::from(day <= today);
        counts.tomorrow += u32::from(day == today + 1);
        counts.next_7_days += u32::from(day > today && day <= today + 7);
    }
    counts
}

fn sections(
    catalog: &Catalog,
    progress: &Progress,
    reviews: &[&super::progress::ReviewEntry],
) -> Vec<SectionStat> {
    #[derive(Default)]
    struct Tally {
        reviews: u32,
        again: u32,
        matured: usize,
        matured_passed: usize,
        lapses: u32,
        leeches: u32,
    }
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    for r in reviews {
        let Some(item) = catalog.get(&r.item) else {
            continue;
        };
        let t = tallies.entry(&item.section).or_default();
        t.reviews += 1;
        t.again += u32::from(r.rating == Rating::Again);
        if r.previous_state == State::Review {
            t.matured += 1;
            t.matured_passed += usize::from(r.rating != Rating::Again);
        }
    }
    for (id, record) in &progress.items {
        let Some(item) = catalog.get(id) else {
            continue;
        };
        if let Some(t) = tallies.get_mut(item.section.as_str()) {
            t.lapses += record.lapses;
            t.leeches += u32::from(record.leech);
        }
    }
    let mut list: Vec<SectionStat> = tallies
        .into_iter()
        .map(|(section, t)| SectionStat {
            section: section.to_owned(),
            reviews: t.reviews,
            again: t.again,
            retention: share(t.matured_passed, t.matured),
            lapses: t.lapses,
            leeches: t.leeches,
        })
        .collect();
    list.sort_by(|a, b| {
        let retention = |s: &SectionStat| s.retention.unwrap_or(f64::INFINITY);
        retention(a)
            .total_cmp(&retention(b))
            .then_with(|| b.lapses.cmp(&a.lapses))
            .then_with(|| b.again.cmp(&a.again))
            .then_with(|| a.section.cmp(&b.section))
    });
    list
}

/// The rounds finished by `at`, oldest first (ties by id).
fn finished_rounds(progress: &Progress, at: Timestamp) -> Vec<&RoundAttempt> {
    let mut rounds: Vec<&RoundAttempt> = progress
        .rounds
        .iter()
        .filter(|r| r.finished_at <= at)
        .collect();
    rounds.sort_by(|a, b| {
        a.finished_at
            .cmp(&b.finished_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    rounds
}

/// The words for a finding code: the checker's title, a twist need's,
/// or the code itself as a last resort.
#[must_use]
pub fn title_of(catalog: &Catalog, code: &str) -> String {
    if let Some(title) = crate::check::rubric::title(code) {
        return title.to_owned();
    }
    catalog
        .prompts()
        .iter()
        .filter_map(|p| p.twist.as_ref())
        .flat_map(|t| &t.adds)
        .find(|need| need.code == code)
        .map_or_else(|| code.to_owned(), super::prompts::TwistNeed::title)
}

/// Whether a recorded finding cost points: its points when kept, else
/// whether the rubric prices its code (a twist need always costs).
fn cost(record: &super::round::FindingRecord) -> bool {
    record.points.map_or_else(
        || {
            record.code.starts_with(super::prompts::TWIST_PREFIX)
                || crate::check::rubric::RUBRIC
                    .iter()
                    .any(|p| p.code == record.code)
        },
        |points| points > 0,
    )
}

fn finding_codes(catalog: &Catalog, progress: &Progress, at: Timestamp) -> Vec<FindingCount> {
    let mut rounds = finished_rounds(progress, at);
    rounds.reverse();
    rounds.truncate(RECENT_ROUNDS);
    let of_last = u32::try_from(rounds.len()).unwrap_or(u32::MAX);
    let mut counts: BTreeMap<&str, (u32, bool)> = BTreeMap::new();
    for round in &rounds {
        let mut codes: BTreeMap<&str, bool> = BTreeMap::new();
        for f in &round.findings {
            *codes.entry(f.code.as_str()).or_default() |= cost(f);
        }
        for (code, costs) in codes {
            let entry = counts.entry(code).or_default();
            entry.0 += 1;
            entry.1 |= costs;
        }
    }
    let mut list: Vec<FindingCount> = counts
        .into_iter()
        .map(|(code, (rounds, costs))| FindingCount {
            code: code.to_owned(),
            title: title_of(catalog, code),
            costs,
            rounds,
            of_last,
        })
        .collect();
    list.sort_by(|a, b| b.rounds.cmp(&a.rounds).then_with(|| a.code.cmp(&b.code)));
    list
}
