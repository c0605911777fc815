//! Drills: scheduling, the due queue, progress files, rounds, stats and the
//! `due` / `review` / `stats` commands — all with a fixed clock.
#![expect(clippy::expect_used, reason = "test helpers fail loudly")]

mod common;

use std::path::Path;

use archdrill::drill::{
    self, Catalog, Interval, ItemKind, ItemRecord, Progress, ProgressError, Rating, Scheduler,
    Settings, State, Timestamp,
};
use archdrill::store::DataDir;
use common::{archdrill_with_data, stderr, stdout};
use proptest::prelude::*;

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).expect("test time")
}

/// Sunday 1 June 2025, 09:00 UTC: study day "2025-06-01" (days start at 04:00 UTC).
fn t0() -> Timestamp {
    at("2025-06-01T09:00:00Z")
}

fn catalog() -> Catalog {
    Catalog::shipped().expect("shipped content")
}

fn scheduler() -> Scheduler {
    Scheduler::new(&Settings::default())
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

/// A record in Review, reviewed for the last time at the returned moment.
fn graduated() -> (ItemRecord, Timestamp) {
    let s = scheduler();
    let first = s.review(&ItemRecord::default(), Rating::Easy, t0());
    assert_eq!(first.record.state, State::Review);
    (first.record, first.due)
}

// ---------------------------------------------------------------- schedule

#[test]
fn a_new_card_rated_again_is_due_before_good_and_both_before_easy() {
    let s = scheduler();
    let due = |rating| s.review(&ItemRecord::default(), rating, t0()).due;
    assert!(due(Rating::Again) < due(Rating::Good));
    assert!(due(Rating::Good) < due(Rating::Easy));
    assert!(due(Rating::Again) <= due(Rating::Hard) && due(Rating::Hard) <= due(Rating::Good));
}

#[test]
fn new_items_go_through_the_learning_steps() {
    let s = scheduler();
    let new = ItemRecord::default();
    let [again, hard, good, easy] = s.preview(&new, t0());
    assert_eq!(again.interval, Interval::Secs(60), "first step: 1 m");
    assert_eq!(
        hard.interval,
        Interval::Secs(330),
        "halfway between 1 m and 10 m"
    );
    assert_eq!(good.interval, Interval::Secs(600), "second step: 10 m");
    for step in [&again, &hard, &good] {
        assert_eq!(step.record.state, State::Learning);
        assert_eq!(step.due, t0().plus_secs(step.interval_secs()));
    }
    assert_eq!((again.record.step, good.record.step), (0, 1));
    // Easy graduates at once with FSRS-6's Easy interval for a new item (8.30 d).
    assert_eq!(easy.record.state, State::Review);
    assert_eq!(easy.interval, Interval::Days(8));
    assert_eq!(
        easy.due,
        at("2025-06-09T04:00:00Z"),
        "due at the start of the study day"
    );

    // Good on the last step graduates with FSRS's Good interval, Hard repeats it.
    let later = t0().plus_secs(600);
    let [_, hard, good, _] = s.preview(&good.record, later);
    assert_eq!(hard.interval, Interval::Secs(600));
    assert_eq!(hard.record.state, State::Learning);
    assert_eq!(good.record.state, State::Review);
    assert!(
        matches!(good.interval, Interval::Days(d) if d >= 1),
        "{:?}",
        good.interval
    );
    assert_eq!(good.record.reps, 2);
}

trait Secs {
    fn interval_secs(&self) -> i64;
}

impl Secs for drill::Scheduled {
    fn interval_secs(&self) -> i64 {
        match self.interval {
            Interval::Secs(s) => i64::from(s),
            Interval::Days(d) => i64::from(d) * 86_400,
        }
    }
}

#[test]
fn again_in_review_is_a_lapse_into_relearning() {
    let (record, due) = graduated();
    let s = scheduler();
    let lapse = s.review(&record, Rating::Again, due);
    assert_eq!(lapse.record.state, State::Relearning);
    assert_eq!(lapse.record.lapses, 1);
    assert_eq!(
        lapse.interval,
        Interval::Secs(600),
        "one 10 m relearning step"
    );
    assert_eq!(lapse.due, due.plus_secs(600));
    assert!(
        lapse.record.memory.expect("memory").stability < record.memory.expect("memory").stability,
        "forgetting lowers stability"
    );
    // Good on the relearning step sends it back to Review, in days.
    let back = s.review(&lapse.record, Rating::Good, lapse.due);
    assert_eq!(back.record.state, State::Review);
    assert!(matches!(back.interval, Interval::Days(_)));
    assert_eq!(back.record.lapses, 1, "only Again in Review is a lapse");
}

#[test]
fn eight_lapses_make_a_leech() {
    let s = scheduler();
    let (mut record, mut now) = graduated();
    for lapse in 1..=8 {
        let forgot = s.review(&record, Rating::Again, now);
        assert_eq!(forgot.record.lapses, lapse);
        assert_eq!(forgot.became_leech, lapse == 8, "lapse {lapse}");
        assert_eq!(forgot.record.leech, lapse >= 8);
        let relearned = s.review(&forgot.record, Rating::Good, forgot.due);
        record = relearned.record;
        now = relearned.due;
    }
    assert!(record.leech, "the flag stays");
}

#[test]
fn review_intervals_grow_with_success() {
    let s = scheduler();
    let (mut record, mut now) = graduated();
    let mut last = 0;
    for _ in 0..5 {
        let next = s.review(&record, Rating::Good, now);
        let Interval::Days(days) = next.interval else {
            panic!("review intervals are in days")
        };
        assert!(days > last, "{days} after {last}");
        last = days;
        record = next.record;
        now = next.due;
    }
}

#[test]
fn desired_retention_is_a_setting() {
    let (record, due) = graduated();
    let days = |retention: f32| {
        let settings = Settings {
            desired_retention: retention,
            ..Settings::default()
        };
        Scheduler::new(&settings)
            .review(&record, Rating::Good, due)
            .interval
    };
    let (Interval::Days(strict), Interval::Days(lax)) = (days(0.97), days(0.80)) else {
        panic!("days")
    };
    assert!(
        strict < lax,
        "higher retention means shorter intervals: {strict} vs {lax}"
    );
}

// ------------------------------------------------------------------- items

#[test]
fn every_prompt_names_a_shipped_reference_and_a_card_section() {
    let catalog = catalog();
    let prompts = catalog.prompts();
    assert!(prompts.len() >= 6, "{} prompts", prompts.len());
    let cards = archdrill::content::cards::all().expect("cards");
    let sections: Vec<&str> = cards.iter().map(|c| c.section.as_str()).collect();
    for prompt in prompts {
        assert!(
            archdrill::content::references::find(&prompt.reference).is_some(),
            "{} names unknown reference {}",
            prompt.id,
            prompt.reference
        );
        assert!(
            prompt.id.starts_with(drill::prompts::PROMPT_ID_PREFIX),
            "{}",
            prompt.id
        );
        assert!(
            prompt
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{} is not kebab-case",
            prompt.id
        );
        assert!(
            !cards.iter().any(|c| c.id == prompt.id),
            "{} is also a card",
            prompt.id
        );
        assert!(
            sections.contains(&prompt.section.as_str()),
            "{}: {}",
            prompt.id,
            prompt.section
        );
        assert!(!prompt.brief.is_empty() && !prompt.title.is_empty());
        for need in prompt.twist.iter().flat_map(|t| &t.adds) {
            assert!(need.code.starts_with("twist-"), "{}", need.code);
            assert!(!need.kinds.is_empty() && need.points > 0, "{}", need.code);
        }
    }
    let mut ids: Vec<&str> = catalog.items().iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids.len(), cards.len() + prompts.len());
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), cards.len() + prompts.len(), "ids are unique");
}

