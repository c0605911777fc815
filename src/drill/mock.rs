//! A mock panel, as a real interview loop runs one: a whiteboard round on
//! one prompt, then a few Q&A cards from different sections, and a summary
//! at the end. Which prompt and which cards is decided here, from the
//! catalog and the progress at a time; the parts are reviewed like any
//! other (the round records an attempt and rates its prompt, each card is
//! rated), so a mock panel also moves the schedule on.

use serde::{Deserialize, Serialize};

use super::items::{Catalog, ItemKind};
use super::progress::Progress;
use super::queue::due;
use super::rating::Rating;
use super::round::RoundAttempt;
use super::time::Timestamp;

/// Cards in a mock panel unless asked otherwise.
pub const DEFAULT_MOCK_CARDS: usize = 4;

/// What a mock panel will ask.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MockPlan {
    /// The whiteboard prompt, first.
    pub prompt: String,
    /// Then these cards, each from a different section.
    pub cards: Vec<String>,
}

/// The plan for a mock panel at `at` with `cards` cards (at least one):
/// the prompt that is due (else the one attempted longest ago, never
/// attempted first, in catalog order); the cards due now first, then the
/// rest of the catalog, at most one per section and none from the prompt's
/// section. `None` when the catalog has no prompt.
#[must_use]
pub fn plan(
    catalog: &Catalog,
    progress: &Progress,
    at: Timestamp,
    cards: usize,
) -> Option<MockPlan> {
    let queue = due(catalog, progress, at);
    let last_attempt = |id: &str| {
        progress
            .rounds
            .iter()
            .filter(|r| r.prompt == id)
            .map(|r| r.started_at)
            .max()
    };
    let prompt = queue
        .due
        .iter()
        .find(|e| e.kind == ItemKind::Prompt)
        .map(|e| e.id.clone())
        .or_else(|| {
            catalog
                .prompts()
                .iter()
                .min_by_key(|p| last_attempt(&p.id))
                .map(|p| p.id.clone())
        })?;
    let prompt_section = catalog.get(&prompt).map(|i| i.section.clone());
    let due_cards = queue.due.iter().filter(|e| e.kind == ItemKind::Card);
    let due_ids = due_cards.map(|e| (e.id.as_str(), e.section.as_str()));
    let all_cards = catalog
        .items()
        .iter()
        .filter(|i| i.kind == ItemKind::Card)
        .map(|i| (i.id.as_str(), i.section.as_str()));
    let mut sections: Vec<&str> = prompt_section.iter().map(String::as_str).collect();
    let mut chosen: Vec<String> = Vec::new();
    for (id, section) in due_ids.chain(all_cards) {
        if chosen.len() >= cards.max(1) {
            break;
        }
        if sections.contains(&section) || chosen.iter().any(|c| c == id) {
            continue;
        }
        sections.push(section);
        chosen.push(id.to_owned());
    }
    Some(MockPlan {
        prompt,
        cards: chosen,
    })
}

/// How one card of the panel went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardResult {
    /// The card id.
    pub card: String,
    /// The rating given.
    pub rating: Rating,
    /// Seconds spoken before the answer was revealed.
    pub spoken_secs: u32,
    /// Key points ticked as hit.
    pub points_hit: usize,
    /// Key points on the card.
    pub points_total: usize,
}

/// The end of a mock panel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MockSummary {
    /// The round's score, 0–100, when the round was submitted.
    pub round_score: Option<u8>,
    /// Share of the cards rated Good or Easy, 0–100.
    pub cards_passed_percent: u8,
    /// Key points hit over every card, 0–100.
    pub points_percent: u8,
    /// Cards whose spoken answer ran outside 60–90 s.
    pub off_time: Vec<String>,
    /// One sentence per part, in the order asked, to read back.
    pub lines: Vec<String>,
}

/// The summary of a panel: its round (if submitted) and the cards rated.
/// `title` names an item for the sentences (a card's question, a prompt's
/// title).
#[must_use]
pub fn summarise(
    round: Option<&RoundAttempt>,
    cards: &[CardResult],
    title: &dyn Fn(&str) -> String,
) -> MockSummary {
    let mut lines = Vec::new();
    if let Some(attempt) = round {
        // In words, as the findings panel says them.
        let lost: Vec<String> = attempt
            .findings
            .iter()
            .filter(|f| f.points.unwrap_or(0) > 0)
            .map(|f| title(&f.code))
            .take(3)
            .collect();
        let why = if lost.is_empty() {
            "nothing lost".to_owned()
        } else {
            format!("points lost to: {}", lost.join("; "))
        };
        lines.push(format!(
            "Whiteboard: {} scored {} ({}) in {} of {} min; {why}.",
            title(&attempt.prompt),
            attempt.score,
            attempt.rating.title(),
            attempt.seconds_used.div_ceil(60),
            attempt.time_limit_secs / 60,
        ));
    }
    let mut off_time = Vec::new();
    for card in cards {
        let timing = match card.spoken_secs {
            s if s < 60 => "short of 60 s",
            s if s > 90 => "over 90 s",
            _ => "within 60–90 s",
        };
        if !(60..=90).contains(&card.spoken_secs) {
            off_time.push(card.card.clone());
        }
        lines.push(format!(
            "{}: {}, {} of {} key points, {} s ({timing}).",
            title(&card.card),
            card.rating.title(),
            card.points_hit,
            card.points_total,
            card.spoken_secs,
        ));
    }
    let passed = cards
        .iter()
        .filter(|c| matches!(c.rating, Rating::Good | Rating::Easy))
        .count();
    let hit: usize = cards.iter().map(|c| c.points_hit).sum();
    let total: usize = cards.iter().map(|c| c.points_total).sum();
    MockSummary {
        round_score: round.map(|r| r.score),
        cards_passed_percent: percent(passed, cards.len()),
        points_percent: percent(hit, total),
        off_time,
        lines,
    }
}

