//! Editing gestures on the canvas: select, multi-select, drag to move, drag
//! from a node's handle to connect, double-click to rename. The canvas turns
//! them into [`CanvasEvent`]s; the app turns those into commands, so the
//! document is only ever changed in one place.

use std::collections::BTreeSet;

use egui::{Pos2, Rect, Ui, Vec2, pos2, vec2};

use super::geometry::{self, Viewport};
use crate::edit::align::{Guide, align};
use crate::model::Diagram;
use crate::scene::Layout;
use crate::scene::geometry::{R, p};

/// Screen radius of the connect handle.
pub const HANDLE_RADIUS: f32 = 6.0;

/// What the user did on the canvas, for the app to apply.
#[derive(Clone, Debug, PartialEq)]
pub enum CanvasEvent {
    /// Nodes were dragged by a delta (canvas units); one event per drag.
    Moved {
        /// The nodes.
        ids: Vec<String>,
        /// Delta, canvas units.
        delta: Vec2,
    },
    /// A connection was drawn from one node to another.
    Connect {
        /// Source node.
        from: String,
        /// Target node.
        to: String,
    },
    /// A node was double-clicked: rename it.
    Rename(String),
}

/// A gesture in progress (transient UI state).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Gesture {
    /// Nothing.
    #[default]
    Idle,
    /// Dragging the selected nodes; `offset` in canvas units so far.
    MoveNodes {
        /// The nodes.
        ids: Vec<String>,
        /// The node under the pointer, which snaps to the grid.
        anchor: String,
        /// Raw pointer delta so far, canvas units.
        offset: Vec2,
        /// The delta applied: `offset`, snapped to the grid when snapping
        /// is on and lined up with other boxes unless Alt is held.
        applied: Vec2,
        /// Alignment: the moved boxes' extent before the move, the boxes
        /// in view that stay, and the guides of the current position.
        align: Box<MoveAlign>,
    },
    /// Dragging a selection rectangle from `start` (screen space).
    Marquee {
        /// Where the drag began.
        start: Pos2,
        /// The pointer now.
        end: Pos2,
        /// What was selected before (kept when Shift is held).
        before: Selection,
    },
    /// Dragging a new edge out of `from`.
    Connect {
        /// Source node.
        from: String,
        /// Pointer, screen space.
        to: Pos2,
    },
}

/// What a move lines up with (see [`crate::edit::align`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MoveAlign {
    /// The moved boxes' bounding box before the move, canvas units.
    pub moving: R,
    /// The boxes in view that do not move.
    pub others: Vec<R>,
    /// The lines the moved boxes share with others now.
    pub guides: Vec<Guide>,
}

/// How close, in screen pixels, a line must come to another to snap.
pub const ALIGN_TOLERANCE: f32 = 6.0;

/// What is selected (transient UI state, never saved).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Selected node ids.
    pub nodes: BTreeSet<String>,
    /// Selected edge ids.
    pub edges: BTreeSet<String>,
    /// Selected boundary ids (their members are selected too).
    pub boundaries: BTreeSet<String>,
}

impl Selection {
    /// True when nothing is selected.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.edges.is_empty() && self.boundaries.is_empty()
    }

    /// The selected nodes' ids, for commands.
    #[must_use]
    pub fn node_ids(&self) -> Vec<crate::model::NodeId> {
        self.nodes
            .iter()
            .cloned()
            .map(crate::model::NodeId)
            .collect()
    }

    /// Selects every box and arrow of `diagram`.
    pub fn select_all(&mut self, diagram: &Diagram) {
        self.nodes = diagram.nodes.iter().map(|n| n.id.to_string()).collect();
        self.edges = diagram.edges.iter().map(|e| e.id.to_string()).collect();
    }

    /// Selects only this node.
    pub fn only_node(&mut self, id: &str) {
        self.nodes = BTreeSet::from([id.to_owned()]);
        self.edges.clear();
        self.boundaries.clear();
    }

    /// Selects only this edge.
    pub fn only_edge(&mut self, id: &str) {
        self.edges = BTreeSet::from([id.to_owned()]);
        self.nodes.clear();
        self.boundaries.clear();
    }

    /// Selects a boundary and every node inside it.
    pub fn only_boundary(&mut self, d: &Diagram, id: &str) {
        self.boundaries = BTreeSet::from([id.to_owned()]);
        self.nodes = d
            .boundary_members(id)
            .into_iter()
            .map(ToString::to_string)
            .collect();
        self.edges.clear();
    }

    /// Drops ids that no longer exist (after undo, delete, …).
    pub fn retain_existing(&mut self, d: &Diagram) {
        self.nodes.retain(|id| d.node(id).is_some());
        self.edges.retain(|id| d.edge(id).is_some());
        self.boundaries.retain(|id| d.boundary(id).is_some());
    }
}

