//! The Q&A bank: every card parses and meets the rehearsal rules.

use std::collections::BTreeSet;

use archdrill::content::{cards, references};

#[test]
fn every_card_parses_and_meets_the_rules() {
    let cards = cards::all().unwrap_or_else(|e| panic!("{e}"));
    assert!(cards.len() >= 85, "only {} cards", cards.len());
    let mut ids = BTreeSet::new();
    let mut questions = BTreeSet::new();
    let mut wide = Vec::new();
    for card in &cards {
        assert!(
            card.id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !card.id.is_empty(),
            "id {:?} is not kebab-case",
            card.id
        );
        assert!(ids.insert(card.id.clone()), "duplicate id {}", card.id);
        assert!(
            questions.insert(card.question.to_lowercase()),
            "duplicate question {:?}",
            card.question
        );
        let words = card.answer_words();
        assert!(
            (150..=230).contains(&words),
            "{}: answer has {words} words",
            card.id
        );
        assert!(
            (3..=6).contains(&card.key_points.len()),
            "{}: {} key points",
            card.id,
            card.key_points.len()
        );
        assert!(
            (1..=3).contains(&card.follow_ups.len()),
            "{}: {} follow-ups",
            card.id,
            card.follow_ups.len()
        );
        assert!(
            card.question.ends_with('?') || card.question.ends_with('.'),
            "{}: a question or a prompt (\"Walk me through…\") ends with ? or .",
            card.id
        );
        if let Some(table) = &card.table {
            assert!(!table.rows.is_empty(), "{}: empty table", card.id);
            // egui_commonmark lays a table out in a grid whose cells do not
            // wrap (wider rows scroll sideways in the 760 px card column), so
            // the widest cell of each column must add up to a line that fits.
            let width: usize = (0..table.columns.len())
                .map(|i| {
                    std::iter::once(&table.columns)
                        .chain(&table.rows)
                        .filter_map(|row| row.get(i))
                        .map(|cell| cell.chars().count())
                        .max()
                        .unwrap_or(0)
                })
                .sum();
            if width > 90 {
                wide.push(format!("{}: {width}", card.id));
            }
            for row in &table.rows {
                assert_eq!(
                    row.len(),
                    table.columns.len(),
                    "{}: ragged table row {row:?}",
                    card.id
                );
            }
        }
        if let Some(diagram) = &card.diagram {
            assert!(
                references::find(diagram).is_some(),
                "{}: unknown diagram {diagram}",
                card.id
            );
        }
        assert!(!card.section.is_empty());
    }
    assert!(
        wide.is_empty(),
        "tables whose rows need more than 90 characters: {wide:?}"
    );
}

#[test]
fn every_section_of_the_guide_is_covered() {
    let cards = cards::all().expect("cards load");
    let sections: BTreeSet<&str> = cards.iter().map(|c| c.section.as_str()).collect();
    assert_eq!(sections.len(), cards::SECTION_FILES.len());
    for topic in [
        "saga-vs-2pc",
        "kafka-vs-rabbitmq",
        "circuit-breaker",
        "node-event-loop-phases",
        "sessions-vs-jwt",
        "cap-theorem-pacelc",
        "n-plus-one-query-problem",
        "blue-green-vs-canary",
        "how-to-scale-a-system",
    ] {
        assert!(cards.iter().any(|c| c.id == topic), "no card {topic}");
    }
    // Architecture questions point at a diagram.
    assert!(cards.iter().filter(|c| c.diagram.is_some()).count() >= 40);
}

#[test]
fn a_broken_card_file_names_line_and_column() {
    let err = cards::parse_section(
        "(section: \"X\", cards: [(id: \"a\" question: \"?\")])",
        "bad.ron",
    )
    .expect_err("broken RON is rejected");
    assert!(err.to_string().starts_with("bad.ron:1:"), "{err}");
}

/// The topics a senior panel asks beyond the guide (issue #14) have cards,
/// and the design questions among them open the diagram they are about.
#[test]
fn the_topics_beyond_the_guide_are_covered() {
    let cards = cards::all().expect("cards load");
    let card = |id: &str| {
        cards
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no card {id}"))
    };
    for (id, section) in [
        ("transaction-isolation-levels", "Consistency & locking"),
        ("deadlocks-in-postgres", "Consistency & locking"),
        ("optimistic-vs-pessimistic-locking", "Consistency & locking"),
        ("mvcc-and-vacuum", "Databases"),
        ("cache-stampede", "Caching & Redis"),
        ("hot-keys-in-redis", "Caching & Redis"),
        (
            "zero-downtime-schema-migrations",
            "Availability & deployment",
        ),
        (
            "graceful-shutdown-and-readiness",
            "Availability & deployment",
        ),
        ("slos-and-error-budgets", "Observability & incidents"),
        (
            "node-streams-backpressure",
            "Node.js performance & internals",
        ),
        ("websockets-vs-sse", "Communication: sync, async, events"),
    ] {
        assert_eq!(card(id).section, section, "{id}");
    }
    for (id, diagram) in [
        ("protect-checkout-from-a-flaky-dependency", "resilience"),
        ("choosing-a-shard-key", "sharding"),
        ("resharding-without-downtime", "sharding"),
    ] {
        assert_eq!(card(id).diagram.as_deref(), Some(diagram), "{id}");
    }
}