#[test]
fn a_reference_drawn_perfectly_earns_easy_and_the_twist_costs_points() {
    let catalog = catalog();
    let prompt = catalog.prompt("prompt-ordering-system").expect("prompt");
    let reference = archdrill::content::references::find("saga")
        .expect("saga")
        .load()
        .expect("loads");
    let plain = drill::round::grade(prompt, &reference, false).expect("grades");
    assert!(plain.twist_findings.is_empty());
    assert_eq!(plain.score, plain.report.score);
    assert_eq!(plain.rating, drill::rating_for_score(plain.score));
    // The saga reference calls Stripe (external) but has no retry worker.
    let twisted = drill::round::grade(prompt, &reference, true).expect("grades");
    let codes: Vec<&str> = twisted
        .twist_findings
        .iter()
        .map(|f| f.code.as_str())
        .collect();
    assert_eq!(codes, ["twist-missing-retry-worker"]);
    assert_eq!(
        u32::from(twisted.score),
        u32::from(plain.score).saturating_sub(10)
    );
    assert!(
        twisted
            .finding_records()
            .iter()
            .any(|f| f.code == "twist-missing-retry-worker" && f.points == Some(10))
    );
}

/// The twist's finding has one code: the findings panel shows the code the
/// attempt records and the stats count (QA saw `twist-requirement` in the
/// panel and `twist-missing-payment-provider` in the stats).
#[test]
fn a_twist_finding_has_one_code_in_the_panel_and_the_progress() {
    let catalog = catalog();
    let prompt = catalog.prompt("prompt-ordering-system").expect("prompt");
    let twisted =
        drill::round::grade(prompt, &archdrill::model::Diagram::default(), true).expect("grades");
    let recorded: Vec<String> = twisted
        .finding_records()
        .into_iter()
        .map(|f| f.code)
        .filter(|c| c.starts_with("twist-"))
        .collect();
    assert_eq!(
        recorded,
        [
            "twist-missing-payment-provider",
            "twist-missing-retry-worker"
        ]
    );
    let shown: Vec<String> = twisted
        .panel_report()
        .findings
        .iter()
        .map(|f| f.code.to_string())
        .filter(|c| c.starts_with("twist-"))
        .collect();
    assert_eq!(shown, recorded);
}

