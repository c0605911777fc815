//! The simulator's figures in the properties panel: a node's capacity
//! (requests/s, reads and writes for stores, instances, latencies, hit
//! ratio) and an arrow's traffic share, each edit one undo step.

use egui::{RichText, Ui};

use super::properties::PanelActions;
use crate::edit::Command;
use crate::model::{Edge, EdgeKind, Node, NodeKind};

/// One optional figure in `slot`: the node's own value, or its kind's
/// `default` shown weak (`unset` says what no value means when there is no
/// default). A drag or a typed value lands when it ends (one undo step);
/// "×" goes back to the default.
fn figure_ui(
    ui: &mut Ui,
    label: &str,
    slot: &mut Option<f64>,
    (default, unset): (Option<f64>, &str),
    range: std::ops::RangeInclusive<f64>,
) {
    let key = egui::Id::unique(("figure", label));
    ui.horizontal(|ui| {
        let caption = ui.label(label);
        let draft: Option<f64> = ui.data(|d| d.get_temp(key));
        let mut value = draft.or(*slot).or(default).unwrap_or(0.0);
        let speed = (value.abs() * 0.01).max(0.01);
        let response = ui
            .add(
                egui::DragValue::new(&mut value)
                    .range(range)
                    .speed(speed)
                    .max_decimals(3),
            )
            .labelled_by(caption.id);
        if response.changed() {
            ui.data_mut(|d| d.insert_temp(key, value));
        }
        let settled = !response.dragged() && !response.has_focus();
        if settled && let Some(v) = ui.data_mut(|d| d.remove_temp::<f64>(key)) {
            *slot = Some(v);
        }
        if slot.is_some() {
            if ui
                .small_button("×")
                .on_hover_text("Back to the kind's default")
                .clicked()
            {
                *slot = None;
            }
        } else {
            let note = if default.is_some() { "default" } else { unset };
            ui.label(RichText::new(note).weak());
        }
    });
}

/// The simulator's figures of a node (its own, else its kind's defaults).
pub(super) fn capacity_ui(ui: &mut Ui, node: &Node, actions: &mut PanelActions) {
    use crate::simulate::defaults::{is_store, profile};
    let base = profile(node.kind);
    let mut next = node.capacity;
    let n = &mut next;
    egui::CollapsingHeader::new("Capacity (simulator)")
        .id_salt("capacity")
        .show(ui, |ui| {
            let any = 0.0..=1e9;
            if node.kind == NodeKind::Client {
                let label = "Requests/s sent at 1×";
                figure_ui(ui, label, &mut n.entry_rps, (None, "shares 120/s"), any);
                return;
            }
            if is_store(node.kind) {
                let reads = (base.reads_per_s, "unbounded");
                figure_ui(
                    ui,
                    "Reads/s per instance",
                    &mut n.reads_per_s,
                    reads,
                    any.clone(),
                );
                let writes = (base.writes_per_s, "unbounded");
                figure_ui(ui, "Writes/s", &mut n.writes_per_s, writes, any);
            } else {
                let rps = (base.rps, "unbounded");
                figure_ui(ui, "Requests/s per instance", &mut n.rps, rps, any);
            }
            let mut instances = n.instances.map(f64::from);
            figure_ui(
                ui,
                "Instances",
                &mut instances,
                (Some(1.0), ""),
                1.0..=10_000.0,
            );
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "clamped to 1..=10000 first"
            )]
            {
                n.instances = instances.map(|i| i.round().clamp(1.0, 10_000.0) as u32);
            }
            let p50 = (Some(base.p50_ms), "");
            figure_ui(ui, "p50 latency (ms)", &mut n.p50_ms, p50, 0.0..=1e6);
            let p99 = (Some(base.p99_ms), "");
            figure_ui(ui, "p99 latency (ms)", &mut n.p99_ms, p99, 0.0..=1e6);
            if matches!(node.kind, NodeKind::Cache | NodeKind::Edge) {
                let hit = (Some(base.hit_ratio), "");
                figure_ui(ui, "Hit ratio", &mut n.hit_ratio, hit, 0.0..=1.0);
            }
        });
    if next != node.capacity {
        actions.command = Some(Command::SetCapacity {
            id: node.id.clone(),
            capacity: next,
        });
    }
}

/// How traffic takes an arrow, for the simulator.
pub(super) fn traffic_ui(ui: &mut Ui, edge: &Edge, actions: &mut PanelActions) {
    let mut next = edge.traffic;
    egui::CollapsingHeader::new("Traffic (simulator)")
        .id_salt("traffic")
        .show(ui, |ui| {
            let label = "Share of the source's requests";
            figure_ui(
                ui,
                label,
                &mut next.share,
                (None, "even split"),
                0.0..=1000.0,
            );
            if edge.kind == EdgeKind::Data {
                let unset = (None, "from the label");
                figure_ui(
                    ui,
                    "Fraction that writes",
                    &mut next.writes,
                    unset,
                    0.0..=1.0,
                );
            }
        });
    if next != edge.traffic {
        actions.command = Some(Command::SetEdgeTraffic {
            id: edge.id.clone(),
            traffic: next,
        });
    }
}
