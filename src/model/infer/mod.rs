//! Kind inference from a label, following PRODUCT.md's "Kind inference":
//! a label names a **role** (queue, consumer, cache, gateway), a
//! **technology** (Kafka, Celery, Redis, Kong) or both, and the role
//! decides — "Kafka consumer" is a worker, "Redis queue" a bus, "Google Maps
//! API" external. Used when a label is typed on the canvas and when Mermaid
//! is imported (where an explicit class wins and a shape is a weaker hint;
//! see [`Inference::is_confident`]); the user can always override it.
//!
//! How a label is read:
//! 1. it is cut into words (`tokens`): folded lower case, split inside
//!    CamelCase, each word remembering its whole token and its segment (the
//!    stretch up to a line break, bracket, separator or preposition);
//! 2. phrases of the [`vocabulary`] are matched left to right, longest
//!    first, on words or whole tokens (`CloudFront`, `OrdersDB`), with
//!    plurals and numbered instances;
//! 3. the first segment holding more than a client word names the box
//!    ("Payment service (Stripe)" is a service, "Orders (Postgres)" a
//!    database); inside it a role beats a technology, a technology beats a
//!    generic service word, which beats a client word;
//! 4. among equals the head noun — the last one — wins ("job queue" is a
//!    bus, "queue worker" a worker), except where one kind contains the
//!    other ([`DOMINANCE`]: a CDN is a cache at the edge); a technology of
//!    plumbing or tooling (`other`) gives way to any other technology;
//! 5. a label that reads as a flowchart step — a question, an imperative
//!    ("Check Redis cache", "Return 0"), a terminal — is `other`
//!    ([`Evidence::Step`]);
//! 6. nothing matched: [`NodeKind::Other`].

mod tokens;
mod vocabulary;

use std::collections::HashMap;
use std::sync::OnceLock;

use tokens::Cut;
use vocabulary::{COMPOUND_SUFFIXES, SERVERLESS, VOCABULARY};

use super::NodeKind;

/// How much a matched word says about the kind, weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Evidence {
    /// Nothing in the label names a kind.
    Nothing,
    /// A word that names the box only when nothing else does, and can as
    /// well name data kept about it: a person or a front end ("Users",
    /// "Customer", "App"), a delivery channel ("Email", "SMS"). A cylinder
    /// labelled "Users" is a table of users, a box labelled "Email service"
    /// a service.
    Weak,
    /// A word that only says "some server": service, API, backend.
    Generic,
    /// The label reads as a step of a flowchart, not a box of the
    /// architecture: a question ("Cache hit?"), an imperative ("Check Redis
    /// cache", "Return 0", "Send email"), a terminal ("Start"). It is
    /// `other`, and neither a shape nor the arrows make it anything else.
    Step,
    /// A product or platform: Kafka, Redis, Celery, Stripe, `HAProxy`.
    Technology,
    /// What the box does: queue, consumer, cache, load balancer, outbox.
    Role,
}

/// What a label says about its box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Inference {
    /// The inferred kind ([`NodeKind::Other`] when nothing matched).
    pub kind: NodeKind,
    /// The evidence the decisive word gave.
    pub evidence: Evidence,
    /// The label names a function-as-a-service (Lambda, Cloud Functions):
    /// a service, but a worker when a queue feeds it.
    pub serverless: bool,
}

impl Inference {
    /// True when the label itself names the kind (a role, a technology or
    /// a service word), so a shape hint must not override it: a cylinder
    /// labelled "Redis" is a cache, a hexagon labelled "Order worker" a
    /// worker, but a cylinder labelled "Orders" or "Users" is a database.
    #[must_use]
    pub fn is_confident(self) -> bool {
        self.evidence >= Evidence::Generic
    }
}

