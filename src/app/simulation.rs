//! The simulation panel: "what breaks first at 10×" and "what breaks while
//! X is down" on the drawing shown. A traffic slider (log scale, 1×–1000×),
//! the boxes taken down (right-click a box → Take down), the simulator's
//! sentences and a legend; the canvas tints every box by its utilisation,
//! calls out the first bottleneck with its metric and paints failed paths
//! red and degraded ones amber. It follows every edit; capacities are
//! edited in the properties panel and saved in the document.

use egui::{RichText, Ui};

use super::ArchdrillApp;
use crate::simulate::{Scenario, Simulation, simulate};
use crate::ui::sim_overlay::{LEGEND, SimDecor, heat_color};

/// The traffic slider's range.
pub const TRAFFIC_RANGE: std::ops::RangeInclusive<f64> = 1.0..=1000.0;

/// The panel's state on one drawing.
#[derive(Clone, Debug)]
pub struct SimView {
    /// Traffic multiplier.
    pub traffic: f64,
    /// Boxes taken down, by id.
    pub down: Vec<String>,
    /// The last result (or why the simulator refused).
    pub result: Result<Simulation, String>,
    /// What the canvas draws of it.
    pub decor: SimDecor,
    /// The box under the last right click (the menu's Take down).
    pub menu_target: Option<String>,
    /// Editor state, traffic and down boxes the result is for.
    computed: Option<(u64, f64, Vec<String>)>,
}

impl SimView {
    /// At 10× with nothing down, not yet computed.
    fn new() -> Self {
        Self {
            traffic: 10.0,
            down: Vec::new(),
            result: Err(String::new()),
            decor: SimDecor::default(),
            menu_target: None,
            computed: None,
        }
    }

    /// Simulates again when the drawing, the traffic or the down boxes
    /// changed since the last result.
    fn follow(&mut self, diagram: &crate::model::Diagram, state: u64) {
        // A box deleted from the drawing is no longer down.
        self.down.retain(|id| diagram.node(id).is_some());
        let key = (state, self.traffic, self.down.clone());
        if self.computed.as_ref() == Some(&key) {
            return;
        }
        let scenario = self
            .down
            .iter()
            .fold(Scenario::at(self.traffic), |s, id| s.with_down(id));
        self.result = simulate(diagram, &scenario).map_err(|e| e.to_string());
        self.decor = self
            .result
            .as_ref()
            .map(|sim| SimDecor::new(diagram, sim))
            .unwrap_or_default();
        self.computed = Some(key);
    }
}

impl ArchdrillApp {
    /// Opens or closes the simulation panel on the current drawing.
    pub fn toggle_simulation(&mut self) {
        if let Some(entry) = self.docs.current_mut() {
            entry.sim = match entry.sim.take() {
                Some(_) => None,
                None => Some(SimView::new()),
            };
            // A walkthrough step's dimming would hide the heat colours.
            if entry.sim.is_some() && entry.presenting.is_none() {
                entry.walkthrough = None;
            }
            // The panel takes width from the canvas: keep the drawing in view.
            entry.canvas.request_fit();
        }
    }

    /// Sets the traffic multiplier of the open simulation.
    pub fn set_traffic(&mut self, traffic: f64) {
        if let Some(sim) = self.docs.current_mut().and_then(|e| e.sim.as_mut()) {
            sim.traffic = traffic.clamp(*TRAFFIC_RANGE.start(), *TRAFFIC_RANGE.end());
        }
    }

    /// Takes box `id` down in the open simulation, or brings it back up.
    pub fn toggle_down(&mut self, id: &str) {
        if let Some(sim) = self.docs.current_mut().and_then(|e| e.sim.as_mut()) {
            if let Some(i) = sim.down.iter().position(|d| d == id) {
                sim.down.remove(i);
            } else {
                sim.down.push(id.to_owned());
            }
        }
    }

    /// The current drawing's simulation, brought up to date.
    #[must_use]
    pub fn simulation(&self) -> Option<&Result<Simulation, String>> {
        Some(&self.docs.current()?.sim.as_ref()?.result)
    }

