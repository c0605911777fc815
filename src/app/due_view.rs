//! The Practice mode's first screen: the "Due today" queue (cards and
//! whiteboard prompts mixed, with when each is due) and the rounds list.

use egui::{RichText, Ui};

use super::ArchdrillApp;
use super::practice::View;
use crate::drill::ItemKind;
use crate::drill::queue::Queue;

impl ArchdrillApp {
    pub(super) fn queue_ui(&mut self, ui: &mut Ui, now: f64) {
        let queue = self.due_queue();
        ui.heading("Due today");
        let cards = queue
            .due
            .iter()
            .filter(|e| e.kind == ItemKind::Card)
            .count();
        let prompts = queue.due.len() - cards;
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        ui.label(format!(
            "{} due: {}, {} · {} new left today",
            queue.due.len(),
            plural(cards, "card", "cards"),
            plural(prompts, "whiteboard prompt", "whiteboard prompts"),
            queue.new_left_today
        ));
        if let Some(first) = queue.later_today.first() {
            ui.label(format!(
                "Later today: {} in learning, the next {}.",
                queue.later_today.len(),
                first.due_at.said_from(self.now())
            ))
            .on_hover_text(first.due_at.to_string());
        }
        if let Some(next) = queue.next_due.filter(|_| queue.due.is_empty()) {
            ui.label(format!(
                "Nothing due now; come back {}.",
                next.said_from(self.now())
            ))
            .on_hover_text(next.to_string());
        }
        let mut open = None;
        let mut round = None;
        let mut reopen = None;
        ui.horizontal(|ui| self.mock_banner_ui(ui, now));
        ui.horizontal(|ui| {
            if ui.button("Stats").clicked() {
                self.practice.view = View::Stats;
            }
            if let Some(r) = self
                .practice
                .rehearsal
                .as_ref()
                .filter(|r| r.rated.is_none())
                && ui.button("Resume rehearsal").clicked()
            {
                open = Some(r.card_id.clone());
            }
            if cards > 0 && ui.button("Rehearse due cards").clicked() {
                open = queue
                    .due
                    .iter()
                    .find(|e| e.kind == ItemKind::Card)
                    .map(|e| e.id.clone());
            }
        });
        ui.separator();
        // Whiteboard prompts and past rounds at the right, the due list
        // (long questions wrapped) in the rest.
        egui::Panel::right("rounds")
            .resizable(true)
            .default_size(380.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("rounds")
                    .show(ui, |ui| self.rounds_list_ui(ui, &mut round, &mut reopen));
            });
        egui::ScrollArea::vertical()
            .id_salt("due list")
            .show(ui, |ui| {
                Self::due_list_ui(ui, &queue, &mut open, &mut round);
            });
        if let Some(id) = round {
            self.set_up_round(&id);
        }
        if let Some(id) = reopen {
            self.reopen_attempt(&id);
        }
        if let Some(id) = open {
            let resumed = self
                .practice
                .rehearsal
                .as_ref()
                .is_some_and(|r| r.card_id == id && r.rated.is_none());
            if resumed {
                self.practice.view = View::Rehearse;
            } else {
                self.rehearse(&id, now);
            }
        }
    }

    /// The due items, interleaved: a card opens its rehearsal, a prompt
    /// its round's setup.
    fn due_list_ui(
        ui: &mut Ui,
        queue: &Queue,
        open: &mut Option<String>,
        round: &mut Option<String>,
    ) {
        for entry in &queue.due {
            ui.horizontal_wrapped(|ui| {
                let tag = match entry.kind {
                    ItemKind::Card => "card",
                    ItemKind::Prompt => "round",
                };
                ui.label(RichText::new(format!("{tag} · {}", entry.state.id())).weak());
                match entry.kind {
                    ItemKind::Card => {
                        if ui.link(&entry.title).clicked() {
                            *open = Some(entry.id.clone());
                        }
                    }
                    ItemKind::Prompt => {
                        if ui.link(&entry.title).clicked() {
                            *round = Some(entry.id.clone());
                        }
                    }
                }
                ui.label(RichText::new(&entry.section).weak());
                if entry.leech {
                    ui.label(RichText::new("leech").color(ui.visuals().warn_fg_color));
                }
            });
        }
    }

    /// Every prompt (to start a round) and the past rounds (to reopen).
    fn rounds_list_ui(&self, ui: &mut Ui, round: &mut Option<String>, reopen: &mut Option<String>) {
        egui::CollapsingHeader::new("Whiteboard prompts")
            .default_open(true)
            .show(ui, |ui| {
                for prompt in self.practice.catalog.prompts() {
                    if ui.link(&prompt.title).clicked() {
                        *round = Some(prompt.id.clone());
                    }
                }
            });
        let rounds = &self.practice.progress.rounds;
        if !rounds.is_empty() {
            ui.strong("Past rounds");
        }
        for attempt in rounds.iter().rev() {
            let title = self
                .practice
                .catalog
                .prompt(&attempt.prompt)
                .map_or(attempt.prompt.as_str(), |p| p.title.as_str());
            ui.horizontal(|ui| {
                ui.label(format!(
                    "{} · {title} · score {} · {} of {} used",
                    attempt.started_at.said_from(self.now()),
                    attempt.score,
                    crate::ui::rehearsal::format_secs(f64::from(attempt.seconds_used)),
                    crate::ui::rehearsal::format_secs(f64::from(attempt.time_limit_secs)),
                ));
                if ui.button("Reopen").on_hover_text(&attempt.id).clicked() {
                    *reopen = Some(attempt.id.clone());
                }
            });
        }
    }
}