// ------------------------------------------------------------------- queue

#[test]
fn a_fresh_start_offers_twenty_new_items_interleaved() {
    let catalog = catalog();
    let queue = drill::queue::due(&catalog, &Progress::default(), t0());
    assert_eq!(queue.due.len(), 20);
    assert_eq!(queue.new_left_today, 20);
    assert!(
        queue
            .due
            .iter()
            .all(|e| e.state == State::New && e.due_at == t0())
    );
    let prompts = |q: &drill::Queue| q.due.iter().filter(|e| e.kind == ItemKind::Prompt).count();
    assert_eq!(prompts(&queue), 1, "one new round a day");
    assert!(queue.due.iter().any(|e| e.kind == ItemKind::Card));
    for pair in queue.due.windows(2) {
        assert_ne!(
            pair[0].section, pair[1].section,
            "{} then {}",
            pair[0].id, pair[1].id
        );
    }
    assert_eq!(
        queue,
        drill::queue::due(&catalog, &Progress::default(), t0()),
        "deterministic"
    );
}

#[test]
fn the_new_limit_resets_when_the_study_day_turns() {
    let catalog = catalog();
    let mut progress = Progress::default();
    let first: Vec<String> = drill::queue::due(&catalog, &progress, t0())
        .due
        .iter()
        .map(|e| e.id.clone())
        .collect();
    for (i, id) in first.iter().take(15).enumerate() {
        let when = t0().plus_secs(i64::try_from(i).expect("small") * 30);
        progress
            .review(&catalog, id, Rating::Easy, when, None)
            .expect("known id");
    }
    let later = at("2025-06-01T12:00:00Z");
    let queue = drill::queue::due(&catalog, &progress, later);
    assert_eq!(queue.new_left_today, 5);
    assert_eq!(queue.new_count(), 5);
    assert!(
        queue.due.iter().all(|e| !first[..15].contains(&e.id)),
        "Easy items are days away"
    );
    // 03:59 UTC the next morning is still the same study day …
    let late_night = drill::queue::due(&catalog, &progress, at("2025-06-02T03:59:00Z"));
    assert_eq!(late_night.new_left_today, 5);
    // … and 04:00 starts a new one.
    let morning = drill::queue::due(&catalog, &progress, at("2025-06-02T04:00:00Z"));
    assert_eq!(morning.new_left_today, 20);
    assert_eq!(morning.new_count(), 20);
}

#[test]
fn one_new_prompt_a_day() {
    let catalog = catalog();
    let mut progress = Progress::default();
    let first = drill::queue::due(&catalog, &progress, t0());
    let prompt = first
        .due
        .iter()
        .find(|e| e.kind == ItemKind::Prompt)
        .expect("a prompt");
    progress
        .review(&catalog, &prompt.id, Rating::Good, t0(), None)
        .expect("prompt");
    let same_day = drill::queue::due(&catalog, &progress, t0().plus_secs(60));
    assert_eq!(same_day.new_left_today, 19);
    assert!(
        same_day.due.iter().all(|e| e.kind == ItemKind::Card),
        "no second new prompt today"
    );
    let next_day = drill::queue::due(&catalog, &progress, t0().plus_secs(86_400));
    let new_prompts: Vec<&str> = next_day
        .due
        .iter()
        .filter(|e| e.kind == ItemKind::Prompt && e.state == State::New)
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(new_prompts.len(), 1);
    assert_ne!(new_prompts[0], prompt.id);
}

