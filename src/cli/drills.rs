//! `archdrill due`, `archdrill review` and `archdrill stats`: the drill
//! core over the progress file in the data dir. The time comes from
//! `--at` or the clock, read once by the caller.

use std::io::Write;

use super::{EXIT_BAD_INPUT, EXIT_OK};
use crate::drill::{self, Catalog, Progress, Rating, Timestamp};
use crate::store::DataDir;

/// The data dir, the catalog and the progress, or the exit code after
/// saying why not.
fn open(at: Timestamp, err: &mut dyn Write) -> Result<(DataDir, Catalog, Progress), u8> {
    let Some(root) = crate::store::locate_data_dir() else {
        let _ = writeln!(
            err,
            "archdrill: no data dir to keep progress in (no home directory); set {}",
            crate::store::DATA_DIR_ENV
        );
        return Err(EXIT_BAD_INPUT);
    };
    let data = DataDir::new(root);
    let catalog = Catalog::shipped().map_err(|e| {
        let _ = writeln!(err, "{e}");
        EXIT_BAD_INPUT
    })?;
    let progress = drill::progress::load(&data, at).map_err(|e| {
        let _ = writeln!(err, "{e}");
        EXIT_BAD_INPUT
    })?;
    Ok((data, catalog, progress))
}

pub(super) fn due(json: bool, at: Timestamp, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let (_, catalog, progress) = match open(at, err) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let queue = drill::queue::due(&catalog, &progress, at);
    if json {
        let due: Vec<serde_json::Value> = queue
            .due
            .iter()
            .map(|e| {
                serde_json::json!({
                    "id": e.id,
                    "type": e.kind.id(),
                    "due_at": e.due_at.to_string(),
                })
            })
            .collect();
        let value = serde_json::json!({
            "at": at.to_string(),
            "due": due,
            "new_left_today": queue.new_left_today,
        });
        let _ = writeln!(out, "{value}");
        return EXIT_OK;
    }
    let new = queue.new_count();
    let _ = writeln!(
        out,
        "Due at {at}: {} items ({} to review, {new} new; {} new left today)",
        queue.due.len(),
        queue.due.len() - new,
        queue.new_left_today
    );
    let width = queue.due.iter().map(|e| e.id.len()).max().unwrap_or(0);
    for e in &queue.due {
        let when = if e.state == drill::State::New {
            "new".to_owned()
        } else {
            format!("{}, due {}", e.state.id(), e.due_at)
        };
        let leech = if e.leech { "  [leech]" } else { "" };
        let _ = writeln!(
            out,
            "  {:<6}  {:<width$}  {}  ({when}){leech}",
            e.kind.id(),
            e.id,
            e.section
        );
    }
    if let Some(next) = queue.later_today.first() {
        let _ = writeln!(
            out,
            "Later today: {} in a learning step, the next at {}",
            queue.later_today.len(),
            next.due_at
        );
    } else if queue.due.is_empty() {
        match queue.next_due {
            Some(next) => {
                let _ = writeln!(out, "Nothing more is due; the next item is due at {next}.");
            }
            None => {
                let _ = writeln!(out, "Nothing is scheduled.");
            }
        }
    }
    EXIT_OK
}

pub(super) fn review(
    id: &str,
    rating: Rating,
    at: Timestamp,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let (data, catalog, mut progress) = match open(at, err) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let scheduled = match progress.review(&catalog, id, rating, at, None) {
        Ok(scheduled) => scheduled,
        Err(e) => {
            let _ = writeln!(err, "archdrill: {e}");
            return EXIT_BAD_INPUT;
        }
    };
    if let Err(e) = progress.save(&data) {
        let _ = writeln!(err, "archdrill: the review was not recorded: {e}");
        return EXIT_BAD_INPUT;
    }
    if json {
        let value = serde_json::json!({
            "id": id,
            "rating": rating.id(),
            "due_at": scheduled.due.to_string(),
            "interval_days": scheduled.interval.as_days(),
        });
        let _ = writeln!(out, "{value}");
    } else {
        let _ = writeln!(
            out,
            "{id}: {rating}, {}; due again {} (in {})",
            scheduled.record.state.id(),
            scheduled.due,
            scheduled.interval.short()
        );
    }
    if scheduled.became_leech {
        let _ = writeln!(
            err,
            "archdrill: {id} has been forgotten {} times: it is now a leech; rewrite it in your own words or study it differently",
            scheduled.record.lapses
        );
    }
    EXIT_OK
}

pub(super) fn stats(json: bool, at: Timestamp, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let (_, catalog, progress) = match open(at, err) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let stats = drill::stats::stats(&catalog, &progress, at);
    if json {
        match serde_json::to_string(&stats) {
            Ok(text) => {
                let _ = writeln!(out, "{text}");
            }
            Err(e) => {
                let _ = writeln!(err, "archdrill: cannot write the stats: {e}");
                return EXIT_BAD_INPUT;
            }
        }
        return EXIT_OK;
    }
    write_stats(&stats, out);
    EXIT_OK
}

fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

fn write_stats(stats: &drill::Stats, out: &mut dyn Write) {
    let _ = writeln!(out, "Progress as of {}", stats.at);
    let days = if stats.streak == 1 { "day" } else { "days" };
    let _ = writeln!(
        out,
        "Reviews: {} in all; streak {} {days}",
        stats.total_reviews, stats.streak
    );
    for day in stats.reviews_per_day.iter().rev().take(14).rev() {
        let again = if day.again > 0 {
            format!(" ({} again)", day.again)
        } else {
            String::new()
        };
        let _ = writeln!(out, "  {}  {:>3}{again}", day.day, day.reviews);
    }
    let due = stats.due;
    let _ = writeln!(
        out,
        "Due: {} today (+{} new), {} tomorrow, {} in the next 7 days",
        due.today, due.new_today, due.tomorrow, due.next_7_days
    );
    match stats.retention {
        Some(share) => {
            let _ = writeln!(out, "Retention of graduated items: {}", percent(share));
        }
        None => {
            let _ = writeln!(out, "Retention: no reviews of graduated items yet");
        }
    }
    if stats.weak_sections().next().is_some() {
        let _ = writeln!(out, "Weakest sections:");
        for s in stats.weak_sections().take(5) {
            let retention = s.retention.map_or_else(
                || "no retention yet".to_owned(),
                |r| format!("retention {}", percent(r)),
            );
            let _ = writeln!(
                out,
                "  {}: {retention}, {} lapses, {} of {} reviews again",
                s.section, s.lapses, s.again, s.reviews
            );
        }
    }
    if stats.costly_findings().next().is_some() {
        let _ = writeln!(out, "What your rounds keep missing:");
        for f in stats.costly_findings().take(5) {
            let _ = writeln!(out, "  {}", f.sentence());
        }
    }
    if let Some(last) = stats.round_scores.last() {
        let _ = writeln!(
            out,
            "Rounds: {}; last {} scored {}/100",
            stats.round_scores.len(),
            last.prompt,
            last.score
        );
    }
    if !stats.leeches.is_empty() {
        let _ = writeln!(out, "Leeches: {}", stats.leeches.join(", "));
    }
}
