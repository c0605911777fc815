//! The findings panel: the score, then findings grouped by severity. Returns
//! what the user asked for; the app applies it.

use egui::{Color32, RichText, Ui};

use crate::check::{Report, Severity};

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
    if ui
        .button("Show walkthrough")
        .on_hover_text("Open the reference and step through its narration")
        .clicked()
    {
        action = Some(FindingsAction::ShowReference);
    }
    ui.separator();
    if report.findings.is_empty() {
        ui.label("No findings: every part of the reference is there and wired as it should be.");
        return action;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
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
                    let frame = egui::Frame::new()
                        .inner_margin(6.0)
                        .corner_radius(4.0)
                        .fill(if is_selected {
                            ui.visuals().selection.bg_fill.gamma_multiply(0.5)
                        } else {
                            ui.visuals().faint_bg_color
                        });
                    let response = frame
                        .show(ui, |ui| {
                            ui.set_width(ui.available_width());
                            ui.label(
                                RichText::new(finding.code)
                                    .monospace()
                                    .color(severity_color(severity)),
                            );
                            ui.label(&finding.message);
                        })
                        .response
                        .interact(egui::Sense::click());
                    let response = response.on_hover_text("Click to highlight its nodes");
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
        });
    action
}