#[test]
fn learning_items_come_due_at_their_time_and_reviews_on_their_day() {
    let catalog = catalog();
    let mut progress = Progress::default();
    let card = "saga-vs-2pc";
    let prompt = "prompt-ordering-system";
    progress
        .review(&catalog, card, Rating::Good, t0(), None)
        .expect("card");
    let easy = progress
        .review(&catalog, prompt, Rating::Easy, t0(), None)
        .expect("prompt");

    let soon = drill::queue::due(&catalog, &progress, t0().plus_secs(60));
    assert!(
        !soon.due.iter().any(|e| e.id == card),
        "its 10 m step has not passed"
    );
    assert_eq!(soon.later_today.first().map(|e| e.id.as_str()), Some(card));
    assert_eq!(soon.next_due, Some(t0().plus_secs(600)));

    let after = drill::queue::due(&catalog, &progress, t0().plus_secs(600));
    let entry = after
        .due
        .iter()
        .find(|e| e.id == card)
        .expect("due after 10 m");
    assert_eq!(
        (entry.state, entry.due_at),
        (State::Learning, t0().plus_secs(600))
    );
    assert_eq!(
        after.due.first().map(|e| e.id.as_str()),
        Some(card),
        "learning first"
    );

    let Interval::Days(days) = easy.interval else {
        panic!("graduated")
    };
    let due_day = drill::DayStart::from_utc_minutes(240)
        .start_of(drill::DayStart::from_utc_minutes(240).day_of(t0()) + i64::from(days));
    assert_eq!(easy.due, due_day);
    let before = drill::queue::due(&catalog, &progress, due_day.plus_secs(-1));
    assert!(!before.due.iter().any(|e| e.id == prompt));
    let on_the_day = drill::queue::due(&catalog, &progress, due_day.plus_secs(8 * 3600));
    let entry = on_the_day
        .due
        .iter()
        .find(|e| e.id == prompt)
        .expect("due on its day");
    assert_eq!((entry.state, entry.kind), (State::Review, ItemKind::Prompt));
}

#[test]
fn interleaving_separates_sections_when_it_can() {
    let entry = |id: &str, section: &str| drill::QueueEntry {
        id: id.to_owned(),
        kind: ItemKind::Card,
        section: section.to_owned(),
        title: String::new(),
        due_at: t0(),
        state: State::Review,
        leech: false,
    };
    let ids = |list: Vec<drill::QueueEntry>| -> Vec<String> {
        drill::queue::interleave(list)
            .into_iter()
            .map(|e| e.id)
            .collect()
    };
    let list = vec![
        entry("a1", "A"),
        entry("a2", "A"),
        entry("a3", "A"),
        entry("b1", "B"),
        entry("b2", "B"),
    ];
    assert_eq!(ids(list), ["a1", "b1", "a2", "b2", "a3"]);
    // Order is kept when sections already alternate.
    let list = vec![
        entry("a1", "A"),
        entry("b1", "B"),
        entry("c1", "C"),
        entry("a2", "A"),
    ];
    assert_eq!(ids(list), ["a1", "b1", "c1", "a2"]);
    // When it cannot be avoided, the clump comes last.
    let list = vec![
        entry("a1", "A"),
        entry("a2", "A"),
        entry("a3", "A"),
        entry("b1", "B"),
    ];
    assert_eq!(ids(list), ["a1", "b1", "a2", "a3"]);
}

// ---------------------------------------------------------------- progress

fn some_progress(data: &DataDir) -> Progress {
    let catalog = catalog();
    let mut progress = Progress::default();
    progress
        .review(&catalog, "saga-vs-2pc", Rating::Good, t0(), Some(72))
        .expect("card");
    progress
        .review(
            &catalog,
            "saga-vs-2pc",
            Rating::Good,
            t0().plus_secs(600),
            None,
        )
        .expect("card");
    progress
        .review(&catalog, "kafka-vs-rabbitmq", Rating::Again, t0(), None)
        .expect("card");
    let prompt = catalog
        .prompt("prompt-cache-read-path")
        .expect("prompt")
        .clone();
    let drawing = archdrill::content::references::find("five-tier")
        .expect("five-tier")
        .load()
        .expect("loads");
    let grade = drill::round::grade(&prompt, &drawing, true).expect("grades");
    let round = drill::RoundSubmission {
        prompt: &prompt,
        drawing: &drawing,
        grade: &grade,
        started_at: t0(),
        finished_at: t0().plus_secs(540),
        time_limit_secs: 600,
        twist_included: true,
    };
    progress
        .record_round(data, &catalog, &round)
        .expect("recorded");
    progress
}

