//! The Practice mode, driven by AccessKit labels with a temp data dir and a
//! fixed clock: a rehearsal (reveal with Space, tick a point, rate with a
//! key) is saved at once and changes what is due — in the app, in the
//! reloaded progress file and for the CLI — and the next day the card is
//! due again; a damaged progress file is reported in the error banner.
#![expect(clippy::expect_used, reason = "test helpers fail loudly")]

mod common;

use archdrill::app::{ArchdrillApp, Clock, Mode};
use archdrill::drill::{self, Catalog, ItemKind, Rating, Timestamp};
use archdrill::store::DataDir;
use common::{archdrill_with_data, harness, stdout};
use egui::Key;
use egui_kittest::kittest::Queryable;

fn monday() -> Timestamp {
    Timestamp::parse("2025-06-02T09:00:00Z").expect("time")
}

fn app_at(dir: &std::path::Path, at: Timestamp) -> ArchdrillApp {
    ArchdrillApp::new(None)
        .with_clock(Clock::Fixed(at))
        .with_data_dir(Some(dir.to_owned()))
}

#[test]
fn a_rehearsal_is_saved_and_changes_what_is_due() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app_at(dir.path(), monday()));
    h.get_by_label("Practice").click();
    h.run();
    assert_eq!(h.state().mode(), Mode::Practice);
    let before = h.state().due_queue();
    let first = before
        .due
        .iter()
        .find(|e| e.kind == ItemKind::Card)
        .expect("a new card is due")
        .clone();
    assert!(
        h.query_by_label_contains("new left today").is_some(),
        "the counts are shown"
    );

    h.get_by_label("Rehearse due cards").click();
    h.run();
    let card = archdrill::content::cards::all()
        .expect("cards")
        .into_iter()
        .find(|c| c.id == first.id)
        .expect("the card");
    assert_eq!(
        h.state().rehearsal().map(|r| r.card_id.clone()),
        Some(first.id.clone())
    );
    assert!(h.query_by_label(&card.question).is_some(), "question shown");
    assert!(
        h.query_by_label(&card.key_points[0]).is_none(),
        "key points hidden before the reveal"
    );

    h.key_press(Key::Space);
    h.run();
    assert!(
        h.state()
            .rehearsal()
            .is_some_and(archdrill::ui::rehearsal::Rehearsal::revealed)
    );
    if card.make_it_yours.is_some() {
        assert!(
            h.query_by_label("✎ Make it yours").is_some(),
            "a story card shows its Make it yours note once revealed"
        );
    }
    h.get_by_label(&card.key_points[0]).click();
    h.run();
    assert_eq!(
        h.state().rehearsal().map(|r| r.ticked[0]),
        Some(true),
        "the point is ticked"
    );
    assert!(
        h.query_by_label_contains("Good · ").is_some(),
        "the buttons show their intervals"
    );
    h.key_press(Key::Num3);
    h.run();
    assert_eq!(
        h.state().rehearsal().and_then(|r| r.rated.clone()),
        Some((Rating::Good, "10 m".to_owned()))
    );
    assert!(
        !h.state().due_queue().due.iter().any(|e| e.id == first.id),
        "rated Good: in its 10 m learning step, not due now"
    );

    // Saved at once: the reloaded file says the same, and so does the CLI.
    let data = DataDir::new(dir.path().to_owned());
    let reloaded = drill::progress::load(&data, monday()).expect("progress saved");
    assert_eq!(reloaded.reviews.len(), 1);
    assert_eq!(reloaded.reviews[0].item, first.id);
    assert_eq!(reloaded.reviews[0].rating, Rating::Good);
    let catalog = Catalog::shipped().expect("catalog");
    let queue = drill::queue::due(&catalog, &reloaded, monday());
    assert!(!queue.due.iter().any(|e| e.id == first.id));
    assert!(queue.later_today.iter().any(|e| e.id == first.id));
    let out = archdrill_with_data(
        dir.path(),
        &["due", "--json", "--at", "2025-06-02T09:00:00Z"],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let ids: Vec<&str> = json["due"]
        .as_array()
        .expect("due list")
        .iter()
        .filter_map(|e| e["id"].as_str())
        .collect();
    assert!(!ids.contains(&first.id.as_str()), "{ids:?}");

    // → goes on to the next due card.
    h.key_press(Key::ArrowRight);
    h.run();
    let next = h.state().rehearsal().map(|r| r.card_id.clone());
    assert!(next.is_some_and(|id| id != first.id));

    // A day later, after closing the app: the card is due again.
    drop(h);
    let tuesday = monday().plus_secs(24 * 3600);
    let mut h = harness(app_at(dir.path(), tuesday));
    h.get_by_label("Practice").click();
    h.run();
    let due = h.state().due_queue();
    assert!(due.due.iter().any(|e| e.id == first.id), "due the next day");
    assert_eq!(h.state().progress().reviews.len(), 1, "history kept");
}

