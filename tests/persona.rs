//! The story cards agree with `assets/cards/PERSONA.md`: the figures, names
//! and states a card gives for the persona's system are the persona's.
//!
//! The persona's facts are read from the fenced `persona` block at the end of
//! PERSONA.md (`key = value`, lists comma-separated). A story card — one whose
//! answer speaks in the first person ("we", "our", "us", "ours", "my job") — is
//! about the persona's system, so every sentence of it (answer, key points,
//! table, follow-ups, note) that gives a figure of a checked kind must give
//! the persona's; elsewhere only first-person sentences are held to it. What
//! is checked:
//!
//! - traffic: a number of RPS / requests per second is `peak_rps`; a p99 in ms
//!   beside it (or on "the order path") is `order_path_p99_ms`, one beside
//!   payment or Stripe is `payment_p99_ms`, a p99 in seconds from tap to
//!   confirmation (end to end) is `checkout_p99_s`;
//! - the write primary: write transactions (TPS, writes, transactions per
//!   second) are `order_writes_per_s` or `write_ceiling_per_s`, or the load at
//!   a multiplier the sentence names; its IOPS are `write_primary_iops`; a
//!   multiplier beside "saturates", "folds", "pegs" or "primary" is the
//!   saturation point, a scenario (10×, 100×) or the overload at one;
//! - Kafka partitions (now or before), the JWT lifetime;
//! - every event name (`OrderPlaced`, …) is in `events`, every order state
//!   in `order_states`, and a sentence about the terminal state names
//!   `order_terminal_state`;
//! - the queue PDF invoices run on is `invoice_queue`; what "our" Redis
//!   holds is in `redis_holds`;
//! - employers: the current job is never "my last job", the previous one is
//!   always `previous_job`, and a question about the current project is
//!   answered without it;
//! - every card that tells a first-person story has a "Make it yours" note.

use std::collections::{BTreeMap, BTreeSet};

use archdrill::content::cards::{self, Card};

/// The persona's facts, by key.
type Persona = BTreeMap<String, String>;

fn persona_text() -> &'static str {
    include_str!("../assets/cards/PERSONA.md")
}

/// The `key = value` lines of the fenced `persona` block.
fn parse_persona(markdown: &str) -> Persona {
    let mut facts = Persona::new();
    let mut inside = false;
    for line in markdown.lines() {
        let trimmed = line.trim();
        if trimmed == "```persona" {
            inside = true;
        } else if inside && trimmed.starts_with("```") {
            break;
        } else if inside && !trimmed.is_empty() {
            let (key, value) = trimmed
                .split_once('=')
                .unwrap_or_else(|| panic!("PERSONA.md: not `key = value`: {trimmed}"));
            facts.insert(key.trim().to_owned(), value.trim().to_owned());
        }
    }
    facts
}

fn number(persona: &Persona, key: &str) -> f64 {
    persona
        .get(key)
        .unwrap_or_else(|| panic!("PERSONA.md has no {key}"))
        .parse()
        .unwrap_or_else(|e| panic!("PERSONA.md {key}: {e}"))
}

fn list(persona: &Persona, key: &str) -> Vec<String> {
    persona
        .get(key)
        .unwrap_or_else(|| panic!("PERSONA.md has no {key}"))
        .split(',')
        .map(|s| s.trim().to_owned())
        .collect()
}

/// A token of a sentence: a number (with whether it was written `N×`) or a
/// folded word.
#[derive(Clone, Debug, PartialEq)]
enum Token {
    Number { value: f64, times: bool },
    Word(String),
}

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
];

fn tokens(sentence: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for chunk in sentence.split_whitespace() {
        let chunk = chunk.trim_start_matches(|c: char| !c.is_alphanumeric());
        let digits: String = chunk
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
            .collect();
        let digits = digits.trim_end_matches(['.', ',']);
        let mut rest = chunk;
        if !digits.is_empty() {
            rest = &chunk[digits.len()..];
            let mut value: f64 = digits.replace(',', "").parse().unwrap_or(f64::NAN);
            if let Some(after) = rest.strip_prefix(['K', 'k']) {
                value *= 1000.0;
                rest = after;
            }
            let times = rest.starts_with('×');
            out.push(Token::Number { value, times });
        }
        for word in rest
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            let folded = word.to_lowercase();
            match NUMBER_WORDS.iter().find(|(w, _)| *w == folded) {
                Some((_, value)) => out.push(Token::Number {
                    value: *value,
                    times: false,
                }),
                None => out.push(Token::Word(folded)),
            }
        }
    }
    out
}

