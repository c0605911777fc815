//! The Q&A cards: one RON file per section in `assets/cards/`, embedded in
//! the binary (format in `assets/cards/FORMAT.md`).

use serde::{Deserialize, Serialize};

use crate::model::LoadError;
use crate::model::file::LineCol;

/// An optional comparison table on a card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Column headings.
    pub columns: Vec<String>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<String>>,
}

/// One interview question with a rehearsable answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// Stable kebab-case id.
    pub id: String,
    /// The question as an interviewer asks it.
    pub question: String,
    /// A 60–90 second spoken answer (Markdown).
    pub answer: String,
    /// What the answer must hit, for self-grading.
    pub key_points: Vec<String>,
    /// An optional comparison table.
    #[serde(default)]
    pub table: Option<Table>,
    /// Likely follow-up questions.
    pub follow_ups: Vec<String>,
    /// The reference diagram this question is about, if any.
    #[serde(default)]
    pub diagram: Option<String>,
    /// On a first-person story card: which of the story's facts (the
    /// persona's figures, tools, incidents) to replace with the user's own
    /// before rehearsing it.
    #[serde(default)]
    pub make_it_yours: Option<String>,
    /// The section (filled in from the file, not written per card).
    #[serde(skip)]
    pub section: String,
}

impl Card {
    /// Words in the spoken answer.
    #[must_use]
    pub fn answer_words(&self) -> usize {
        self.answer.split_whitespace().count()
    }

    /// The answer as Markdown (`CommonMark`), followed by its table (if any) as a
    /// GitHub-style table: what the card view renders.
    #[must_use]
    pub fn answer_markdown(&self) -> String {
        match &self.table {
            None => self.answer.clone(),
            Some(table) => format!("{}\n\n{}", self.answer, table.to_markdown()),
        }
    }
}

impl Table {
    /// The table in GitHub-flavoured Markdown: a header row, the delimiter
    /// row, one line per row; `|` in a cell escaped.
    #[must_use]
    pub fn to_markdown(&self) -> String {
        let line = |cells: &[String]| {
            let cells: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|")).collect();
            format!("| {} |\n", cells.join(" | "))
        };
        let mut out = line(&self.columns);
        out.push('|');
        out.push_str(&"---|".repeat(self.columns.len()));
        out.push('\n');
        for row in &self.rows {
            out.push_str(&line(row));
        }
        out
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionFile {
    section: String,
    cards: Vec<Card>,
}

macro_rules! section {
    ($name:literal) => {
        (
            concat!("assets/cards/", $name, ".ron"),
            include_str!(concat!("../../assets/cards/", $name, ".ron")),
        )
    };
}

/// The embedded section files, in reading order.
pub const SECTION_FILES: &[(&str, &str)] = &[
    section!("01-architecture"),
    section!("02-scaling"),
    section!("03-monolith-vs-microservices"),
    section!("04-communication"),
    section!("05-sagas"),
    section!("06-delivery"),
    section!("07-observability"),
    section!("08-nodejs"),
    section!("09-databases"),
    section!("10-caching"),
    section!("11-api-security"),
    section!("12-consistency"),
    section!("13-resilience"),
    section!("14-messaging"),
    section!("15-availability"),
    section!("16-closing"),
];

/// Parses one section file.
///
/// # Errors
/// [`LoadError::Syntax`] with `line:column`.
pub fn parse_section(text: &str, path: &str) -> Result<Vec<Card>, LoadError> {
    let file: SectionFile = ron::from_str(text).map_err(|e| LoadError::Syntax {
        path: path.to_owned(),
        at: LineCol {
            line: e.span.start.line,
            col: e.span.start.col,
        },
        message: e.code.to_string(),
    })?;
    Ok(file
        .cards
        .into_iter()
        .map(|card| Card {
            section: file.section.clone(),
            ..card
        })
        .collect())
}

/// Every card, in section order.
///
/// # Errors
/// Only if a shipped file is broken; `tests/cards.rs` guards against that.
pub fn all() -> Result<Vec<Card>, LoadError> {
    let mut cards = Vec::new();
    for (path, text) in SECTION_FILES {
        cards.extend(parse_section(text, path)?);
    }
    Ok(cards)
}

/// Indices of the cards matching every word of `query` (case-insensitive)
/// in the question, answer, key points or section; all cards for an empty
/// query.
#[must_use]
pub fn search(cards: &[Card], query: &str) -> Vec<usize> {
    let terms: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    cards
        .iter()
        .enumerate()
        .filter(|(_, card)| {
            if terms.is_empty() {
                return true;
            }
            let haystack = format!(
                "{}\n{}\n{}\n{}\n{}",
                card.question,
                card.answer,
                card.key_points.join("\n"),
                card.section,
                card.id
            )
            .to_lowercase();
            terms.iter().all(|t| haystack.contains(t.as_str()))
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_matches_every_term_anywhere() {
        let cards = all().unwrap();
        assert_eq!(search(&cards, "").len(), cards.len());
        let kafka = search(&cards, "kafka RABBITMQ");
        assert!(kafka.iter().any(|&i| cards[i].id == "kafka-vs-rabbitmq"));
        assert!(kafka.iter().all(|&i| {
            let text = format!("{} {}", cards[i].question, cards[i].answer).to_lowercase();
            text.contains("kafka")
                || cards[i]
                    .key_points
                    .join(" ")
                    .to_lowercase()
                    .contains("kafka")
        }));
        assert!(search(&cards, "zzzz-no-such-word").is_empty());
    }

    #[test]
    fn a_table_becomes_a_markdown_table_after_the_answer() {
        let table = Table {
            columns: vec![String::new(), "Sync".into(), "Async".into()],
            rows: vec![vec!["Pipes".into(), "a | b".into(), "c".into()]],
        };
        assert_eq!(
            table.to_markdown(),
            "|  | Sync | Async |\n|---|---|---|\n| Pipes | a \\| b | c |\n"
        );
        let card = Card {
            id: "x".into(),
            question: "?".into(),
            answer: "Answer.".into(),
            key_points: vec![],
            table: Some(table),
            follow_ups: vec![],
            diagram: None,
            make_it_yours: None,
            section: String::new(),
        };
        assert!(card.answer_markdown().starts_with("Answer.\n\n|  | Sync |"));
    }
}