#[test]
fn the_rehearsal_timer_survives_switching_views() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app_at(dir.path(), monday()));
    h.get_by_label("Practice").click();
    h.run();
    h.get_by_label("Rehearse due cards").click();
    h.run();
    let started = h.state().rehearsal().expect("rehearsing").started_at;
    h.get_by_label("Diagrams").click();
    h.run();
    h.run();
    h.get_by_label("Practice").click();
    h.run();
    let r = h.state().rehearsal().expect("still rehearsing");
    assert!((r.started_at - started).abs() < f64::EPSILON, "not reset");
    assert!(!r.revealed());
}

#[test]
fn a_damaged_progress_file_is_reported_not_reset() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("progress.ron"), "(version: 1, items: {").expect("write");
    let mut h = harness(app_at(dir.path(), monday()));
    h.get_by_label("Practice").click();
    h.run();
    assert!(
        h.query_by_label_contains("progress file is damaged")
            .is_some(),
        "reported in the banner"
    );
    let kept_aside = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("progress.corrupt-")
        });
    assert!(kept_aside, "the damaged file is kept aside");
}

#[test]
fn a_whiteboard_round_is_graded_recorded_and_reopened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app_at(dir.path(), monday()));
    h.get_by_label("Practice").click();
    h.run();
    let catalog = Catalog::shipped().expect("catalog");
    let prompt = catalog.prompts()[0].clone();
    h.get_by_label("Whiteboard prompts").click();
    h.run();
    h.query_all_by_label(&prompt.title)
        .next()
        .expect("the prompt is listed")
        .click();
    h.run();
    assert!(
        h.query_all_by_label_contains("each, at most")
            .next()
            .is_none(),
        "the rubric is closed until asked for: it names the parts to draw"
    );
    h.get_by_label("What the check looks for").click();
    h.run();
    assert!(
        h.query_all_by_label_contains("each, at most").count() > 1,
        "the rubric is shown with points"
    );
    // A price whose cap is one finding reads as one number, not "−15 each
    // (up to −15)".
    assert!(
        h.query_by_label(
            "\u{2212}15 · a message bus between services that need not wait for each other"
        )
        .is_some()
    );
    assert_eq!(h.query_all_by_label_contains("(up to").count(), 0);
    assert!(
        h.query_all_by_label_contains(&prompt.reference)
            .next()
            .is_some()
    );

    h.get_by_label("Start round").click();
    h.run();
    assert_eq!(h.state().mode(), Mode::Diagrams);
    assert!(
        h.state().current().is_some_and(|d| d.nodes.is_empty()),
        "blank"
    );
    assert!(
        h.query_by_label_contains("Requirements (").is_some(),
        "phase"
    );
    assert!(
        h.query_all_by_label_contains(" left").next().is_some(),
        "countdown"
    );

    h.state_mut()
        .add_node(archdrill::model::NodeKind::Service, "Orders service");
    h.state_mut()
        .add_node(archdrill::model::NodeKind::Database, "Orders DB");
    h.run();
    let drawing = h.state().current().expect("drawing").clone();
    assert_eq!(drawing.nodes.len(), 2);
    h.get_by_label("Submit round").click();
    h.run();

    let expected = drill::round::grade(&prompt, &drawing, false).expect("grade");
    let attempt = h
        .state()
        .round()
        .and_then(|r| r.finished.clone())
        .expect("recorded");
    assert_eq!(attempt.score, expected.score, "the checker's score");
    assert_eq!(h.state().progress().rounds.len(), 1);
    let report = h.state().report().expect("findings open");
    assert!(!report.findings.is_empty());
    assert!(!report.ghosts.is_empty(), "ghosts on the drawing");
    assert_eq!(h.state().current_against(), prompt.reference);
    assert!(
        h.query_by_label_contains(&format!("Score {} · ", attempt.score))
            .is_some()
    );

    let data = DataDir::new(dir.path().to_owned());
    let reloaded = drill::progress::load(&data, monday()).expect("saved");
    assert_eq!(reloaded.rounds.len(), 1);
    assert_eq!(reloaded.rounds[0].score, expected.score);
    assert!(
        reloaded.items.contains_key(&prompt.id),
        "the prompt is scheduled"
    );
    let queue = drill::queue::due(&catalog, &reloaded, monday());
    assert!(!queue.due.iter().any(|e| e.id == prompt.id));

    h.get_by_label("Walk through the reference").click();
    h.run();
    assert_eq!(h.state().walkthrough_step(), Some(0));

    h.get_by_label("Practice").click();
    h.run();
    assert!(h.query_by_label("Past rounds").is_some());
    // The past rounds follow the list of every prompt, below the fold.
    h.get_by_label("Reopen").scroll_to_me();
    h.run();
    h.get_by_label("Reopen").click();
    h.run();
    assert_eq!(h.state().mode(), Mode::Diagrams);
    assert_eq!(h.state().current().map(|d| d.nodes.len()), Some(2));
    assert!(h.state().report().is_some(), "reopened with its findings");
}