/// Pairs `(a, b)`: when a word of kind `a` and one of kind `b` give the
/// same evidence in the deciding segment, `a` wins wherever it stands.
const DOMINANCE: &[(NodeKind, NodeKind)] = &[
    // "CDN cache", "Edge cache (Varnish)": a CDN is a cache at the edge.
    (NodeKind::Edge, NodeKind::Cache),
    // "Outbox DB": the outbox is a table inside the service's database.
    (NodeKind::Outbox, NodeKind::Database),
];

/// One phrase of the vocabulary, split into words.
struct Entry {
    words: Vec<&'static str>,
    kind: NodeKind,
    evidence: Evidence,
    serverless: bool,
}

/// How a candidate entry is reached from a first word.
#[derive(Clone, Copy)]
enum Start {
    /// The word is the entry's first word; its other words follow.
    Phrase,
    /// The word is the whole entry written as one word ("loadbalancer").
    Joined,
}

/// The vocabulary indexed by first word (and by joined phrase).
struct Index {
    entries: Vec<Entry>,
    by_first: HashMap<String, Vec<(usize, Start)>>,
    suffixes: Vec<usize>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut entries = Vec::new();
        let mut by_first: HashMap<String, Vec<(usize, Start)>> = HashMap::new();
        let mut suffixes = Vec::new();
        for vocabulary in VOCABULARY {
            for (evidence, phrases) in vocabulary.words {
                for phrase in *phrases {
                    let i = entries.len();
                    let words: Vec<&'static str> = phrase.split(' ').collect();
                    by_first
                        .entry(words[0].to_owned())
                        .or_default()
                        .push((i, Start::Phrase));
                    if words.len() > 1 {
                        by_first
                            .entry(words.concat())
                            .or_default()
                            .push((i, Start::Joined));
                    }
                    if COMPOUND_SUFFIXES.contains(phrase) {
                        suffixes.push(i);
                    }
                    entries.push(Entry {
                        words,
                        kind: vocabulary.kind,
                        evidence: *evidence,
                        serverless: SERVERLESS.contains(phrase),
                    });
                }
            }
        }
        Index {
            entries,
            by_first,
            suffixes,
        }
    })
}

/// How exactly a text word matched a keyword word.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    /// At the end of a compound ("ordersdb").
    Suffix,
    /// As a plural or numbered instance ("queues", "db1").
    Inflected,
    /// Letter for letter.
    Exact,
}

/// How `text` matches the keyword word `keyword`, if it does.
fn fit(text: &str, keyword: &str) -> Option<Fit> {
    if text == keyword {
        return Some(Fit::Exact);
    }
    if let Some(rest) = text.strip_prefix(keyword) {
        let numbered = !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit());
        if rest == "s" || rest == "es" || numbered {
            return Some(Fit::Inflected);
        }
    }
    let stem = keyword.strip_suffix('y')?;
    (text.strip_prefix(stem) == Some("ies")).then_some(Fit::Inflected)
}

/// The index keys a text word may have been inflected from.
fn stems(text: &str) -> impl Iterator<Item = &str> {
    let digits = text.trim_end_matches(|c: char| c.is_ascii_digit());
    [
        Some(text),
        text.strip_suffix('s'),
        text.strip_suffix("es"),
        (digits.len() < text.len() && !digits.is_empty()).then_some(digits),
    ]
    .into_iter()
    .flatten()
}

/// A matched phrase.
#[derive(Clone, Copy)]
struct Match {
    entry: usize,
    segment: usize,
    /// Index of its first word.
    start: usize,
}