/// Sentences: split at line breaks and at `.`, `?`, `!` followed by a space.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            current.push(c);
            if matches!(c, '.' | '?' | '!') && chars.peek().is_none_or(|n| n.is_whitespace()) {
                out.push(std::mem::take(&mut current));
            }
        }
        if !current.trim().is_empty() {
            out.push(current);
        }
    }
    out
}

fn words(tokens: &[Token]) -> Vec<&str> {
    tokens
        .iter()
        .filter_map(|t| match t {
            Token::Word(w) => Some(w.as_str()),
            Token::Number { .. } => None,
        })
        .collect()
}

/// "we", "our", "us", "ours", or "my" about a job or team ("at my previous
/// job", "my last company", "my team") — not "my rule of thumb" or a
/// customer's "my orders".
fn first_person(tokens: &[Token]) -> bool {
    let w = words(tokens);
    w.iter().any(|w| matches!(*w, "we" | "our" | "us" | "ours"))
        || w.windows(2).any(|p| {
            p[0] == "my"
                && matches!(
                    p[1],
                    "previous" | "last" | "former" | "current" | "team" | "job" | "company"
                )
        })
}

/// Numbers directly followed by one of the word sequences in `units`.
fn numbers_before(tokens: &[Token], units: &[&[&str]]) -> Vec<f64> {
    let mut out = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let Token::Number {
            value,
            times: false,
        } = token
        else {
            continue;
        };
        let follows = |unit: &[&str]| {
            unit.iter()
                .enumerate()
                .all(|(k, w)| matches!(tokens.get(i + 1 + k), Some(Token::Word(x)) if x == w))
        };
        if units.iter().any(|u| follows(u)) {
            out.push(*value);
        }
    }
    out
}

/// Numbers written `N×`.
fn multipliers(tokens: &[Token]) -> Vec<f64> {
    tokens
        .iter()
        .filter_map(|t| match t {
            Token::Number { value, times: true } => Some(*value),
            _ => None,
        })
        .collect()
}

/// p99 figures: a number with `unit` within three tokens of "p99".
fn p99s(tokens: &[Token], unit: &[&str]) -> Vec<f64> {
    let mut out = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if *token != Token::Word("p99".into()) {
            continue;
        }
        let lo = i.saturating_sub(4);
        let hi = (i + 5).min(tokens.len());
        for j in lo..hi {
            if let (
                Token::Number {
                    value,
                    times: false,
                },
                Some(Token::Word(w)),
            ) = (&tokens[j], tokens.get(j + 1))
                && unit.contains(&w.as_str())
            {
                out.push(*value);
            }
        }
    }
    out
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// The kinds of figure, each a function from a sentence to the figures it
/// gives and whether each is allowed.
struct Checker {
    peak_rps: f64,
    order_path_p99_ms: f64,
    payment_p99_ms: f64,
    checkout_p99_s: f64,
    writes: f64,
    ceiling: f64,
    iops: f64,
    saturation: f64,
    payment_charges: f64,
    payment_behind: f64,
    partitions: Vec<f64>,
    jwt_minutes: f64,
    events: BTreeSet<String>,
    states: BTreeSet<String>,
    terminal: String,
    invoice_queue: String,
    redis_holds: BTreeSet<String>,
    previous_job: String,
}

/// Candidate order-state words (upper case in the cards).
const STATE_WORDS: &[&str] = &[
    "PENDING",
    "PLACED",
    "CREATED",
    "CONFIRMED",
    "PAID",
    "RESERVED",
    "SHIPPED",
    "DELIVERED",
    "COMPLETED",
    "FULFILLED",
    "CANCELLED",
    "CANCELED",
];

/// Event-name prefixes: a CamelCase word starting with one of these and ending
/// in "ed" is an event name.
const EVENT_PREFIXES: &[&str] = &[
    "Order",
    "Inventory",
    "Payment",
    "Refund",
    "Product",
    "User",
    "Cart",
    "Shipment",
    "Stock",
];

const QUEUES: &[&str] = &["SQS", "BullMQ", "RabbitMQ", "Kafka"];