#[test]
fn the_stats_view_shows_the_day_and_the_codes_you_keep_getting() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app_at(dir.path(), monday()));
    let catalog = Catalog::shipped().expect("catalog");
    let prompt = catalog.prompts()[0].clone();
    h.state_mut().set_up_round(&prompt.id);
    h.state_mut().start_round(0.0);
    h.state_mut()
        .add_node(archdrill::model::NodeKind::Service, "Orders service");
    h.state_mut().submit_round(30.0);
    h.run();
    let attempt = h.state().progress().rounds[0].clone();
    let costing = attempt
        .findings
        .iter()
        .find(|f| f.points.is_some_and(|p| p > 0))
        .expect("a finding that cost points")
        .code
        .clone();
    let title = archdrill::check::rubric::title(&costing)
        .expect("a checker code has a title")
        .to_owned();
    // A minute later (the round finished 30 s after the fixed start).
    h.state_mut().set_now(monday().plus_secs(60));

    h.get_by_label("Practice").click();
    h.run();
    h.get_by_label("Stats").click();
    h.run();
    assert!(h.query_by_label("Reviews: 1").is_some());
    assert!(h.query_by_label("Streak: 1 day").is_some());
    assert!(
        h.query_by_label(&format!("{title}: in your last round"))
            .is_some(),
        "the recurring findings, in words"
    );
    // No raw code, no free note, no dash for a figure not measured yet.
    assert_eq!(
        h.query_all_by_label_contains(&format!("{costing} "))
            .count(),
        0
    );
    assert_eq!(h.query_all_by_label_contains("missing-part").count(), 0);
    assert_eq!(
        h.query_all_by_label_contains("\u{2014} recalled").count(),
        0
    );
    assert!(
        h.query_by_label("Retention: no reviews of graduated cards yet")
            .is_some()
    );
    h.get_by_label("← Due today").click();
    h.run();
    assert!(h.query_by_label("Due today").is_some());
}