/// Where the connect handle of a node sits on screen.
#[must_use]
pub fn handle_pos(screen_rect: Rect) -> Pos2 {
    screen_rect.right_center() + vec2(HANDLE_RADIUS + 2.0, 0.0)
}

/// How the canvas edits: snapping, and whether the pointer pans instead.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct EditOptions {
    /// Snap moved node centres to this grid (canvas units).
    pub snap: Option<f32>,
}

/// Rounds `v` to the nearest multiple of `grid`.
#[must_use]
pub fn snap_value(v: f32, grid: f32) -> f32 {
    (v / grid).round() * grid
}

/// Handles editing input for this frame; returns finished events. Sets
/// `consumed` when the pointer belongs to an editing gesture (so the canvas
/// does not pan). Only the primary button edits; the middle and secondary
/// buttons, and the primary one with Space held, pan.
pub fn edit_input(
    ui: &Ui,
    response: &egui::Response,
    (d, layout): (&Diagram, &Layout),
    vp: Viewport,
    state: (&mut Gesture, &mut Selection),
    options: EditOptions,
) -> (Vec<CanvasEvent>, bool) {
    let (gesture, selection) = state;
    let origin = response.rect.min;
    let mut events = Vec::new();
    let (shift, space, alt) = ui.input(|i| {
        (
            i.modifiers.shift,
            i.key_down(egui::Key::Space),
            i.modifiers.alt,
        )
    });
    let node_under =
        |screen: Pos2| layout.node_at(geometry::plain_pos(vp.canvas_from_screen(origin, screen)));
    let handle_under = |screen: Pos2| {
        d.nodes.iter().position(|n| {
            let rect = vp.screen_rect_from_canvas(origin, geometry::node_rect(n));
            (selection.nodes.contains(n.id.as_str()) || rect.expand(12.0).contains(screen))
                && handle_pos(rect).distance(screen) <= HANDLE_RADIUS + 3.0
        })
    };

    if response.drag_started_by(egui::PointerButton::Primary)
        && !space
        && let Some(press) = ui.input(|i| i.pointer.press_origin())
    {
        let hits = (handle_under(press), node_under(press));
        *gesture = start_gesture(
            (d, layout),
            vp.canvas_from_screen(origin, press),
            press,
            hits,
            shift,
            selection,
        );
        if let Gesture::MoveNodes { ids, align, .. } = gesture {
            let visible = geometry::plain_rect(vp.canvas_rect_from_screen(origin, response.rect));
            **align = move_align(layout, ids, visible);
        }
    }
    match gesture {
        Gesture::MoveNodes { .. } => {
            if response.dragged() {
                drag_move(
                    gesture,
                    d,
                    response.drag_delta() / vp.zoom,
                    (options, alt, vp.zoom),
                );
            }
            if response.drag_stopped() {
                if let Gesture::MoveNodes { ids, applied, .. } = gesture
                    && *applied != Vec2::ZERO
                {
                    events.push(CanvasEvent::Moved {
                        ids: std::mem::take(ids),
                        delta: *applied,
                    });
                }
                *gesture = Gesture::Idle;
            }
        }
        Gesture::Connect { from, to } => {
            if let Some(p) = ui.input(|i| i.pointer.interact_pos()) {
                *to = p;
            }
            if response.drag_stopped() {
                if let Some(i) = node_under(*to) {
                    events.push(CanvasEvent::Connect {
                        from: std::mem::take(from),
                        to: d.nodes[i].id.to_string(),
                    });
                }
                *gesture = Gesture::Idle;
            }
        }
        Gesture::Marquee { start, end, before } => {
            if let Some(p) = ui.input(|i| i.pointer.interact_pos()) {
                *end = p;
            }
            let area = vp.canvas_rect_from_screen(origin, Rect::from_two_pos(*start, *end));
            *selection = marquee_selection(d, area, shift.then_some(&*before));
            if response.drag_stopped() {
                *gesture = Gesture::Idle;
            }
        }
        Gesture::Idle => {}
    }
    let consumed = *gesture != Gesture::Idle;

    click_input(
        response,
        (d, layout),
        (vp, origin),
        shift,
        selection,
        &mut events,
    );
    (events, consumed)
}