/// What a Redis sentence can say it holds: (phrase, role).
const REDIS_ROLES: &[(&str, &str)] = &[
    ("cache", "cache"),
    ("caching", "cache"),
    ("cart", "cart"),
    ("rate limit", "rate limit"),
    ("rate-limit", "rate limit"),
    ("limiter", "rate limit"),
    ("token bucket", "rate limit"),
    ("session", "session"),
    ("lock", "lock"),
    ("dedup", "dedupe"),
    ("leaderboard", "leaderboard"),
    ("sorted set", "leaderboard"),
    ("queue", "queue"),
    ("bullmq", "queue"),
    ("stream", "queue"),
    ("pub/sub", "pubsub"),
    ("idempotency", "idempotency"),
];

/// Phrases for the current employer that contradict "current job", and
/// previous-employer phrases other than the persona's.
const EMPLOYER_WORDS: &[&str] = &[
    "job", "company", "team", "employer", "role", "project", "startup",
];

impl Checker {
    fn new(persona: &Persona) -> Self {
        let set = |key| list(persona, key).into_iter().collect::<BTreeSet<_>>();
        Self {
            peak_rps: number(persona, "peak_rps"),
            order_path_p99_ms: number(persona, "order_path_p99_ms"),
            payment_p99_ms: number(persona, "payment_p99_ms"),
            checkout_p99_s: number(persona, "checkout_p99_s"),
            writes: number(persona, "order_writes_per_s"),
            ceiling: number(persona, "write_ceiling_per_s"),
            iops: number(persona, "write_primary_iops"),
            saturation: number(persona, "primary_saturates_at_x"),
            payment_charges: number(persona, "payment_charges_per_s"),
            payment_behind: number(persona, "payment_falls_behind_at_x"),
            partitions: vec![
                number(persona, "kafka_partitions"),
                number(persona, "kafka_partitions_before"),
            ],
            jwt_minutes: number(persona, "jwt_minutes"),
            events: set("events"),
            states: set("order_states"),
            terminal: persona["order_terminal_state"].clone(),
            invoice_queue: persona["invoice_queue"].clone(),
            redis_holds: set("redis_holds"),
            previous_job: persona["previous_job"].clone(),
        }
    }