/// `part` of `whole` in whole percent (0 of nothing is 0 %).
fn percent(part: usize, whole: usize) -> u8 {
    if whole == 0 {
        return 0;
    }
    u8::try_from((part * 100 + whole / 2) / whole).unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> Timestamp {
        Timestamp::from_unix_secs(1_748_854_800) // 2025-06-02T09:00:00Z
    }

    #[test]
    fn a_fresh_plan_is_one_prompt_then_cards_of_distinct_sections() {
        let catalog = Catalog::shipped().unwrap_or_default();
        let plan = plan(&catalog, &Progress::default(), at(), 4).unwrap_or_else(|| {
            panic!("the shipped catalog has prompts");
        });
        assert!(plan.prompt.starts_with("prompt-"));
        assert_eq!(plan.cards.len(), 4);
        let section = |id: &str| catalog.get(id).map(|i| i.section.clone());
        let mut sections: Vec<_> = plan.cards.iter().map(|c| section(c)).collect();
        sections.push(section(&plan.prompt));
        let count = sections.len();
        sections.sort();
        sections.dedup();
        assert_eq!(sections.len(), count, "one part per section");
    }

    #[test]
    fn the_prompt_attempted_longest_ago_comes_next_when_none_is_due() {
        let catalog = Catalog::shipped().unwrap_or_default();
        let mut progress = Progress::default();
        let first = catalog.prompts()[0].id.clone();
        // Every prompt reviewed (not due), the first attempted most recently.
        for (i, prompt) in catalog.prompts().iter().enumerate() {
            let when = at().plus_secs(-86_400 * 3 + i64::try_from(i).unwrap_or(0));
            let _ = progress.review(&catalog, &prompt.id, Rating::Easy, when, None);
            progress.rounds.push(attempt(&prompt.id, when));
        }
        progress.rounds[0].started_at = at().plus_secs(-60);
        let plan = plan(&catalog, &progress, at(), 3).unwrap_or_else(|| panic!("plan"));
        assert_ne!(plan.prompt, first);
        assert_eq!(plan.prompt, catalog.prompts()[1].id);
    }

    fn attempt(prompt: &str, at: Timestamp) -> RoundAttempt {
        RoundAttempt {
            id: format!("{prompt}-x"),
            prompt: prompt.to_owned(),
            started_at: at,
            finished_at: at,
            seconds_used: 300,
            time_limit_secs: 600,
            twist: false,
            score: 80,
            rating: Rating::Good,
            findings: vec![super::super::round::FindingRecord {
                code: "missing-cache".to_owned(),
                points: Some(10),
            }],
            drawing: String::new(),
        }
    }

    #[test]
    fn the_summary_reads_back_every_part() {
        let round = attempt("prompt-ordering-system", at());
        let cards = [
            CardResult {
                card: "a".to_owned(),
                rating: Rating::Good,
                spoken_secs: 75,
                points_hit: 3,
                points_total: 4,
            },
            CardResult {
                card: "b".to_owned(),
                rating: Rating::Again,
                spoken_secs: 40,
                points_hit: 1,
                points_total: 4,
            },
        ];
        let summary = summarise(Some(&round), &cards, &|id| id.to_uppercase());
        assert_eq!(summary.round_score, Some(80));
        assert_eq!(summary.cards_passed_percent, 50);
        assert_eq!(summary.points_percent, 50);
        assert_eq!(summary.off_time, vec!["b".to_owned()]);
        assert_eq!(
            summary.lines,
            vec![
                "Whiteboard: PROMPT-ORDERING-SYSTEM scored 80 (Good) in 5 of 10 min; \
                 points lost to: MISSING-CACHE."
                    .to_owned(),
                "A: Good, 3 of 4 key points, 75 s (within 60–90 s).".to_owned(),
                "B: Again, 1 of 4 key points, 40 s (short of 60 s).".to_owned(),
            ]
        );
    }
}