#[test]
fn progress_round_trips_to_the_same_bytes() {
    let dir = tempdir();
    let data = DataDir::new(dir.path().join("data"));
    let progress = some_progress(&data);
    progress.save(&data).expect("saved");
    let first = std::fs::read(data.progress_path()).expect("written");
    let loaded = drill::progress::load(&data, t0()).expect("loads");
    assert_eq!(loaded, progress);
    loaded.save(&data).expect("saved again");
    assert_eq!(
        std::fs::read(data.progress_path()).expect("written"),
        first,
        "same bytes"
    );
    let text = String::from_utf8(first).expect("utf-8");
    assert!(text.starts_with("(\n    version: 1,\n"), "{text}");
    assert!(
        text.contains("\"2025-06-01T09:10:00Z\""),
        "times are RFC 3339"
    );
}

#[test]
fn a_round_keeps_its_drawing_and_reviews_its_prompt() {
    let dir = tempdir();
    let data = DataDir::new(dir.path().to_owned());
    let progress = some_progress(&data);
    let attempt = progress.rounds.first().expect("one round");
    assert_eq!(attempt.id, "prompt-cache-read-path-20250601T090000Z");
    assert_eq!(attempt.seconds_used, 540);
    assert!(
        attempt
            .findings
            .iter()
            .any(|f| f.code.starts_with("twist-missing-"))
    );
    let drawing = drill::progress::load_round_drawing(&data, attempt).expect("reopens");
    assert_eq!(drawing.title, "Five-tier web architecture");
    let record = progress.record("prompt-cache-read-path");
    assert_eq!(record.reps, 1);
    assert_eq!(record.last_review, Some(t0().plus_secs(540)));
    let logged = progress.reviews.last().expect("logged");
    assert_eq!(
        (logged.item.as_str(), logged.rating),
        ("prompt-cache-read-path", attempt.rating)
    );
}

#[test]
fn a_damaged_progress_file_is_moved_aside_and_reported() {
    let dir = tempdir();
    let data = DataDir::new(dir.path().to_owned());
    let broken = "(\n    version: 1,\n    settings: (desired_retention: 0.9 new_per_day: 20),\n)\n";
    std::fs::write(data.progress_path(), broken).expect("write");
    let Err(err) = drill::progress::load(&data, t0()) else {
        panic!("accepted a broken file")
    };
    let ProgressError::Corrupt { moved_to, at, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(at.map(|a| a.line), Some(3));
    assert_eq!(
        moved_to,
        &dir.path().join("progress.corrupt-20250601T090000Z.ron")
    );
    assert_eq!(
        std::fs::read_to_string(moved_to).expect("kept"),
        broken,
        "kept intact"
    );
    assert!(!data.progress_path().exists(), "moved, not copied");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{}:3:", data.progress_path().display())),
        "{message}"
    );
    assert!(message.contains("moved aside to"), "{message}");
    // The next start begins afresh; a second damaged file gets its own name.
    assert_eq!(
        drill::progress::load(&data, t0()).expect("empty"),
        Progress::default()
    );
    std::fs::write(data.progress_path(), "garbage").expect("write");
    let Err(ProgressError::Corrupt { moved_to, .. }) = drill::progress::load(&data, t0()) else {
        panic!("accepted garbage")
    };
    assert_eq!(
        moved_to,
        dir.path().join("progress.corrupt-20250601T090000Z-2.ron")
    );
}

#[test]
fn out_of_range_settings_are_damage_with_a_line() {
    let dir = tempdir();
    let path = dir.path().join("progress.ron");
    std::fs::write(
        &path,
        "(\n    version: 1,\n    settings: (\n        desired_retention: 1.5,\n    ),\n)\n",
    )
    .expect("write");
    let Err(err) = drill::progress::load_from(&path, t0()) else {
        panic!("accepted retention 1.5")
    };
    let message = err.to_string();
    assert!(message.contains(":4:9:"), "{message}");
    assert!(
        message.contains("desired_retention: 1.5 is outside 0.70–0.99"),
        "{message}"
    );
}