    /// Figures of each kind in one sentence that disagree with the persona,
    /// and the kinds of figure it names at all.
    fn figures(&self, sentence: &str, problems: &mut Vec<String>) -> BTreeSet<&'static str> {
        let t = tokens(sentence);
        let lower = sentence.to_lowercase();
        let mut kinds = BTreeSet::new();
        let mut bad = |kind: &'static str, value: f64, ok: bool, kinds: &mut BTreeSet<_>| {
            kinds.insert(kind);
            if !ok {
                problems.push(format!("{kind} {value} in {sentence:?}"));
            }
        };
        let rps = numbers_before(
            &t,
            &[
                &["rps"],
                &["requests", "per", "second"],
                &["requests", "a", "second"],
            ],
        );
        for &v in &rps {
            bad("RPS", v, close(v, self.peak_rps), &mut kinds);
        }
        let ms = p99s(&t, &["ms"]);
        if !rps.is_empty() || lower.contains("order path") {
            for &v in &ms {
                bad(
                    "order-path p99",
                    v,
                    close(v, self.order_path_p99_ms),
                    &mut kinds,
                );
            }
        }
        if lower.contains("payment") || lower.contains("stripe") {
            for &v in &ms {
                bad("payment p99", v, close(v, self.payment_p99_ms), &mut kinds);
            }
        }
        if ["end to end", "end-to-end", "tap", "confirmed"]
            .iter()
            .any(|w| lower.contains(w))
        {
            for v in p99s(&t, &["s", "second", "seconds"]) {
                bad(
                    "checkout p99 (s)",
                    v,
                    close(v, self.checkout_p99_s),
                    &mut kinds,
                );
            }
        }
        let named = multipliers(&t);
        let mut allowed_writes = vec![self.writes, self.ceiling];
        allowed_writes.extend(named.iter().map(|m| self.writes * m));
        for v in numbers_before(
            &t,
            &[
                &["tps"],
                &["writes"],
                &["order", "writes"],
                &["write", "transactions"],
                &["transactions", "per", "second"],
                &["transactions", "a", "second"],
            ],
        ) {
            let ok = allowed_writes.iter().any(|a| close(*a, v));
            bad("write transactions/s", v, ok, &mut kinds);
        }
        for v in numbers_before(&t, &[&["iops"]]) {
            bad("primary IOPS", v, close(v, self.iops), &mut kinds);
        }
        let behind = about_payment_behind(&lower);
        if ["saturat", "fold", "pegs", "primary"]
            .iter()
            .any(|w| lower.contains(w))
        {
            let mut allowed = vec![10.0, 100.0];
            allowed.extend([10.0, 100.0].map(|m| self.writes * m / self.ceiling));
            if behind {
                allowed.push(self.payment_behind);
            }
            for v in &named {
                let ok = (v - self.saturation).abs() < 0.5 || allowed.iter().any(|a| close(*a, *v));
                bad("primary multiplier", *v, ok, &mut kinds);
            }
        }
        for v in numbers_before(&t, &[&["partitions"]]) {
            let ok = self.partitions.iter().any(|p| close(*p, v));
            bad("Kafka partitions", v, ok, &mut kinds);
        }
        if lower.contains("jwt") || lower.contains("token") {
            for v in numbers_before(&t, &[&["minutes"], &["minute"], &["min"]]) {
                bad("JWT lifetime", v, close(v, self.jwt_minutes), &mut kinds);
            }
        }
        kinds
    }

    /// Payment falling behind its queue: the multiplier it starts at, its
    /// rate of charges, and that a sentence naming the primary as what goes
    /// first names Payment too.
    fn payment(&self, sentence: &str, problems: &mut Vec<String>) {
        let t = tokens(sentence);
        let lower = sentence.to_lowercase();
        let named = multipliers(&t);
        // Payment falling behind its queue: the multiplier it starts at, and
        // its rate of charges.
        if about_payment_behind(&lower) {
            for v in &named {
                // A sentence naming the primary too is held to its figures
                // below, with Payment's allowed there.
                let ok = (v - self.payment_behind).abs() < 0.1
                    || [10.0, 100.0].iter().any(|a| close(*a, *v))
                    || lower.contains("primary");
                flag(
                    problems,
                    sentence,
                    "payment falls-behind multiplier",
                    *v,
                    ok,
                );
            }
        }
        if lower.contains("payment") || lower.contains("stripe") {
            for v in numbers_before(&t, &[&["charges"]]) {
                flag(
                    problems,
                    sentence,
                    "payment charges/s",
                    v,
                    close(v, self.payment_charges),
                );
            }
        }
        // The primary is the first box to fail requests, not the first thing
        // to go wrong: Payment falls behind before it.
        let sole_first = [
            "before anything else",
            "first box to fold",
            "first thing to fold",
            "first thing to go",
            "nothing else breaks",
        ]
        .iter()
        .any(|p| lower.contains(p));
        let breaks_first = lower.contains("breaks first") || lower.contains("break first");
        if lower.contains("primary") && (sole_first || breaks_first) && !lower.contains("payment") {
            flag(
                problems,
                sentence,
                "what breaks first, but Payment falls behind first at",
                self.payment_behind,
                false,
            );
        }
    }

    /// Names and states, checked in every sentence of every card.
    fn names(&self, sentence: &str, problems: &mut Vec<String>) {
        for word in sentence.split(|c: char| !c.is_alphanumeric()) {
            let is_event = word.ends_with("ed")
                && EVENT_PREFIXES.iter().any(|p| {
                    word.strip_prefix(p)
                        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
                });
            if is_event && !self.events.contains(word) {
                problems.push(format!("event {word} is not the persona's in {sentence:?}"));
            }
            if STATE_WORDS.contains(&word) && !self.states.contains(word) {
                problems.push(format!(
                    "order state {word} is not the persona's in {sentence:?}"
                ));
            }
        }
        if sentence.to_lowercase().contains("terminal")
            && STATE_WORDS.iter().any(|s| sentence.contains(s))
            && !sentence.contains(self.terminal.as_str())
        {
            problems.push(format!(
                "the terminal state is {}: {sentence:?}",
                self.terminal
            ));
        }
    }

    fn invoice(&self, sentence: &str, next: Option<&String>, problems: &mut Vec<String>) {
        if !sentence.to_lowercase().contains("invoice") || !first_person(&tokens(sentence)) {
            return;
        }
        let window = format!("{sentence} {}", next.map_or("", String::as_str));
        let from = window.to_lowercase().find("invoice").unwrap_or(0);
        // The queue named first after the invoices is the one they run on.
        let first = QUEUES
            .iter()
            .filter_map(|q| window[from..].find(q).map(|at| (at, *q)))
            .min();
        if let Some((_, queue)) = first
            && queue != self.invoice_queue
        {
            problems.push(format!(
                "invoices run on {}, not {queue}: {window:?}",
                self.invoice_queue
            ));
        }
    }

    fn redis(&self, sentence: &str, problems: &mut Vec<String>) {
        let lower = sentence.to_lowercase();
        if !lower.contains("redis") || !first_person(&tokens(sentence)) {
            return;
        }
        for (phrase, role) in REDIS_ROLES {
            if lower.contains(phrase) && !self.redis_holds.contains(*role) {
                problems.push(format!("our Redis holds no {role}: {sentence:?}"));
            }
        }
    }

    fn employer(&self, card: &Card, text: &str, problems: &mut Vec<String>) {
        let lower = text.to_lowercase();
        let w: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        for triple in w.windows(3) {
            let [a, b, c] = [triple[0], triple[1], triple[2]];
            let employer = EMPLOYER_WORDS.contains(&c);
            let past = matches!(b, "last" | "previous" | "former" | "prior");
            if employer && past && matches!(a, "my" | "a" | "one") {
                let phrase = format!("{a} {b} {c}");
                if !self.previous_job.ends_with(&phrase) {
                    problems.push(format!("say \"{}\", not \"{phrase}\"", self.previous_job));
                }
            }
        }
        for quad in w.windows(4) {
            if quad[0] == "at" && quad[1] == "a" && matches!(quad[3], "company" | "startup") {
                problems.push(format!(
                    "another employer (\"at a {} {}\")",
                    quad[2], quad[3]
                ));
            }
        }
        if card.question.to_lowercase().contains("current") && lower.contains(&self.previous_job) {
            problems
                .push("asked about the current project, answered from the previous job".to_owned());
        }
    }
}

