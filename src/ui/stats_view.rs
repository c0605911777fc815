//! The stats view: reviews per day (bars), round scores over time (line)
//! and retention per day (line), with the figures beside them — due today,
//! streak, weakest sections and the finding codes that keep coming back.
//! It draws a [`Stats`] built by the drill core; nothing is computed here.

use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Line, Plot, PlotPoints, Points};

use crate::drill::Stats;

/// Whether the user asked to leave the view.
#[must_use]
pub fn stats_ui(ui: &mut Ui, stats: &Stats) -> bool {
    let back = ui.button("← Due today").clicked();
    ui.heading("Stats");
    ui.horizontal(|ui| {
        ui.label(format!(
            "Due today: {} + {} new",
            stats.due.today, stats.due.new_today
        ));
        ui.separator();
        ui.label(format!("Tomorrow: {}", stats.due.tomorrow));
        ui.separator();
        ui.label(format!(
            "Streak: {} {}",
            stats.streak,
            if stats.streak == 1 { "day" } else { "days" }
        ));
        ui.separator();
        ui.label(format!("Reviews: {}", stats.total_reviews));
        ui.separator();
        ui.label(match stats.retention {
            Some(r) => format!("Retention: {:.0} %", r * 100.0),
            None if stats.total_reviews == 0 => "Retention: no reviews yet".to_owned(),
            None => "Retention: no reviews of graduated cards yet".to_owned(),
        });
    });
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.strong("Reviews per day");
        let bars: Vec<Bar> = stats
            .reviews_per_day
            .iter()
            .map(|d| {
                #[expect(clippy::cast_precision_loss, reason = "days ago, small")]
                let x = -(d.days_ago as f64);
                Bar::new(x, f64::from(d.reviews)).width(0.8).name(&d.day)
            })
            .collect();
        Plot::new("reviews-per-day")
            .height(140.0)
            .include_x(-13.5)
            .include_x(0.5)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .include_y(0.0)
            .show(ui, |plot| plot.bar_chart(BarChart::new("reviews", bars)));
        ui.strong("Round scores");
        let scores: Vec<[f64; 2]> = stats
            .round_scores
            .iter()
            .enumerate()
            .map(|(i, s)| {
                #[expect(clippy::cast_precision_loss, reason = "a round count")]
                let x = (i + 1) as f64;
                [x, f64::from(s.score)]
            })
            .collect();
        #[expect(clippy::cast_precision_loss, reason = "a round count")]
        let rounds = scores.len().max(5) as f64;
        percent_plot(
            ui,
            ("round-scores", "score"),
            scores,
            (0.5, rounds + 0.5),
            140.0,
            4.0,
        );
        ui.strong("Retention per day");
        let retention: Vec<[f64; 2]> = stats
            .retention_per_day
            .iter()
            .enumerate()
            .map(|(i, p)| {
                #[expect(clippy::cast_precision_loss, reason = "a day count")]
                let x = i as f64;
                [x, p.retention * 100.0]
            })
            .collect();
        #[expect(clippy::cast_precision_loss, reason = "a day count")]
        let days = retention.len().max(7) as f64;
        percent_plot(
            ui,
            ("retention", "retention %"),
            retention,
            (-0.5, days - 0.5),
            120.0,
            3.0,
        );
        lists_ui(ui, stats);
    });
    back
}

/// A fixed (not draggable) line with markers on a 0–100 scale over
/// the x range given; the pair names the plot (its id) and its series.
fn percent_plot(
    ui: &mut Ui,
    (id, name): (&str, &str),
    points: Vec<[f64; 2]>,
    (x_min, x_max): (f64, f64),
    height: f32,
    radius: f32,
) {
    Plot::new(id)
        .height(height)
        .include_x(x_min)
        .include_x(x_max)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(0.0)
        .include_y(100.0)
        .show(ui, |plot| {
            plot.line(Line::new(name, PlotPoints::new(points.clone())));
            plot.points(Points::new(name, PlotPoints::new(points)).radius(radius));
        });
}

/// Weakest sections (those rated Again), what recent rounds lost points
/// on (in words), leeches.
fn lists_ui(ui: &mut Ui, stats: &Stats) {
    ui.strong("Weakest sections");
    if stats.weakest_sections.is_empty() {
        ui.label(RichText::new("No reviews yet.").weak());
    } else if stats.weak_sections().next().is_none() {
        ui.label(RichText::new("Nothing rated Again yet: no weak section.").weak());
    }
    for s in stats.weak_sections() {
        let recalled = s.retention.map_or_else(
            || "no reviews of graduated cards yet".to_owned(),
            |r| format!("{:.0} % recalled", r * 100.0),
        );
        ui.label(format!(
            "{}: {} Again of {} {}, {} {}, {recalled}",
            s.section,
            s.again,
            s.reviews,
            if s.reviews == 1 { "review" } else { "reviews" },
            s.lapses,
            if s.lapses == 1 { "lapse" } else { "lapses" },
        ));
    }
    ui.strong("What you keep leaving out");
    if stats.finding_codes.is_empty() {
        ui.label(RichText::new("No rounds yet.").weak());
    } else if stats.costly_findings().next().is_none() {
        ui.label(RichText::new("Nothing cost points in your recent rounds.").weak());
    }
    for finding in stats.costly_findings() {
        ui.label(finding.sentence());
    }
    if !stats.leeches.is_empty() {
        ui.strong("Leeches");
        ui.label(stats.leeches.join(", "));
    }
}
