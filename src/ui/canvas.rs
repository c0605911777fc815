//! The diagram canvas widget: paints boundaries, edges and nodes through a
//! [`Viewport`], and turns pointer input into pan and zoom. It reads the
//! document and never edits it.

use egui::{Align2, FontId, Painter, Pos2, Rect, Sense, Stroke, Ui, Vec2, pos2, vec2};

use super::edges::{paint_edge_line, paint_edges};
use super::geometry::{self, Viewport};
use super::interact::{self, CanvasEvent, Gesture, Selection};
use super::overlay;
use super::shapes::{Emphasis, paint_node};
use super::theme::CanvasTheme;
use crate::check::Ghost;
use crate::model::{Diagram, EdgeKind};

/// Pixels between the lines of parallel edges, in canvas units.
pub const PARALLEL_SPACING: f32 = 26.0;
/// Grid spacing in canvas units (dots are painted every grid step; boxes
/// snap to half steps).
pub const GRID: f32 = 40.0;
/// Padding of a boundary container around its members, in canvas units.
const BOUNDARY_PADDING: f32 = 18.0;

/// Transient view state of one canvas (never saved into the document).
#[derive(Clone, Debug, PartialEq)]
pub struct CanvasState {
    /// Pan and zoom.
    pub viewport: Viewport,
    /// Fit the diagram to the widget on the next frame.
    pub fit_pending: bool,
    /// Selected nodes and edges (editable canvases).
    pub selection: Selection,
    /// The editing gesture in progress.
    pub gesture: Gesture,
    /// Size of the canvas on screen last frame (to place new nodes).
    pub view_size: Vec2,
    /// Where the canvas was on screen last frame.
    pub screen_rect: Rect,
}

impl CanvasState {
    /// A node's rectangle on screen, as of the last frame.
    #[must_use]
    pub fn node_screen_rect(&self, diagram: &Diagram, id: &str) -> Option<Rect> {
        let node = diagram.node(id)?;
        Some(
            self.viewport
                .screen_rect_from_canvas(self.screen_rect.min, geometry::node_rect(node)),
        )
    }
}

impl Default for CanvasState {
    fn default() -> Self {
        Self {
            viewport: Viewport::default(),
            fit_pending: true,
            selection: Selection::default(),
            gesture: Gesture::Idle,
            view_size: Vec2::ZERO,
            screen_rect: Rect::NOTHING,
        }
    }
}

impl CanvasState {
    /// Asks for a zoom-to-fit on the next frame.
    pub fn request_fit(&mut self) {
        self.fit_pending = true;
    }
}

/// Which parts of the diagram to emphasise (e.g. a walkthrough step); when
/// set, everything else is dimmed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlight {
    /// Highlighted node ids.
    pub nodes: Vec<String>,
    /// Highlighted edge ids.
    pub edges: Vec<String>,
}

/// What to draw over the diagram: a highlight, and the checker's overlay.
#[derive(Clone, Copy, Debug, Default)]
pub struct Decor<'a> {
    /// Emphasise these and dim the rest.
    pub highlight: Option<&'a Highlight>,
    /// Reference nodes the drawing lacks, drawn as dashed ghosts.
    pub ghosts: &'a [Ghost],
    /// When set, only these ghosts are lit (the selected finding's); the
    /// others fade.
    pub ghost_focus: Option<&'a [String]>,
    /// Drawn nodes with no counterpart in the reference, marked "extra".
    pub extra: &'a [String],
    /// Drawn edges the checker calls wrong, marked with a warning badge.
    pub flagged_edges: &'a [String],
    /// Whether the user may edit (select, move, connect, rename).
    pub editable: bool,
    /// Snap moved boxes to the grid.
    pub snap: bool,
    /// The simulator's tints and paths, when its panel is open.
    pub sim: Option<&'a super::sim_overlay::SimDecor>,
}

/// What the canvas reports back.
pub struct CanvasOutput {
    /// The canvas area's response.
    pub response: egui::Response,
    /// Finished editing gestures, to turn into commands.
    pub events: Vec<CanvasEvent>,
}