/// Records a figure of `kind` that is not the persona's.
fn flag(problems: &mut Vec<String>, sentence: &str, kind: &str, value: f64, ok: bool) {
    if !ok {
        problems.push(format!("{kind} {value} in {sentence:?}"));
    }
}

/// Whether a sentence is about Payment falling behind its queue.
fn about_payment_behind(lower: &str) -> bool {
    ["behind", "lag", "backlog"]
        .iter()
        .any(|w| lower.contains(w))
        && lower.contains("payment")
}

/// The texts of a card: answer, follow-ups, note, table rows, key points.
fn texts(card: &Card) -> Vec<String> {
    let mut out = vec![card.answer.clone()];
    out.extend(card.follow_ups.iter().cloned());
    out.extend(card.make_it_yours.iter().cloned());
    if let Some(table) = &card.table {
        out.push(table.columns.join(" | "));
        out.extend(table.rows.iter().map(|r| r.join(" | ")));
    }
    out.extend(card.key_points.iter().cloned());
    out
}

/// Whether the answer tells a first-person story.
fn tells_a_story(card: &Card) -> bool {
    let lower = card.answer.to_lowercase();
    sentences(&card.answer)
        .iter()
        .any(|s| first_person(&tokens(s)))
        || ["at my previous job", "i once", "i've", "i learned"]
            .iter()
            .any(|p| lower.contains(p))
}

/// Every disagreement between the cards and the persona.
fn problems(cards: &[Card], persona: &Persona) -> Vec<String> {
    let checker = Checker::new(persona);
    let mut out = Vec::new();
    for card in cards {
        let mut here = Vec::new();
        // A story card is about the persona's system: every sentence of it
        // that names a figure of a checked kind names the persona's figure.
        let story = tells_a_story(card);
        for text in texts(card) {
            let all = sentences(&text);
            for (i, sentence) in all.iter().enumerate() {
                checker.names(sentence, &mut here);
                checker.invoice(sentence, all.get(i + 1), &mut here);
                checker.redis(sentence, &mut here);
                if story || first_person(&tokens(sentence)) {
                    checker.figures(sentence, &mut here);
                    checker.payment(sentence, &mut here);
                }
            }
            checker.employer(card, &text, &mut here);
        }
        if tells_a_story(card) && card.make_it_yours.is_none() {
            here.push("tells a first-person story but has no make_it_yours note".to_owned());
        }
        if let Some(note) = &card.make_it_yours {
            let n = note.split_whitespace().count();
            if !(8..=45).contains(&n) {
                here.push(format!("make_it_yours has {n} words (8–45)"));
            }
        }
        out.extend(here.into_iter().map(|p| format!("{}: {p}", card.id)));
    }
    out
}

