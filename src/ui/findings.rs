//! The findings panel: the score and how it was reached, the findings
//! grouped by severity with the points each costs, and the rubric. Returns
//! what the user asked for; the app applies it.

use egui::{Color32, RichText, Ui};

use crate::check::rubric::RUBRIC;
use crate::check::{Finding, Report, Severity};

/// What the user did in the panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindingsAction {
    /// Select (and highlight) the finding at this index.
    Select(usize),
    /// Clear the selection.
    Deselect,
    /// Switch to the reference diagram.
    ShowReference,
    /// Close the check.
    Close,
}

/// Colour of a severity.
#[must_use]
pub const fn severity_color(severity: Severity) -> Color32 {
    match severity {
        Severity::Error => Color32::from_rgb(0xe0, 0x3c, 0x31),
        Severity::Warning => Color32::from_rgb(0xe0, 0x9b, 0x12),
        Severity::Info => Color32::from_rgb(0x4a, 0x90, 0xd9),
    }
}

/// Shows the report; `selected` is the highlighted finding.
pub fn findings_ui(
    ui: &mut Ui,
    report: &Report,
    selected: Option<usize>,
) -> Option<FindingsAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        ui.heading(format!("Score {}/100", report.score));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("✕")
                .on_hover_text("Close the check")
                .clicked()
            {
                action = Some(FindingsAction::Close);
            }
        });
    });
    ui.label(format!("Against the reference `{}`", report.reference));
    let lost = report.points_lost();
    let costing = report.findings.iter().filter(|f| f.costs()).count();
    ui.label(if lost == 0 {
        "Nothing costs points.".to_owned()
    } else {
        format!(
            "100 \u{2212} {lost} points: {costing} finding{} below cost{} points.",
            if costing == 1 { "" } else { "s" },
            if costing == 1 { "s" } else { "" }
        )
    });
    ui.label(RichText::new("Checked again on every edit.").small().weak());
    if ui
        .button("Show walkthrough")
        .on_hover_text("Open the reference and step through its narration")
        .clicked()
    {
        action = Some(FindingsAction::ShowReference);
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if report.findings.is_empty() {
                ui.label(
                    "No findings: every part of the reference is there and wired as it should be.",
                );
            } else if lost == 0 {
                ui.label(
                    "Every required part is there and wired as the reference wires it; the notes are optional parts and advice.",
                );
            }
            for (severity, heading) in [
                (Severity::Error, "Errors"),
                (Severity::Warning, "Warnings"),
                (Severity::Info, "Notes"),
            ] {
                let count = report
                    .findings
                    .iter()
                    .filter(|f| f.severity == severity)
                    .count();
                if count == 0 {
                    continue;
                }
                ui.label(
                    RichText::new(format!("{heading} ({count})"))
                        .strong()
                        .color(severity_color(severity)),
                );
                for (i, finding) in report
                    .findings
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.severity == severity)
                {
                    let is_selected = selected == Some(i);
                    let response = finding_card_ui(ui, finding, is_selected);
                    let response = response
                        .on_hover_text("Click to single out its boxes, arrows and ghosts");
                    if response.clicked() {
                        action = Some(if is_selected {
                            FindingsAction::Deselect
                        } else {
                            FindingsAction::Select(i)
                        });
                    }
                    ui.add_space(4.0);
                }
            }
            ui.separator();
            rubric_ui(ui);
        });
    action
}

/// One finding as a clickable card: its code, the points it costs, its
/// message.
fn finding_card_ui(ui: &mut Ui, finding: &Finding, is_selected: bool) -> egui::Response {
    let color = severity_color(finding.severity);
    let frame = egui::Frame::new()
        .inner_margin(6.0)
        .corner_radius(4.0)
        .fill(if is_selected {
            ui.visuals().selection.bg_fill.gamma_multiply(0.5)
        } else {
            ui.visuals().faint_bg_color
        });
    frame
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(finding.code.as_ref())
                        .monospace()
                        .color(color),
                );
                if finding.points > 0 {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.label(
                            RichText::new(format!("\u{2212}{}", finding.points))
                                .strong()
                                .color(color),
                        )
                        .on_hover_text("Points this finding costs");
                    });
                }
            });
            ui.label(&finding.message);
        })
        .response
        .interact(egui::Sense::click())
}

/// What each finding costs: the rubric every score is computed from.
fn rubric_ui(ui: &mut Ui) {
    egui::CollapsingHeader::new("How the score is computed")
        .default_open(false)
        .show(ui, |ui| {
            ui.label(
                "The score is 100 minus the points of the findings. Repeats of one code share its cap. Notes cost nothing.",
            );
            egui::Grid::new("rubric")
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    for price in RUBRIC {
                        ui.label(RichText::new(price.code).monospace());
                        ui.label(
                            RichText::new(price.cost()).color(severity_color(price.severity)),
                        );
                        ui.label(price.looks_for);
                        ui.end_row();
                    }
                });
        });
}