#[test]
fn the_findings_panel_gives_the_round_score_with_the_twist() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app_at(dir.path(), monday()));
    let catalog = Catalog::shipped().expect("catalog");
    let prompt = catalog
        .prompts()
        .iter()
        .find(|p| p.twist.is_some())
        .expect("a prompt with a twist")
        .clone();
    h.state_mut().set_up_round(&prompt.id);
    h.state_mut().start_round(0.0);
    h.state_mut()
        .add_node(archdrill::model::NodeKind::Service, "Orders service");
    // Nine minutes in: the twist (announced at the deep dive) is graded.
    h.state_mut().submit_round(540.0);
    h.run();
    let attempt = h.state().progress().rounds[0].clone();
    assert!(attempt.twist);
    let drawing = h.state().current().expect("drawing").clone();
    let plain = drill::round::grade(&prompt, &drawing, false).expect("grade");
    let twisted = drill::round::grade(&prompt, &drawing, true).expect("grade");
    assert!(!twisted.twist_findings.is_empty());
    assert!(twisted.score < plain.score, "the twist costs points");
    assert_eq!(attempt.score, twisted.score);

    let report = h.state().report().expect("findings open").clone();
    assert_eq!(report.score, attempt.score, "panel and round agree");
    let twist_rows = |r: &archdrill::check::Report| {
        r.findings
            .iter()
            .filter(|f| f.code.starts_with(drill::prompts::TWIST_PREFIX))
            .count()
    };
    assert_eq!(twist_rows(&report), twisted.twist_findings.len());
    let lost: u32 = report.findings.iter().map(|f| f.points).sum();
    assert_eq!(u32::from(report.score), 100u32.saturating_sub(lost));

    // Meeting one of the twist's needs after the round re-grades the panel.
    let need = &prompt.twist.as_ref().expect("twist").adds[0];
    h.state_mut().add_node(need.kinds[0], "Payment provider");
    h.run();
    let report = h.state().report().expect("findings").clone();
    assert_eq!(twist_rows(&report), twisted.twist_findings.len() - 1);
}

#[test]
fn a_mock_panel_is_a_round_then_cards_then_a_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app_at(dir.path(), monday()));
    h.get_by_label("Practice").click();
    h.run();
    h.get_by_label("Mock panel").click();
    h.run();
    let plan = h.state().mock().expect("a panel").plan.clone();
    assert_eq!(plan.cards.len(), drill::mock::DEFAULT_MOCK_CARDS);
    assert!(h.query_by_label("What the check looks for").is_some());
    h.get_by_label("Start round").click();
    h.run();
    h.state_mut()
        .add_node(archdrill::model::NodeKind::Service, "Orders service");
    h.get_by_label("Submit round").click();
    h.run();
    h.get_by_label("Mock panel: on to the cards →").click();
    h.run();
    assert_eq!(h.state().mode(), Mode::Practice);
    for (i, card) in plan.cards.iter().enumerate() {
        assert_eq!(
            h.state().rehearsal().map(|r| r.card_id.clone()).as_ref(),
            Some(card),
            "card {i} of the panel, not the next due one"
        );
        assert!(
            h.query_by_label(&format!(
                "Mock panel · part {} of {}",
                i + 2,
                plan.cards.len() + 1
            ))
            .is_some(),
            "the card says where the panel stands"
        );
        h.key_press(Key::Space);
        h.run();
        h.key_press(if i == 0 { Key::Num1 } else { Key::Num3 });
        h.run();
        h.key_press(Key::ArrowRight);
        h.run();
    }
    assert!(h.query_by_label("Mock panel summary").is_some());
    let summary = h.state().mock_summary().expect("summary");
    assert_eq!(summary.lines.len(), 1 + plan.cards.len());
    assert!(
        summary.lines[0].contains("points lost to: ") && !summary.lines[0].contains("missing-"),
        "what cost points, in words: {}",
        summary.lines[0]
    );
    assert!(summary.round_score.is_some());
    // One of four rated Again, three Good.
    assert_eq!(summary.cards_passed_percent, 75);
    assert!(h.query_by_label(&summary.lines[1]).is_some());

    // Every part was recorded: the prompt and each card reviewed.
    let data = DataDir::new(dir.path().to_owned());
    let reloaded = drill::progress::load(&data, monday()).expect("saved");
    assert_eq!(reloaded.rounds.len(), 1);
    assert_eq!(reloaded.reviews.len(), 1 + plan.cards.len());
    h.get_by_label("Done").click();
    h.run();
    assert!(h.state().mock().is_none());
    assert!(h.query_by_label("Due today").is_some());
}

/// A saved drawing (gateway → service → database) opened in the app.
fn own_drawing(
    dir: &std::path::Path,
) -> (
    egui_kittest::Harness<'static, ArchdrillApp>,
    std::path::PathBuf,
) {
    let (_, path) = common::three_box_file(dir, "My project", "mine.ron");
    let app = ArchdrillApp::new(Some(path.clone()))
        .with_clock(Clock::Fixed(monday()))
        .with_data_dir(Some(dir.join("data")));
    let mut h = harness(app);
    h.run();
    (h, path)
}