    /// Brings the open simulation up to date with the drawing.
    pub(super) fn follow_simulation(&mut self) {
        if let Some(entry) = self.docs.current_mut()
            && let Some(sim) = entry.sim.as_mut()
        {
            sim.follow(entry.editor.doc(), entry.editor.state_id());
        }
    }

    /// "Take down" / "Bring back up" for the box under a right click.
    pub(super) fn down_menu_ui(&mut self, ui: &mut Ui) {
        let Some(entry) = self.docs.current() else {
            return;
        };
        let Some(sim) = entry.sim.as_ref() else {
            return;
        };
        let Some(id) = sim.menu_target.clone() else {
            return;
        };
        let label = if sim.down.contains(&id) {
            "Bring back up"
        } else {
            "Take down"
        };
        if entry.editable() {
            ui.separator();
        }
        if ui
            .button(label)
            .on_hover_text("What fails, what degrades while this box is down")
            .clicked()
        {
            self.toggle_down(&id);
            ui.close();
        }
    }

    /// The panel at the right of the canvas.
    pub(super) fn simulation_panel_ui(&mut self, ui: &mut Ui) {
        self.follow_simulation();
        let Some(entry) = self.docs.current_mut() else {
            return;
        };
        let labels: Vec<(String, String)> = entry
            .editor
            .doc()
            .nodes
            .iter()
            .map(|n| (n.id.to_string(), n.label.replace('\n', " ")))
            .collect();
        let Some(sim) = entry.sim.as_mut() else {
            return;
        };
        let mut close = false;
        let mut bring_up = None;
        egui::Panel::right("simulate")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.heading("What breaks first");
                    if ui
                        .small_button("✕")
                        .on_hover_text("Close the simulation")
                        .clicked()
                    {
                        close = true;
                    }
                });
                let caption = ui.label("Traffic");
                ui.add(
                    egui::Slider::new(&mut sim.traffic, TRAFFIC_RANGE)
                        .logarithmic(true)
                        .suffix("×")
                        .max_decimals(1),
                )
                .labelled_by(caption.id);
                ui.horizontal(|ui| {
                    for x in [1.0, 10.0, 100.0, 1000.0] {
                        if ui.small_button(format!("{x}×")).clicked() {
                            sim.traffic = x;
                        }
                    }
                });
                if sim.down.is_empty() {
                    ui.label(
                        RichText::new("Right-click a box → Take down, to see what fails.").weak(),
                    );
                } else {
                    ui.horizontal_wrapped(|ui| {
                        ui.label("Down:");
                        for id in &sim.down {
                            let name = labels
                                .iter()
                                .find(|(n, _)| n == id)
                                .map_or(id.as_str(), |(_, l)| l.as_str());
                            if ui
                                .button(format!("{name} ✕"))
                                .on_hover_text("Bring back up")
                                .clicked()
                            {
                                bring_up = Some(id.clone());
                            }
                        }
                    });
                }
                ui.separator();
                egui::ScrollArea::vertical().show(ui, |ui| report_ui(ui, &sim.result));
            });
        if let Some(id) = bring_up {
            sim.down.retain(|d| *d != id);
        }
        if close {
            entry.sim = None;
        }
    }
}

/// The simulator's sentences (or why it refused), then the legend.
fn report_ui(ui: &mut Ui, result: &Result<Simulation, String>) {
    match result {
        Ok(result) => {
            for line in result.sentences() {
                ui.label(line);
                ui.add_space(2.0);
            }
        }
        Err(e) if !e.is_empty() => {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        Err(_) => {}
    }
    ui.separator();
    for (heat, meaning) in LEGEND {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 3.0, heat_color(heat));
            ui.label(meaning);
        });
    }
    ui.label(
        RichText::new(
            "Capacities, latencies and hit ratios are the kinds' defaults unless set in a \
             box's properties; arrows carry their share.",
        )
        .weak(),
    );
}
