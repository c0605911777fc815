//! The walkthrough player's controls and narration, shown under the canvas:
//! previous / play-pause / next, the step's title and text, the running
//! latency of a request-path replay, and the autoplay pace.

use egui::{RichText, Ui};

use crate::model::Diagram;
use crate::walkthrough::{PACE_RANGE_SECS, Player, frame};

/// Shows the bar; returns true when the user closes the walkthrough.
pub fn walkthrough_bar_ui(ui: &mut Ui, diagram: &Diagram, player: &mut Player) -> bool {
    let total = diagram.walkthrough.len();
    let Some(current) = frame(diagram, player.index) else {
        return true;
    };
    let mut close = false;
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(player.index > 0, egui::Button::new("◀ Previous"))
            .on_hover_text("Previous step (←)")
            .clicked()
        {
            player.prev();
        }
        let play_label = if player.playing { "Pause" } else { "▶ Play" };
        if ui
            .button(play_label)
            .on_hover_text("Autoplay (Space)")
            .clicked()
        {
            player.toggle_play(total);
        }
        if ui
            .add_enabled(player.index + 1 < total, egui::Button::new("Next ▶"))
            .on_hover_text("Next step (→)")
            .clicked()
        {
            player.next(total);
        }
        ui.separator();
        ui.label(
            RichText::new(format!("Step {} of {}", current.index + 1, current.total)).strong(),
        );
        ui.add(
            egui::ProgressBar::new(player.progress())
                .desired_width(60.0)
                .desired_height(6.0),
        )
        .on_hover_text("Time left on this step while playing");
        ui.add(
            egui::Slider::new(&mut player.pace_secs, PACE_RANGE_SECS)
                .suffix(" s/step")
                .text("pace"),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Close walkthrough").clicked() {
                close = true;
            }
        });
    });
    ui.add_space(2.0);
    ui.horizontal(|ui| {
        ui.heading(&current.step.title);
        if let (Some(hop), Some(elapsed), Some(total_ms)) = (
            current.step.latency_ms,
            current.elapsed_ms,
            current.total_ms,
        ) {
            ui.label(
                RichText::new(format!("+{hop} ms  ·  t = {elapsed} ms of {total_ms} ms"))
                    .monospace()
                    .color(ui.visuals().warn_fg_color),
            );
        }
    });
    ui.label(RichText::new(&current.step.text).size(15.0));
    ui.add_space(6.0);
    close
}

/// Arrow keys step, Space plays or pauses, unless a text field has focus.
pub fn walkthrough_keys(ui: &Ui, player: &mut Player, total: usize) {
    if ui.ctx().text_edit_focused() {
        return;
    }
    let (left, right, space) = ui.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowLeft),
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowRight),
            i.consume_key(egui::Modifiers::NONE, egui::Key::Space),
        )
    });
    if left {
        player.prev();
    }
    if right {
        player.next(total);
    }
    if space {
        player.toggle_play(total);
    }
    if left || right || space {
        // Read after the bar was drawn: show the new step next frame.
        ui.ctx().request_repaint();
    }
}