#[test]
fn your_project_is_narrated_saved_and_presented_with_the_closing_question() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, path) = own_drawing(dir.path());
    h.get_by_label("Narration").click();
    h.run();
    let rect = h.state().node_screen_rect("gateway-1").expect("on screen");
    common::click_at(&mut h, rect.center());
    h.get_by_label("+ Add step").click();
    h.run();
    let steps = h.state().current().expect("doc").walkthrough.clone();
    assert_eq!(steps.len(), 1);
    assert_eq!(
        steps[0].nodes,
        vec!["gateway-1".into()],
        "the selection highlighted"
    );

    h.get_by_label("Step 1").click();
    h.run();
    common::chord(&mut h, egui::Modifiers::COMMAND, Key::A);
    h.get_by_label("Step 1").type_text("The front door");
    h.run();
    assert_eq!(
        h.state().current().expect("doc").walkthrough[0].title,
        "Step 1",
        "lands when the field lets go, not per key"
    );
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("What you say at step 1").click();
    h.run();
    h.get_by_label("What you say at step 1")
        .type_text("Every request enters through the gateway.");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    let step = h.state().current().expect("doc").walkthrough[0].clone();
    assert_eq!(step.title, "The front door");
    assert_eq!(step.text, "Every request enters through the gateway.");
    assert_eq!(
        h.state().current().expect("doc").nodes.len(),
        3,
        "no key reached the canvas"
    );

    // Saved in the drawing's RON.
    common::chord(&mut h, egui::Modifiers::COMMAND, Key::S);
    h.run();
    let saved = archdrill::model::file::load(&path).expect("reload");
    assert_eq!(saved.walkthrough, vec![step]);

    // Presenting: the total timer, then the closing question and the
    // simulator's answer on this drawing.
    h.get_by_label("Rehearse presenting").click();
    h.run();
    assert!(h.query_by_label("Presenting your architecture").is_some());
    assert_eq!(h.state().walkthrough_step(), Some(0));
    assert!(
        h.query_by_label_contains("of 5:00").is_some(),
        "the total timer"
    );
    h.get_by_label("Closing question →").click();
    h.run();
    assert!(h.query_by_label("What breaks first?").is_some());
    h.get_by_label("Answered out loud — show what the simulator says")
        .click();
    h.run();
    let answer = archdrill::app::simulator_answer(&saved);
    assert!(!answer.is_empty());
    assert!(h.query_by_label(&format!("• {}", answer[0])).is_some());
    assert!(
        h.state()
            .presentation()
            .and_then(|p| p.finished_secs)
            .is_some()
    );
}

#[test]
fn a_round_checks_against_its_own_reference_and_leaves_the_choice_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app_at(dir.path(), monday()));
    h.run();
    assert_eq!(h.state().check_against(), "five-tier");
    let catalog = Catalog::shipped().expect("catalog");
    let prompt = catalog
        .prompts()
        .iter()
        .find(|p| p.reference != "five-tier")
        .expect("a prompt on another reference")
        .clone();
    h.state_mut().set_up_round(&prompt.id);
    h.state_mut().start_round(0.0);
    h.run();
    assert_eq!(h.state().current_against(), prompt.reference);
    // Ctrl+K during the round: the round's reference, not the toolbar's.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    h.run();
    assert_eq!(
        h.state().report().map(|r| r.reference.as_str()),
        Some(prompt.reference.as_str())
    );
    h.state_mut()
        .add_node(archdrill::model::NodeKind::Service, "Orders service");
    h.state_mut().submit_round(30.0);
    h.run();
    assert_eq!(
        h.state().report().map(|r| r.reference.as_str()),
        Some(prompt.reference.as_str())
    );
    // Another drawing still checks against what the user chose.
    h.get_by_label("New drawing").click();
    h.run();
    assert_eq!(h.state().current_against(), "five-tier");
    assert_eq!(h.state().check_against(), "five-tier", "the setting kept");
}