#[test]
fn a_newer_progress_file_is_refused_and_left_alone() {
    let dir = tempdir();
    let data = DataDir::new(dir.path().to_owned());
    let newer = "(version: 2, items: {}, shiny_new_field: true)\n";
    std::fs::write(data.progress_path(), newer).expect("write");
    let Err(err) = drill::progress::load(&data, t0()) else {
        panic!("accepted version 2")
    };
    assert!(
        matches!(err, ProgressError::NewerVersion { found: 2, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("newer archdrill"), "{err}");
    let out = archdrill_with_data(dir.path(), &["review", "saga-vs-2pc", "--rating", "good"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("newer archdrill"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(data.progress_path()).expect("kept"),
        newer,
        "not overwritten"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        1,
        "nothing moved or added"
    );
}

// ------------------------------------------------------------------- stats

#[test]
fn stats_count_days_streaks_retention_and_findings() {
    let dir = tempdir();
    let data = DataDir::new(dir.path().to_owned());
    let catalog = catalog();
    let mut progress = some_progress(&data);
    // The next day the messaging card again; stats the day after.
    let (day2, later) = (at("2025-06-02T08:00:00Z"), at("2025-06-03T08:00:00Z"));
    progress
        .review(&catalog, "kafka-vs-rabbitmq", Rating::Good, day2, None)
        .expect("card");
    progress
        .review(
            &catalog,
            "kafka-vs-rabbitmq",
            Rating::Easy,
            day2.plus_secs(600),
            None,
        )
        .expect("card");
    let stats = drill::stats::stats(&catalog, &progress, later);
    assert_eq!(stats.streak, 2, "two days ending yesterday");
    let per_day: Vec<(&str, u32, i64)> = stats
        .reviews_per_day
        .iter()
        .map(|d| (d.day.as_str(), d.reviews, d.days_ago))
        .collect();
    assert_eq!(per_day, [("2025-06-01", 4, 2), ("2025-06-02", 2, 1)]);
    assert_eq!(stats.total_reviews, 6);
    assert_eq!(stats.round_scores.len(), 1);
    assert_eq!(stats.finding_codes.first().map(|f| f.of_last), Some(1));
    assert!(stats.finding_codes.iter().all(|f| f.rounds == 1));
    // What costs points is told apart and named in words: the twist's
    // need by its title, a checker code by its short title.
    let costing: Vec<&drill::stats::FindingCount> =
        stats.finding_codes.iter().filter(|f| f.costs).collect();
    assert!(!costing.is_empty(), "{:?}", stats.finding_codes);
    for f in &stats.finding_codes {
        assert!(!f.title.is_empty() && f.title != f.code, "{f:?}");
        assert!(!f.sentence().contains(&f.code), "{}", f.sentence());
    }
    let object_store = stats
        .finding_codes
        .iter()
        .find(|f| f.code == "twist-missing-object-store")
        .expect("the twist's need");
    assert!(object_store.costs);
    assert!(
        object_store.title.to_lowercase().contains("object store"),
        "{object_store:?}"
    );
    assert!(
        stats
            .finding_codes
            .iter()
            .filter(|f| f.code == "missing-part")
            .all(|f| !f.costs),
        "notes cost nothing"
    );
    assert!(
        stats.weakest_sections.iter().any(|s| s.again == 1),
        "{:?}",
        stats.weakest_sections
    );
    // The weak ones are those with an Again: the sagas card, always Good,
    // is reviewed but not weak.
    let weak: Vec<&str> = stats.weak_sections().map(|s| s.section.as_str()).collect();
    assert!(weak.contains(&"Messaging"), "{weak:?}");
    assert!(
        stats.weak_sections().all(|s| s.again > 0),
        "{:?}",
        stats.weakest_sections
    );
    assert!(
        stats.weakest_sections.iter().any(|s| s.again == 0),
        "the list itself (stats --json) keeps every reviewed section"
    );
    assert_eq!(stats.retention, None, "no item was reviewed in Review yet");
    // Forget the graduated card on its due day: retention appears.
    let card = progress.record("kafka-vs-rabbitmq");
    assert_eq!(card.state, State::Review);
    let due = card.due.expect("due");
    progress
        .review(&catalog, "kafka-vs-rabbitmq", Rating::Again, due, None)
        .expect("card");
    let stats = drill::stats::stats(&catalog, &progress, due);
    assert_eq!(stats.retention, Some(0.0));
    let weakest = stats.weakest_sections.first().expect("a section");
    assert_eq!((weakest.section.as_str(), weakest.lapses), ("Messaging", 1));
    assert_eq!(stats.retention_per_week.len(), 1);
    // Due today: everything whose due time comes before tomorrow's 04:00.
    let day_start = drill::DayStart::from_utc_minutes(240);
    let tomorrow = day_start.start_of(day_start.day_of(due) + 1);
    let due_today = progress
        .items
        .values()
        .filter(|r| r.due.is_some_and(|d| d < tomorrow))
        .count();
    assert_eq!(usize::try_from(stats.due.today).expect("small"), due_today);
    assert!(due_today >= 1, "the relearning step at least");
}

// --------------------------------------------------------------------- CLI

fn json(out: &std::process::Output) -> serde_json::Value {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    serde_json::from_str(&stdout(out)).expect("JSON")
}

fn cli_review(data: &Path, id: &str, rating: &str, when: &str) -> serde_json::Value {
    json(&archdrill_with_data(
        data,
        &["review", id, "--rating", rating, "--at", when, "--json"],
    ))
}

#[test]
fn cli_review_then_due_the_next_day() {
    let dir = tempdir();
    let data = dir.path();
    let first = json(&archdrill_with_data(
        data,
        &["due", "--json", "--at", "2025-06-01T09:00:00Z"],
    ));
    assert_eq!(first["at"], "2025-06-01T09:00:00Z");
    assert_eq!(first["new_left_today"], 20);
    let due = first["due"].as_array().expect("array");
    assert_eq!(due.len(), 20);
    assert!(
        due.iter()
            .all(|e| e["type"] == "card" || e["type"] == "prompt")
    );
    assert!(!data.join("progress.ron").exists(), "due never writes");

    let good = cli_review(data, "saga-vs-2pc", "good", "2025-06-01T09:00:00Z");
    assert_eq!(good["id"], "saga-vs-2pc");
    assert_eq!(good["rating"], "good");
    assert_eq!(good["due_at"], "2025-06-01T09:10:00Z");
    let interval = good["interval_days"].as_f64().expect("number");
    assert!((interval - 600.0 / 86_400.0).abs() < 1e-9, "{interval}");
    let easy = cli_review(
        data,
        "prompt-ordering-system",
        "easy",
        "2025-06-01T09:01:00+00:00",
    );
    assert_eq!(easy["due_at"], "2025-06-09T04:00:00Z");
    assert_eq!(easy["interval_days"], 8.0);
    cli_review(data, "kafka-vs-rabbitmq", "again", "2025-06-01T09:02:00Z");

    let next = json(&archdrill_with_data(
        data,
        &["due", "--json", "--at", "2025-06-02T09:00:00+02:00"],
    ));
    assert_eq!(
        next["at"], "2025-06-02T07:00:00Z",
        "offsets are converted to UTC"
    );
    assert_eq!(next["new_left_today"], 20, "a new study day");
    let due = next["due"].as_array().expect("array");
    let find = |id: &str| due.iter().find(|e| e["id"] == id);
    assert_eq!(
        find("saga-vs-2pc").map(|e| e["due_at"].clone()),
        Some("2025-06-01T09:10:00Z".into())
    );
    assert_eq!(
        find("kafka-vs-rabbitmq").map(|e| e["type"].clone()),
        Some("card".into())
    );
    assert!(
        find("prompt-ordering-system").is_none(),
        "Easy is a week away"
    );
    assert_eq!(due.len(), 22, "two learning cards and twenty new items");
    let new_prompts = due.iter().filter(|e| e["type"] == "prompt").count();
    assert_eq!(new_prompts, 1, "one new round a day");
}

#[test]
fn cli_stats_json_after_some_reviews() {
    let dir = tempdir();
    let data = dir.path();
    cli_review(data, "saga-vs-2pc", "good", "2025-06-01T09:00:00Z");
    cli_review(data, "saga-vs-2pc", "good", "2025-06-01T09:10:00Z");
    cli_review(data, "kafka-vs-rabbitmq", "hard", "2025-06-02T09:00:00Z");
    let stats = json(&archdrill_with_data(
        data,
        &["stats", "--json", "--at", "2025-06-02T10:00:00Z"],
    ));
    assert_eq!(stats["streak"], 2);
    assert_eq!(stats["total_reviews"], 3);
    let days = stats["reviews_per_day"].as_array().expect("array");
    assert_eq!(days.len(), 2);
    assert_eq!(days[0]["day"], "2025-06-01");
    assert_eq!(days[0]["reviews"], 2);
    assert_eq!(days[1]["reviews"], 1);
    assert_eq!(
        stats["due"]["today"], 1,
        "the hard card's step is due today"
    );
    assert!(stats["due"]["tomorrow"].as_u64().is_some());
    assert!(stats["due"]["next_7_days"].as_u64().is_some());
    assert!(
        stats["weakest_sections"]
            .as_array()
            .is_some_and(|s| !s.is_empty())
    );
    assert!(stats["finding_codes"].as_array().is_some_and(Vec::is_empty));
    let text = archdrill_with_data(data, &["stats", "--at", "2025-06-02T10:00:00Z"]);
    assert_eq!(text.status.code(), Some(0));
    assert!(stdout(&text).contains("streak 2 days"), "{}", stdout(&text));
}

#[test]
fn cli_refuses_unknown_ids_bad_ratings_and_bad_times() {
    let dir = tempdir();
    let data = dir.path();
    let unknown = archdrill_with_data(data, &["review", "no-such-card", "--rating", "good"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("`no-such-card` is not a card or prompt id"),
        "{}",
        stderr(&unknown)
    );
    let bad_rating = archdrill_with_data(data, &["review", "saga-vs-2pc", "--rating", "meh"]);
    assert_eq!(bad_rating.status.code(), Some(2));
    assert!(
        stderr(&bad_rating).contains("again"),
        "{}",
        stderr(&bad_rating)
    );
    for time in ["tomorrow", "2025-06-01", "2025-13-01T00:00:00Z"] {
        let bad_time = archdrill_with_data(data, &["due", "--at", time]);
        assert_eq!(bad_time.status.code(), Some(2), "{time}");
        assert!(
            stderr(&bad_time).contains("RFC 3339"),
            "{}",
            stderr(&bad_time)
        );
    }
    assert!(
        !data.join("progress.ron").exists(),
        "nothing written on failure"
    );
}

#[test]
fn cli_due_reports_a_damaged_file_and_moves_it_aside() {
    let dir = tempdir();
    let data = dir.path();
    std::fs::write(
        data.join("progress.ron"),
        "(version: 1, items: {\"x\": (state: sleepy)})",
    )
    .expect("write");
    let out = archdrill_with_data(data, &["due", "--json", "--at", "2025-06-01T09:00:00Z"]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(message.contains("progress.ron:1:"), "{message}");
    assert!(
        message.contains("progress.corrupt-20250601T090000Z.ron"),
        "{message}"
    );
    assert!(data.join("progress.corrupt-20250601T090000Z.ron").exists());
    let again = archdrill_with_data(data, &["due", "--json", "--at", "2025-06-01T09:00:00Z"]);
    assert_eq!(
        again.status.code(),
        Some(0),
        "then it starts afresh: {}",
        stderr(&again)
    );
}

// ---------------------------------------------------------------- property

fn rating() -> impl Strategy<Value = Rating> {
    prop::sample::select(Rating::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// For any history: every review falls due after it happened, and the
    /// four buttons' waits never shrink from Again to Easy.
    #[test]
    fn due_dates_move_forward_and_buttons_are_ordered(
        steps in prop::collection::vec((rating(), 0_i64..40 * 86_400), 1..30),
    ) {
        let s = scheduler();
        let mut record = ItemRecord::default();
        let mut now = t0();
        for (rating, wait) in steps {
            let preview = s.preview(&record, now);
            for pair in preview.windows(2) {
                prop_assert!(
                    pair[0].interval.as_days() <= pair[1].interval.as_days(),
                    "{:?} {:?} then {:?} {:?}", pair[0].rating, pair[0].interval, pair[1].rating, pair[1].interval
                );
            }
            let next = s.review(&record, rating, now);
            prop_assert!(next.due > now, "due {} not after {}", next.due, now);
            prop_assert_eq!(next.record.last_review, Some(now));
            prop_assert!(next.record.memory.is_some_and(|m| m.stability.is_finite() && m.stability > 0.0));
            record = next.record;
            now = now.plus_secs(wait);
        }
    }
}

#[test]
fn progress_on_a_retired_card_still_loads_and_is_kept() {
    // `index-drawbacks` was merged into `how-database-indexes-work`; a user's
    // progress file may still hold its record and reviews.
    let catalog = catalog();
    assert!(
        catalog.get("index-drawbacks").is_none(),
        "the id is retired"
    );
    assert!(catalog.get("how-database-indexes-work").is_some());
    let mut progress = Progress::default();
    progress
        .review(&catalog, "sql-vs-nosql", Rating::Good, t0(), Some(70))
        .expect("known id");
    let mut retired = progress.reviews[0].clone();
    retired.item = "index-drawbacks".to_owned();
    progress.reviews.push(retired);
    let record = progress.record("sql-vs-nosql");
    progress.items.insert("index-drawbacks".to_owned(), record);

    let dir = tempdir();
    let data = DataDir::new(dir.path().to_path_buf());
    progress.save(&data).expect("saved");
    let later = at("2025-06-03T12:00:00Z");
    let loaded = drill::progress::load(&data, later).expect("a retired id still loads");
    assert_eq!(loaded, progress, "nothing is dropped");
    let queue = drill::queue::due(&catalog, &loaded, later);
    assert!(queue.due.iter().all(|e| e.id != "index-drawbacks"));
    let stats = drill::stats::stats(&catalog, &loaded, later);
    assert_eq!(stats.total_reviews, 2, "both reviews still count");
    let mut again = loaded;
    assert!(
        again
            .review(&catalog, "index-drawbacks", Rating::Good, later, None)
            .is_err(),
        "but it cannot be reviewed again"
    );
}