/// Shows the canvas filling the available space. Returns the response of the
/// canvas area.
pub fn canvas_ui(
    ui: &mut Ui,
    diagram: &Diagram,
    state: &mut CanvasState,
    decor: Decor<'_>,
) -> CanvasOutput {
    let highlight = decor.highlight;
    // A fixed id: panels appearing beside the canvas mid-drag (properties
    // when something gets selected) must not end the drag.
    let (rect, _) = ui.allocate_exact_size(ui.available_size(), Sense::hover());
    let response = ui.interact(rect, ui.scope_id().with("canvas"), Sense::click_and_drag());
    let painter = ui.painter_at(rect);
    let rect = response.rect;
    state.view_size = rect.size();
    state.screen_rect = rect;
    let theme = CanvasTheme::new(ui.visuals().dark_mode);
    let offsets = geometry::parallel_offsets(&diagram.edges, PARALLEL_SPACING);

    let (events, consumed) = if decor.editable {
        state.selection.retain_existing(diagram);
        interact::edit_input(
            ui,
            &response,
            diagram,
            state.viewport,
            (&mut state.gesture, &mut state.selection),
            &offsets,
            interact::EditOptions {
                snap: decor.snap.then_some(GRID / 2.0),
            },
        )
    } else {
        (Vec::new(), false)
    };
    handle_input(ui, &response, diagram, state, decor.ghosts, consumed);
    let vp = state.viewport;
    let origin = rect.min;
    let preview = interact::preview(diagram, &state.gesture);
    let diagram = preview.as_ref().unwrap_or(diagram);

    painter.rect_filled(rect, 0.0, theme.background);
    paint_grid(&painter, rect, vp, &theme);

    let hovered_node = response
        .hover_pos()
        .and_then(|p| geometry::node_at(diagram, vp.canvas_from_screen(origin, p)));

    // Containers sized inside-out (shared with the SVG export, so nested
    // titles never collide); edge labels keep clear of their titles.
    let containers = crate::export::boundary_rects(diagram);
    paint_boundaries(
        &painter,
        diagram,
        &containers,
        (vp, origin),
        &theme,
        (highlight.is_some(), &state.selection.boundaries),
    );
    if let Some(sim) = decor.sim {
        super::sim_overlay::paint_paths(&painter, vp, origin, diagram, sim);
    }
    paint_edges(
        &painter,
        diagram,
        (vp, origin),
        &theme,
        (highlight, &state.selection.edges),
        (&offsets, &containers),
    );

    paint_nodes(&painter, rect, diagram, state, &decor, hovered_node, &theme);
    if let Some(sim) = decor.sim {
        super::sim_overlay::paint_nodes(&painter, vp, origin, diagram, sim);
    }
    for ghost in decor.ghosts {
        let lit = decor
            .ghost_focus
            .is_none_or(|focus| focus.contains(&ghost.reference_node));
        overlay::paint_ghost(&painter, vp, origin, ghost, &theme, lit);
    }
    for id in decor.flagged_edges {
        overlay::paint_edge_flag(&painter, vp, origin, diagram, id);
    }
    paint_gesture(&painter, diagram, state, &theme);

    if diagram.nodes.is_empty() {
        let hint = if decor.editable {
            "Empty drawing: add boxes from the palette above, or type a label in Quick add."
        } else {
            "This diagram is empty."
        };
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            hint,
            FontId::proportional(16.0),
            theme.weak_text,
        );
    }

    let response = match hovered_node.and_then(|i| diagram.nodes.get(i)) {
        Some(node) if state.gesture == interact::Gesture::Idle => {
            response.on_hover_ui_at_pointer(|ui| {
                ui.strong(&node.label);
                ui.label(format!("{} · {}", node.kind.title(), node.id));
                if !node.notes.is_empty() {
                    ui.label(&node.notes);
                }
            })
        }
        _ => response,
    };
    CanvasOutput { response, events }
}

/// Paints the gesture in progress: the arrow being drawn, or the
/// rubber band.
fn paint_gesture(painter: &Painter, diagram: &Diagram, state: &CanvasState, theme: &CanvasTheme) {
    let (vp, origin) = (state.viewport, state.screen_rect.min);
    match &state.gesture {
        interact::Gesture::Connect { from, to } => {
            if let Some(node) = diagram.node(from) {
                let start = vp.screen_rect_from_canvas(origin, geometry::node_rect(node));
                paint_edge_line(
                    painter,
                    EdgeKind::Sync,
                    [interact::handle_pos(start), *to],
                    Stroke::new(1.6, theme.edge_color(EdgeKind::Sync)),
                    vp.zoom,
                );
            }
        }
        interact::Gesture::Marquee { start, end, .. } => {
            let area = Rect::from_two_pos(*start, *end);
            painter.rect_filled(area, 0.0, theme.selection.gamma_multiply(0.12));
            painter.rect_stroke(
                area,
                0.0,
                Stroke::new(1.0, theme.selection),
                egui::StrokeKind::Inside,
            );
        }
        interact::Gesture::MoveNodes { .. } | interact::Gesture::Idle => {}
    }
}

/// Paints every visible node with its emphasis, badges and connect handle.
fn paint_nodes(
    painter: &Painter,
    rect: Rect,
    diagram: &Diagram,
    state: &CanvasState,
    decor: &Decor<'_>,
    hovered_node: Option<usize>,
    theme: &CanvasTheme,
) {
    let (vp, origin, highlight) = (state.viewport, rect.min, decor.highlight);
    for (i, node) in diagram.nodes.iter().enumerate() {
        let screen = vp.screen_rect_from_canvas(origin, geometry::node_rect(node));
        if !screen.intersects(rect) {
            continue;
        }
        let selected = state.selection.nodes.contains(node.id.as_str());
        let emphasis = match highlight {
            Some(h) if h.nodes.iter().any(|id| id == node.id.as_str()) => Emphasis::Highlighted,
            Some(_) => Emphasis::Dimmed,
            None if selected => Emphasis::Highlighted,
            None if hovered_node == Some(i) => Emphasis::Hovered,
            None => Emphasis::Normal,
        };
        paint_node(painter, screen, node, theme, vp.zoom, emphasis);
        if decor.extra.iter().any(|id| id == node.id.as_str()) {
            overlay::paint_extra_badge(painter, screen, theme, vp.zoom);
        }
        if decor.editable && (selected || hovered_node == Some(i)) {
            let color = theme.edge_color(EdgeKind::Sync);
            painter.circle(
                interact::handle_pos(screen),
                interact::HANDLE_RADIUS,
                theme.background,
                Stroke::new(1.5, color),
            );
        }
    }
}