/// Clicks: a double click on a box renames it, a click selects, a right
/// click on a box outside the selection selects that box.
fn click_input(
    response: &egui::Response,
    (d, layout): (&Diagram, &Layout),
    (vp, origin): (Viewport, Pos2),
    shift: bool,
    selection: &mut Selection,
    events: &mut Vec<CanvasEvent>,
) {
    let node_under =
        |screen: Pos2| layout.node_at(geometry::plain_pos(vp.canvas_from_screen(origin, screen)));
    if response.double_clicked()
        && let Some(i) = response.interact_pointer_pos().and_then(node_under)
    {
        events.push(CanvasEvent::Rename(d.nodes[i].id.to_string()));
    } else if response.clicked()
        && let Some(p) = response.interact_pointer_pos()
    {
        click_select(
            (d, layout),
            vp.canvas_from_screen(origin, p),
            vp.zoom,
            shift,
            selection,
        );
    } else if response.secondary_clicked()
        && let Some(i) = response.interact_pointer_pos().and_then(node_under)
        && !selection.nodes.contains(d.nodes[i].id.as_str())
    {
        // A right click on a box outside the selection acts on that box.
        selection.only_node(d.nodes[i].id.as_str());
    }
}

/// The gesture a primary-button drag starting at `press` begins: connect
/// from a handle, move a node (and the rest of the selection) or a
/// boundary with its members, or else a selection rectangle.
/// `hits` are the node whose handle, and the node whose box, is under
/// the press.
fn start_gesture(
    (d, layout): (&Diagram, &Layout),
    at: Pos2,
    press: Pos2,
    hits: (Option<usize>, Option<usize>),
    shift: bool,
    selection: &mut Selection,
) -> Gesture {
    let (handle, node) = hits;
    if let Some(i) = handle {
        return Gesture::Connect {
            from: d.nodes[i].id.to_string(),
            to: press,
        };
    }
    if let Some(i) = node {
        let id = d.nodes[i].id.to_string();
        if !selection.nodes.contains(&id) {
            if shift {
                selection.nodes.insert(id.clone());
            } else {
                selection.only_node(&id);
            }
        }
        return Gesture::MoveNodes {
            ids: selection.nodes.iter().cloned().collect(),
            anchor: id,
            offset: Vec2::ZERO,
            applied: Vec2::ZERO,
            align: Box::default(),
        };
    }
    if let Some(b) = layout.boundary_at(geometry::plain_pos(at)) {
        let id = d.boundaries[b].id.as_str();
        if !selection.boundaries.contains(id) {
            selection.only_boundary(d, id);
        }
        let ids: Vec<String> = selection.nodes.iter().cloned().collect();
        return Gesture::MoveNodes {
            anchor: ids.first().cloned().unwrap_or_default(),
            ids,
            offset: Vec2::ZERO,
            applied: Vec2::ZERO,
            align: Box::default(),
        };
    }
    Gesture::Marquee {
        start: press,
        end: press,
        before: selection.clone(),
    }
}

/// One frame of a move: `step` more of pointer travel (canvas units),
/// snapped to the grid when snapping is on, then lined up with the boxes
/// in view unless `alt` is held.
fn drag_move(
    gesture: &mut Gesture,
    d: &Diagram,
    step: Vec2,
    (options, alt, zoom): (EditOptions, bool, f32),
) {
    let Gesture::MoveNodes {
        ids,
        anchor,
        offset,
        applied,
        align: lined_up,
    } = gesture
    else {
        return;
    };
    *offset += step;
    let snapped = match (options.snap, d.node(anchor)) {
        (Some(grid), Some(node)) => vec2(
            snap_value(node.pos.x + offset.x, grid) - node.pos.x,
            snap_value(node.pos.y + offset.y, grid) - node.pos.y,
        ),
        _ => *offset,
    };
    if alt || ids.is_empty() {
        *applied = snapped;
        lined_up.guides.clear();
    } else {
        let a = align(
            lined_up.moving,
            p(snapped.x, snapped.y),
            &lined_up.others,
            ALIGN_TOLERANCE / zoom,
        );
        *applied = vec2(a.delta.x, a.delta.y);
        lined_up.guides = a.guides;
    }
}