/// The best match starting at word `at`: the one covering most words, then
/// the most exact; and the index just past it.
fn match_at(index: &Index, words: &Cut, at: usize) -> Option<(Match, usize)> {
    let mut best: Option<(usize, Fit, usize)> = None;
    let mut consider = |entry: usize, end: usize, fit: Fit| {
        if best.is_none_or(|(b_end, b_fit, _)| (end, fit) > (b_end, b_fit)) {
            best = Some((end, fit, entry));
        }
    };
    let firsts = [Some((words.word(at), at + 1)), words.whole_token_at(at)];
    for (text, next) in firsts.into_iter().flatten() {
        // "registries" → "registry": the one inflection that needs a new string.
        let ies = text.strip_suffix("ies").map(|stem| format!("{stem}y"));
        for key in stems(text).chain(ies.as_deref()) {
            let Some(candidates) = index.by_first.get(key) else {
                continue;
            };
            for &(entry, start) in candidates {
                let phrase = &index.entries[entry].words;
                let keyword = match start {
                    Start::Phrase => phrase[0],
                    Start::Joined => key,
                };
                let Some(first_fit) = fit(text, keyword) else {
                    continue;
                };
                match start {
                    Start::Joined => consider(entry, next, first_fit),
                    Start::Phrase => {
                        if let Some((end, rest_fit)) = match_rest(words, &phrase[1..], next) {
                            consider(entry, end, first_fit.min(rest_fit));
                        }
                    }
                }
            }
        }
        for &entry in &index.suffixes {
            let suffix = index.entries[entry].words[0];
            let compound = text.len() > suffix.len() + 1
                && (text.ends_with(suffix)
                    || text.strip_suffix('s').is_some_and(|t| t.ends_with(suffix)));
            if compound {
                consider(entry, next, Fit::Suffix);
            }
        }
    }
    best.map(|(end, _, entry)| {
        let segment = words.words[at].segment;
        (
            Match {
                entry,
                segment,
                start: at,
            },
            end,
        )
    })
}

/// Matches the remaining words of a phrase from word `at` on (each as a
/// word or as a whole token): the index past them and the loosest fit.
fn match_rest(words: &Cut, rest: &[&str], at: usize) -> Option<(usize, Fit)> {
    let Some((&keyword, tail)) = rest.split_first() else {
        return Some((at, Fit::Exact));
    };
    if at >= words.words.len() {
        return None;
    }
    let options = [Some((words.word(at), at + 1)), words.whole_token_at(at)];
    options.into_iter().flatten().find_map(|(text, next)| {
        let here = fit(text, keyword)?;
        let (end, later) = match_rest(words, tail, next)?;
        Some((end, here.min(later)))
    })
}

/// Every phrase in the label, left to right, longest first.
fn matches(index: &Index, words: &Cut) -> Vec<Match> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < words.words.len() {
        if let Some((found_match, end)) = match_at(index, words, at) {
            found.push(found_match);
            at = end;
        } else {
            at += 1;
        }
    }
    found
}

/// Picks the deciding match (see the module docs, steps 3 and 4).
fn decide(index: &Index, found: &[Match]) -> Option<Match> {
    let evidence = |m: &Match| index.entries[m.entry].evidence;
    let kind = |m: &Match| index.entries[m.entry].kind;
    let segment_best = |segment: usize| {
        found
            .iter()
            .filter(|m| m.segment == segment)
            .map(evidence)
            .max()
    };
    let segment = found
        .iter()
        .map(|m| m.segment)
        .find(|&s| segment_best(s) >= Some(Evidence::Generic))
        .or_else(|| found.first().map(|m| m.segment))?;
    let strongest = segment_best(segment)?;
    let mut contenders: Vec<Match> = found
        .iter()
        .filter(|m| m.segment == segment && evidence(m) == strongest)
        .copied()
        .collect();
    if strongest == Evidence::Technology && contenders.iter().any(|m| kind(m) != NodeKind::Other) {
        contenders.retain(|m| kind(m) != NodeKind::Other);
    }
    for &(winner, loser) in DOMINANCE {
        if contenders.iter().any(|m| kind(m) == winner) {
            contenders.retain(|m| kind(m) != loser);
        }
    }
    contenders.last().copied()
}