#[test]
fn the_persona_block_is_complete() {
    let persona = parse_persona(persona_text());
    let checker = Checker::new(&persona);
    // The persona agrees with itself: the ceiling over the load is the
    // saturation point, as the simulator computes it on five-tier.
    assert!((checker.ceiling / checker.writes - checker.saturation).abs() < 0.05);
    // Payment is offered one event per order: it falls behind at its
    // charges over the order rate, before the primary folds.
    assert!((checker.payment_charges / checker.writes - checker.payment_behind).abs() < 0.05);
    assert!(checker.payment_behind < checker.saturation);
    assert!(checker.states.contains(&checker.terminal));
    assert!(checker.events.contains("OrderPlaced"));
    assert!(!checker.events.contains("OrderCreated"));
    assert_eq!(checker.invoice_queue, "SQS");
}

#[test]
fn every_card_agrees_with_the_persona() {
    let cards = cards::all().unwrap_or_else(|e| panic!("{e}"));
    let persona = parse_persona(persona_text());
    let found = problems(&cards, &persona);
    assert!(
        found.is_empty(),
        "{} problems:\n{}",
        found.len(),
        found.join("\n")
    );
    let stories = cards.iter().filter(|c| c.make_it_yours.is_some()).count();
    assert!(
        stories >= 70,
        "only {stories} cards carry a Make it yours note"
    );
}

/// A card with `answer` (and the rest taken from a real story card).
fn with_answer(answer: &str) -> Card {
    let cards = cards::all().unwrap_or_else(|e| panic!("{e}"));
    let mut card = cards
        .into_iter()
        .find(|c| c.id == "what-breaks-first-at-100x")
        .unwrap_or_else(|| panic!("no 100× card"));
    answer.clone_into(&mut card.answer);
    card.key_points = vec!["A point".into(), "Another".into(), "A third".into()];
    card
}

fn problems_of(answer: &str) -> Vec<String> {
    problems(&[with_answer(answer)], &parse_persona(persona_text()))
}

#[test]
fn the_old_contradictions_are_caught() {
    // The seed's 100× answer: a 3K TPS primary with headroom to 8K.
    let p = problems_of(
        "Today our primary runs at about 3K transactions per second, with headroom to around 8K.",
    );
    assert!(
        p.iter().any(|p| p.contains("write transactions/s 3000")),
        "{p:?}"
    );
    // ~120 RPS is the persona's; 250 RPS is not.
    assert!(problems_of("We serve about 120 RPS at a p99 of 180 ms.").is_empty());
    let p = problems_of("We serve about 250 RPS at a p99 of 180 ms.");
    assert!(p.iter().any(|p| p.contains("RPS 250")), "{p:?}");
    let p = problems_of("We serve about 120 RPS at a p99 of 250 ms.");
    assert!(p.iter().any(|p| p.contains("order-path p99 250")), "{p:?}");
    // The event and the terminal state.
    let p = problems_of("Our order service publishes `OrderCreated`.");
    assert!(p.iter().any(|p| p.contains("event OrderCreated")), "{p:?}");
    let p = problems_of("It consumes the terminal event and flips the order to CONFIRMED.");
    assert!(
        p.iter().any(|p| p.contains("terminal state is SHIPPED")),
        "{p:?}"
    );
    let p = problems_of("We mark the order DELIVERED.");
    assert!(
        p.iter().any(|p| p.contains("order state DELIVERED")),
        "{p:?}"
    );
    // Invoices on another queue, Redis holding a leaderboard.
    let p = problems_of("Our PDF invoices started inline. We then moved them to a BullMQ worker.");
    assert!(p.iter().any(|p| p.contains("not BullMQ")), "{p:?}");
    let p = problems_of("Our Redis also ran a sorted-set leaderboard for a sales contest.");
    assert!(p.iter().any(|p| p.contains("no leaderboard")), "{p:?}");
    // The saturation point and the scenarios.
    assert!(
        problems_of("Our primary saturates at about 8× today's peak; at 100× it is 12× over.")
            .is_empty()
    );
    let p = problems_of("Our primary saturates at about 2.7× today's peak.");
    assert!(
        p.iter().any(|p| p.contains("primary multiplier 2.7")),
        "{p:?}"
    );
    // What breaks first: Payment falls behind before the primary folds.
    let p = problems_of(
        "At ten times our traffic the orders write primary gives out before anything else.",
    );
    assert!(
        p.iter().any(|p| p.contains("Payment falls behind first")),
        "{p:?}"
    );
    let p = problems_of("Close on what breaks first at 10×: our orders write primary.");
    assert!(
        p.iter().any(|p| p.contains("Payment falls behind first")),
        "{p:?}"
    );
    assert!(
        problems_of(
            "From about 2.7× our payment service falls behind: Kafka's backlog grows, but nothing fails."
        )
        .is_empty()
    );
    let p = problems_of("Our payment service falls behind at about 5×, its backlog growing.");
    assert!(
        p.iter()
            .any(|p| p.contains("payment falls-behind multiplier 5")),
        "{p:?}"
    );
    let p = problems_of("Our payment service charges about 200 charges a second through Stripe.");
    assert!(
        p.iter().any(|p| p.contains("payment charges/s 200")),
        "{p:?}"
    );
    // Employers.
    let p = problems_of("At my last job we sharded the orders table.");
    assert!(p.iter().any(|p| p.contains("not \"my last job\"")), "{p:?}");
    let p = problems_of("At a fintech company our signups used bcrypt.");
    assert!(p.iter().any(|p| p.contains("another employer")), "{p:?}");
    // A story with no note.
    let mut card = with_answer("We once had a slow query and we fixed it.");
    card.make_it_yours = None;
    let p = problems(&[card], &parse_persona(persona_text()));
    assert!(p.iter().any(|p| p.contains("no make_it_yours")), "{p:?}");
}

