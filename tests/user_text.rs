//! The text a user reads — reference titles, labels, notes and
//! walkthroughs, card questions, answers and notes, round prompts and
//! twists, and the checker's findings on them — is written in interview
//! language: it never mentions how the content was authored (the seed
//! guide, the persona) or a path in this repository. Sources belong in
//! RON comments, which the user never sees.

use archdrill::check::check;
use archdrill::content::{cards, references::REFERENCES};
use archdrill::drill::prompts;
use archdrill::model::Diagram;

/// Words that name the authoring material, not the system.
const AUTHORING_WORDS: &[&str] = &["seed", "seeds", "persona", "personas"];

/// Pieces of repository paths.
const PATH_PIECES: &[&str] = &[
    "assets/",
    "diagrams/",
    "src/",
    "tests/",
    ".md",
    ".rs",
    "PERSONA",
    "FORMAT.md",
];

/// What is wrong with one text, if anything.
fn problem(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let word = lower
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| AUTHORING_WORDS.contains(w));
    if let Some(word) = word {
        return Some(format!("mentions \u{201c}{word}\u{201d}"));
    }
    PATH_PIECES
        .iter()
        .find(|piece| text.contains(*piece))
        .map(|piece| format!("names a repository path ({piece})"))
}

/// Every user-visible string of a diagram, each with where it is.
fn diagram_texts(id: &str, d: &Diagram) -> Vec<(String, String)> {
    let mut out = vec![
        (format!("{id}: title"), d.title.clone()),
        (format!("{id}: description"), d.description.clone()),
    ];
    for n in &d.nodes {
        out.push((format!("{id}: node {} label", n.id), n.label.clone()));
        out.push((format!("{id}: node {} notes", n.id), n.notes.clone()));
    }
    for e in &d.edges {
        out.push((format!("{id}: edge {} label", e.id), e.label.clone()));
    }
    for b in &d.boundaries {
        out.push((format!("{id}: boundary {} label", b.id), b.label.clone()));
    }
    for (i, s) in d.walkthrough.iter().enumerate() {
        out.push((format!("{id}: step {i} title"), s.title.clone()));
        out.push((format!("{id}: step {i} text"), s.text.clone()));
    }
    out
}

fn assert_clean(texts: &[(String, String)]) {
    let problems: Vec<String> = texts
        .iter()
        .filter_map(|(at, text)| problem(text).map(|p| format!("{at} {p}: {text}")))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_notices_what_it_is_meant_to() {
    assert!(problem("the seed's ~120 RPS").is_some());
    assert!(problem("(the persona's figures, assets/cards/PERSONA.md)").is_some());
    assert!(problem("see src/check/rules.rs").is_some());
    assert!(problem("Anything personalised must be private").is_none());
    assert!(problem("Seeding a cache warms it").is_none());
}

#[test]
fn references_speak_interview_language() {
    let mut texts = Vec::new();
    for r in REFERENCES {
        let d = r.load().unwrap_or_else(|e| panic!("{e}"));
        texts.extend(diagram_texts(r.id, &d));
        // The findings a drawing gets against it quote its notes.
        let report = check(&Diagram::default(), &d, r.id);
        for f in &report.findings {
            texts.push((
                format!("{}: empty drawing, {}", r.id, f.code),
                f.message.clone(),
            ));
        }
    }
    assert_clean(&texts);
}

#[test]
fn cards_speak_interview_language() {
    let mut texts = Vec::new();
    for card in cards::all().unwrap_or_else(|e| panic!("{e}")) {
        let at = |what: &str| format!("card {}: {what}", card.id);
        texts.push((at("question"), card.question.clone()));
        texts.push((at("answer"), card.answer.clone()));
        texts.push((at("section"), card.section.clone()));
        for k in &card.key_points {
            texts.push((at("key point"), k.clone()));
        }
        for f in &card.follow_ups {
            texts.push((at("follow-up"), f.clone()));
        }
        if let Some(note) = &card.make_it_yours {
            texts.push((at("make it yours"), note.clone()));
        }
        if let Some(table) = &card.table {
            for cell in table.columns.iter().chain(table.rows.iter().flatten()) {
                texts.push((at("table"), cell.clone()));
            }
        }
    }
    assert_clean(&texts);
}

#[test]
fn prompts_speak_interview_language() {
    let mut texts = Vec::new();
    for p in prompts::shipped().unwrap_or_else(|e| panic!("{e}")) {
        let at = |what: &str| format!("prompt {}: {what}", p.id);
        texts.push((at("title"), p.title.clone()));
        for b in &p.brief {
            texts.push((at("brief"), b.clone()));
        }
        if let Some(twist) = &p.twist {
            texts.push((at("twist"), twist.text.clone()));
            for need in &twist.adds {
                texts.push((at("twist need"), need.why.clone()));
            }
        }
    }
    assert_clean(&texts);
}