/// What a move of `ids` can line up with: their bounding box, and the
/// boxes that stay within `visible` (boxes out of view do not pull).
fn move_align(layout: &Layout, ids: &[String], visible: R) -> MoveAlign {
    let moving: std::collections::BTreeSet<usize> =
        ids.iter().filter_map(|id| layout.node_index(id)).collect();
    let bounds = moving
        .iter()
        .map(|&i| layout.nodes[i].rect)
        .reduce(|a, b| R {
            min: p(a.min.x.min(b.min.x), a.min.y.min(b.min.y)),
            max: p(a.max.x.max(b.max.x), a.max.y.max(b.max.y)),
        });
    let others = layout
        .nodes_in(Some(visible))
        .into_iter()
        .filter(|i| !moving.contains(i))
        .map(|i| layout.nodes[i].rect)
        .collect();
    MoveAlign {
        moving: bounds.unwrap_or_default(),
        others,
        guides: Vec::new(),
    }
}

/// Selects what a click at canvas point `p` hits: a node, else an edge,
/// else a boundary's title or frame; Shift toggles, a click on nothing
/// clears.
fn click_select(
    (d, layout): (&Diagram, &Layout),
    p: Pos2,
    zoom: f32,
    shift: bool,
    selection: &mut Selection,
) {
    let p = geometry::plain_pos(p);
    if let Some(i) = layout.node_at(p) {
        let id = d.nodes[i].id.to_string();
        if shift {
            toggle(&mut selection.nodes, id);
        } else {
            selection.only_node(&id);
        }
    } else if let Some(i) = layout.edge_at(p, 8.0 / zoom) {
        let id = d.edges[i].id.to_string();
        if shift {
            toggle(&mut selection.edges, id);
        } else {
            selection.only_edge(&id);
        }
    } else if let Some(b) = layout.boundary_at(p) {
        selection.only_boundary(d, d.boundaries[b].id.as_str());
    } else if !shift {
        *selection = Selection::default();
    }
}

/// Adds `id` to `set`, or takes it out if it was there (Shift+click).
fn toggle(set: &mut BTreeSet<String>, id: String) {
    if !set.remove(&id) {
        set.insert(id);
    }
}

/// What a selection rectangle (canvas units) selects: every node it
/// touches and every edge with both ends in it, added to `keep`.
#[must_use]
pub fn marquee_selection(d: &Diagram, area: Rect, keep: Option<&Selection>) -> Selection {
    let mut selection = keep.cloned().unwrap_or_default();
    let inside: BTreeSet<&str> = d
        .nodes
        .iter()
        .filter(|n| area.intersects(geometry::node_rect(n)))
        .map(|n| n.id.as_str())
        .collect();
    selection
        .nodes
        .extend(inside.iter().map(|id| (*id).to_owned()));
    selection.edges.extend(
        d.edges
            .iter()
            .filter(|e| inside.contains(e.from.as_str()) && inside.contains(e.to.as_str()))
            .map(|e| e.id.to_string()),
    );
    selection
}

/// A canvas point for a new node of `kind`: the free spot nearest to the
/// centre of the view.
#[must_use]
pub fn placement(d: &Diagram, kind: crate::model::NodeKind, vp: Viewport, view_size: Vec2) -> Pos2 {
    use crate::model::placement::{Box2, free_spot};
    let centre = vp.canvas_from_screen(Pos2::ZERO, (view_size * 0.5).to_pos2());
    let occupied: Vec<Box2> = d.nodes.iter().map(Box2::of).collect();
    let (w, h) = kind.default_size();
    let p = free_spot(
        crate::model::Point::new(centre.x, centre.y),
        w,
        h,
        &occupied,
    );
    pos2(p.x, p.y)
}