#[test]
fn key_points_restate_the_answers_figures() {
    let mut card = with_answer("We serve about 120 RPS at peak.");
    card.key_points = vec!["~150 RPS at peak".into(), "b".into(), "c".into()];
    let p = problems(&[card], &parse_persona(persona_text()));
    assert!(p.iter().any(|p| p.contains("RPS 150")), "{p:?}");
    // A key point about a figure the answer does not claim is not the persona's.
    let mut card = with_answer("Ask for the daily curve first.");
    card.key_points = vec!["Often a busy ~50K RPS hour".into(), "b".into(), "c".into()];
    assert!(problems(&[card], &parse_persona(persona_text())).is_empty());
}

#[test]
fn sentences_and_numbers_are_read_as_written() {
    assert_eq!(
        sentences("One. Two at 1.8 s? Three\nFour"),
        ["One.", " Two at 1.8 s?", " Three", "Four"]
    );
    assert_eq!(
        tokens("~3,000 IOPS, 8.3× and 3K"),
        [
            Token::Number {
                value: 3000.0,
                times: false
            },
            Token::Word("iops".into()),
            Token::Number {
                value: 8.3,
                times: true
            },
            Token::Word("and".into()),
            Token::Number {
                value: 3000.0,
                times: false
            },
        ]
    );
}

/// The persona's capacity figures are the simulator's on five-tier, so a
/// card that quotes PERSONA.md quotes `archdrill simulate five-tier`: the
/// primary saturates at `primary_saturates_at_x`, Payment — the first
/// consumer to fall behind, and the first node whose ρ reaches 1 — at
/// `payment_falls_behind_at_x`.
#[test]
fn the_persona_figures_are_the_simulators() {
    use archdrill::content::references;
    use archdrill::simulate::{Limit, Scenario, simulate};
    let checker = Checker::new(&parse_persona(persona_text()));
    let d = references::find("five-tier")
        .and_then(|r| r.load().ok())
        .unwrap_or_else(|| panic!("five-tier loads"));
    let sim = simulate(&d, &Scenario::at(10.0)).unwrap_or_else(|e| panic!("{e}"));
    let primary = sim
        .first_saturated
        .clone()
        .unwrap_or_else(|| panic!("a bottleneck"));
    assert_eq!(primary.node.as_str(), "orders_db");
    assert!((primary.at_traffic - checker.saturation).abs() < 0.05);
    let behind = sim
        .first_behind
        .clone()
        .unwrap_or_else(|| panic!("a consumer behind"));
    assert_eq!(behind.node.as_str(), "payment");
    assert!((behind.at_traffic - checker.payment_behind).abs() < 0.05);
    assert_eq!(
        sim.node("payment").and_then(|n| n.capacity_rps),
        Some(checker.payment_charges)
    );
    let first = sim.first_bottleneck.unwrap_or_else(|| panic!("a first"));
    assert_eq!(
        (first.node.as_str(), first.limit),
        ("payment", Limit::FallsBehind)
    );
}