#[test]
fn space_reveals_rates_go_on_and_enter_goes_on_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app_at(dir.path(), monday()));
    h.get_by_label("Practice").click();
    h.run();
    h.get_by_label("Rehearse due cards").click();
    h.run();
    let card = |h: &egui_kittest::Harness<'static, ArchdrillApp>| {
        h.state().rehearsal().map(|r| r.card_id.clone())
    };
    let first = card(&h);
    // Space reveals, 3 rates Good, Space (the same key) goes on.
    for key in [Key::Space, Key::Num3, Key::Space] {
        h.key_press(key);
        h.run();
    }
    let second = card(&h);
    assert!(second.is_some() && second != first, "Space went on");
    assert!(
        h.state().rehearsal().is_some_and(|r| !r.revealed()),
        "the next card starts hidden: that Space did not also reveal it"
    );
    for key in [Key::Space, Key::Num3, Key::Enter] {
        h.key_press(key);
        h.run();
    }
    let third = card(&h);
    assert!(third.is_some() && third != second, "Enter went on");
    assert_eq!(h.state().progress().reviews.len(), 2);
    // Back at the queue, the cards in learning are said from now.
    h.get_by_label("← Due today").click();
    h.run();
    assert!(
        h.query_by_label("Later today: 2 in learning, the next in 10 min.")
            .is_some(),
        "times said as a person says them, not RFC 3339"
    );
}

#[test]
fn a_mock_panel_under_way_survives_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app_at(dir.path(), monday()));
    h.get_by_label("Practice").click();
    h.run();
    h.get_by_label("Mock panel").click();
    h.run();
    h.get_by_label("Start round").click();
    h.run();
    h.state_mut()
        .add_node(archdrill::model::NodeKind::Service, "Orders service");
    h.get_by_label("Submit round").click();
    h.run();
    h.get_by_label("Mock panel: on to the cards →").click();
    h.run();
    for key in [Key::Space, Key::Num3] {
        h.key_press(key);
        h.run();
    }
    let before = h.state().mock().expect("under way").clone();
    assert_eq!(before.results.len(), 1);
    drop(h);

    // The next run picks it up where it stood: part 3 of 5.
    let mut h = harness(app_at(dir.path(), monday().plus_secs(600)));
    h.get_by_label("Practice").click();
    h.run();
    assert_eq!(h.state().mock(), Some(&before));
    let total = before.plan.cards.len() + 1;
    assert!(
        h.query_by_label(&format!("Mock panel under way: part 3 of {total}"))
            .is_some()
    );
    h.get_by_label("Continue mock panel").click();
    h.run();
    assert_eq!(
        h.state().rehearsal().map(|r| r.card_id.clone()).as_ref(),
        before.plan.cards.get(1),
        "on to the panel's second card"
    );

    // Abandoned, it is gone for good.
    h.get_by_label("← Due today").click();
    h.run();
    h.get_by_label("Abandon mock panel").click();
    h.run();
    assert!(!dir.path().join("mock.ron").exists());
    drop(h);
    let h = harness(app_at(dir.path(), monday().plus_secs(900)));
    assert!(h.state().mock().is_none());
    drop(h);

    // A damaged file is reported with its position, and dropped.
    std::fs::write(dir.path().join("mock.ron"), "(plan: oops").expect("write");
    let mut h = harness(app_at(dir.path(), monday().plus_secs(960)));
    h.run();
    assert!(h.state().mock().is_none());
    assert!(
        h.query_by_label_contains("mock.ron:1:").is_some(),
        "named with line:column"
    );
    assert!(!dir.path().join("mock.ron").exists());
}

#[test]
fn a_rehearsed_card_opens_the_walkthrough_of_its_diagram() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app_at(dir.path(), monday()));
    h.get_by_label("Practice").click();
    h.run();
    let card = archdrill::content::cards::all()
        .expect("cards")
        .into_iter()
        .find(|c| c.diagram.is_some())
        .expect("a card with a diagram");
    let diagram = card.diagram.clone().expect("diagram");
    h.state_mut().rehearse(&card.id, 0.0);
    h.run();
    h.key_press(Key::Space);
    h.run();
    h.get_by_label(&format!("▶ Walk through the `{diagram}` diagram"))
        .click();
    h.run();
    assert_eq!(h.state().mode(), Mode::Diagrams);
    assert_eq!(h.state().walkthrough_step(), Some(0));
    let reference = archdrill::content::references::find(&diagram)
        .expect("a reference")
        .load()
        .expect("loads");
    assert_eq!(h.state().current(), Some(&reference));
}