/// Imperative verbs that open a flowchart step ("Check cache", "Return 0",
/// "Send email", "Validate lock owner").
const STEP_VERBS: &[&str] = &[
    "check",
    "return",
    "validate",
    "verify",
    "send",
    "set",
    "get",
    "create",
    "update",
    "delete",
    "remove",
    "add",
    "save",
    "store",
    "fetch",
    "load",
    "insert",
    "call",
    "invoke",
    "generate",
    "calculate",
    "compute",
    "apply",
    "emit",
    "publish",
    "consume",
    "process",
    "approve",
    "deny",
    "allow",
    "notify",
    "charge",
    "reserve",
    "release",
    "retry",
    "reject",
    "decline",
    "cancel",
    "confirm",
    "display",
    "show",
    "render",
    "redirect",
    "respond",
    "response",
    "reply",
    "parse",
    "transform",
    "convert",
    "extract",
    "wait",
    "start",
    "stop",
    "begin",
    "receive",
    "select",
    "choose",
    "submit",
    "place",
    "browse",
    "click",
    "open",
    "close",
    "lock",
    "unlock",
    "increment",
    "decrement",
    "mark",
    "assign",
    "commit",
    "rollback",
    "acquire",
    "upload",
    "download",
    "if",
    "else",
];

/// One-word labels of flowchart terminals and branches.
const TERMINALS: &[&str] = &[
    "end", "done", "finish", "yes", "no", "ok", "success", "failure", "true", "false",
];

/// True when the label reads as a flowchart step (see [`Evidence::Step`]):
/// a question; a numbered step; a terminal; or an imperative verb first that no phrase of
/// the vocabulary claims ("Read replica" is a database) and that is not
/// the name of a server or a screen ("Query service", "Upload API", "Add
/// account form").
fn is_step(label: &str, words: &Cut, found: &[Match], decided: Option<&Entry>) -> bool {
    let trimmed = label.trim();
    if trimmed.ends_with('?') {
        return true;
    }
    // A numbered step: "5. Validate lock owner", "2) Charge card".
    let number = trimmed.len()
        - trimmed
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    if number > 0 && trimmed[number..].starts_with(['.', ')']) {
        return true;
    }
    let Some(first) =
        (0..words.words.len()).find(|&i| !words.word(i).bytes().all(|b| b.is_ascii_digit()))
    else {
        return false;
    };
    let text = words.word(first);
    if first + 1 == words.words.len() && TERMINALS.contains(&text) {
        return true;
    }
    STEP_VERBS.contains(&text)
        && !found.iter().any(|m| m.start == first)
        && decided.is_none_or(|entry| {
            entry.evidence != Evidence::Generic && entry.kind != NodeKind::Client
        })
}

/// Reads a label: the kind it names and how sure that is.
#[must_use]
pub fn infer(label: &str) -> Inference {
    let index = index();
    let words = Cut::new(label);
    let found = matches(index, &words);
    let decided = decide(index, &found);
    if is_step(
        label,
        &words,
        &found,
        decided.map(|m| &index.entries[m.entry]),
    ) {
        return Inference {
            kind: NodeKind::Other,
            evidence: Evidence::Step,
            serverless: false,
        };
    }
    decided.map_or(
        Inference {
            kind: NodeKind::Other,
            evidence: Evidence::Nothing,
            serverless: false,
        },
        |m| {
            let entry = &index.entries[m.entry];
            Inference {
                kind: entry.kind,
                evidence: entry.evidence,
                serverless: entry.serverless,
            }
        },
    )
}

/// Infers a node kind from its label; [`NodeKind::Other`] when nothing
/// matches.
#[must_use]
pub fn infer_kind(label: &str) -> NodeKind {
    infer(label).kind
}

/// Splits a label into lower-case words: on anything that is not a letter
/// or digit, and on lower→upper case changes (`OrdersDB` → `orders db`).
/// (The checker's word matching; inference uses its own, finer cut.)
#[must_use]
pub fn words(label: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for ch in label.chars() {
        if ch.is_alphanumeric() {
            if ch.is_uppercase() && prev_lower && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            prev_lower = ch.is_lowercase() || ch.is_numeric();
            current.extend(ch.to_lowercase());
        } else {
            prev_lower = false;
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests;