fn handle_input(
    ui: &Ui,
    response: &egui::Response,
    diagram: &Diagram,
    state: &mut CanvasState,
    ghosts: &[Ghost],
    editing_gesture: bool,
) {
    let rect = response.rect;
    // F (zoom to fit) is read by the app with the other canvas keys, once
    // no text field owns the keyboard; it sets `fit_pending`.
    if state.fit_pending && rect.width() > 1.0 {
        let ghost_rects = ghosts.iter().map(|g| {
            let (w, h) = g.kind.default_size();
            Rect::from_center_size(pos2(g.pos.x, g.pos.y), vec2(w, h))
        });
        state.viewport = geometry::diagram_bounds(diagram)
            .into_iter()
            .chain(ghost_rects)
            .reduce(Rect::union)
            .map_or_else(Viewport::default, |bounds| {
                Viewport::fit(bounds.expand(BOUNDARY_PADDING * 2.0), rect.size(), 24.0)
            });
        state.fit_pending = false;
    }
    // Editing takes primary drags; any other drag, or every drag on a
    // read-only canvas, pans.
    if response.dragged() && !editing_gesture {
        state.viewport.offset += response.drag_delta();
    }
    // A wheel notch (one line) zooms by one 10 % step, as the zoom buttons.
    ui.ctx().options_mut(|o| {
        let line = o.input_options.line_scroll_speed.max(1.0);
        o.input_options.scroll_zoom_speed = geometry::ZOOM_STEP.ln() / line;
    });
    if response.hovered() {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta(), i.zoom_delta()));
        state.viewport.offset += scroll;
        if (zoom - 1.0).abs() > f32::EPSILON
            && let Some(pointer) = response.hover_pos()
        {
            state.viewport.zoom_about(rect.min, pointer, zoom);
        }
    }
}

fn paint_grid(painter: &Painter, rect: Rect, vp: Viewport, theme: &CanvasTheme) {
    let step = GRID * vp.zoom;
    if step < 10.0 {
        return;
    }
    let start = vp.canvas_from_screen(rect.min, rect.min);
    let first = pos2(
        (start.x / GRID).floor() * GRID,
        (start.y / GRID).floor() * GRID,
    );
    let first = vp.screen_from_canvas(rect.min, first);
    let radius = (1.2 * vp.zoom).clamp(0.8, 1.6);
    let mut y = first.y;
    while y <= rect.bottom() {
        let mut x = first.x;
        while x <= rect.right() {
            if rect.contains(pos2(x, y)) {
                painter.circle_filled(pos2(x, y), radius, theme.grid);
            }
            x += step;
        }
        y += step;
    }
}

fn paint_boundaries(
    painter: &Painter,
    diagram: &Diagram,
    containers: &[(usize, crate::export::geometry::R)],
    (vp, origin): (Viewport, Pos2),
    theme: &CanvasTheme,
    (dimmed, selected): (bool, &std::collections::BTreeSet<String>),
) {
    let stroke_color = if dimmed {
        theme.boundary.gamma_multiply(0.4)
    } else {
        theme.boundary
    };
    // Outer ones first, so nested ones paint on top.
    for &(i, r) in containers.iter().rev() {
        let boundary = &diagram.boundaries[i];
        let canvas_rect = Rect::from_min_max(pos2(r.min.x, r.min.y), pos2(r.max.x, r.max.y));
        let screen = vp.screen_rect_from_canvas(origin, canvas_rect);
        painter.rect_filled(screen, 10.0 * vp.zoom, theme.boundary_fill);
        let is_selected = selected.contains(boundary.id.as_str());
        let stroke_color = if is_selected {
            theme.selection
        } else {
            stroke_color
        };
        let corners = [
            screen.left_top(),
            screen.right_top(),
            screen.right_bottom(),
            screen.left_bottom(),
            screen.left_top(),
        ];
        painter.extend(super::edges::dashed(
            &corners,
            Stroke::new(1.3 * vp.zoom.max(0.6), stroke_color),
            (9.0, 5.0),
            vp.zoom,
        ));
        if vp.zoom * 12.0 >= 5.0 {
            painter.text(
                screen.left_top() + vec2(8.0, 5.0) * vp.zoom,
                Align2::LEFT_TOP,
                &boundary.label,
                FontId::proportional(12.0 * vp.zoom),
                stroke_color,
            );
        }
    }
}
