//! The diagram canvas widget: lays the diagram out as a scene (kept
//! between frames until the drawing changes), paints the scene's
//! primitives through a [`Viewport`], and turns pointer input into pan,
//! zoom and editing gestures. It reads the document and never edits it.

use std::sync::Arc;

use egui::{Align2, FontId, Painter, Rect, Sense, Stroke, Ui, Vec2, pos2, vec2};

use super::geometry::{self, Viewport};
use super::interact::{self, CanvasEvent, Gesture, Selection};
use super::paint::{self, Screen};
use super::theme::CanvasTheme;
use crate::check::Ghost;
use crate::model::{Diagram, EdgeKind};
use crate::scene::{self, Layout};

mod preview;
mod settle;
use preview::DragPreview;
use settle::LayoutCache;

/// How often a canvas showing a draft layout looks for the full one.
const SETTLE_POLL: std::time::Duration = std::time::Duration::from_millis(50);

/// Grid spacing in canvas units (dots are painted every grid step; boxes
/// snap to half steps).
pub const GRID: f32 = 40.0;

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
    /// The document's layout, kept between frames (a big drawing's
    /// draft until its full layout is ready).
    layout: LayoutCache,
    /// The drag being previewed: the layout with the moved boxes, kept
    /// up to date from frame to frame.
    drag: Option<DragPreview>,
    /// The meshes far-out frames are batched into, kept for the next.
    meshes: paint::MeshPool,
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

    /// The box under screen point `at`, as of the last frame's view.
    pub fn node_at_screen(&mut self, diagram: &Diagram, at: egui::Pos2) -> Option<usize> {
        let q = self.viewport.canvas_from_screen(self.screen_rect.min, at);
        self.layout(diagram).node_at(geometry::plain_pos(q))
    }

    /// Whether the canvas shows a draft of the drawing's arrows while its
    /// full layout is made (a big drawing, just opened or changed).
    #[must_use]
    pub fn settling(&self) -> bool {
        self.layout.settling()
    }

    /// The layout of `diagram` as the canvas draws it (kept until the
    /// drawing changes).
    pub fn layout(&mut self, diagram: &Diagram) -> Arc<Layout> {
        self.layout.layout(diagram, None)
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
            layout: LayoutCache::default(),
            drag: None,
            meshes: paint::MeshPool::default(),
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

/// What to draw over the diagram: a highlight, the checker's overlay, the
/// simulator's tints and paths.
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
    /// The document's state id (`Editor::state_id`), when it has one: a
    /// drawing at a state id seen last frame is not fingerprinted again
    /// (hashing 10,000 boxes each frame costs a millisecond).
    pub revision: Option<u64>,
}

/// What the canvas reports back.
pub struct CanvasOutput {
    /// The canvas area's response.
    pub response: egui::Response,
    /// Finished editing gestures, to turn into commands.
    pub events: Vec<CanvasEvent>,
}

/// The id of the canvas widget [`canvas_ui`] shows in `ui` (to know, before
/// it is drawn, whether it holds the keyboard).
#[must_use]
pub fn canvas_id(ui: &Ui) -> egui::Id {
    ui.scope_id().with("canvas")
}

/// Shows the canvas filling the available space. Returns the response of the
/// canvas area.
pub fn canvas_ui(
    ui: &mut Ui,
    diagram: &Diagram,
    state: &mut CanvasState,
    decor: Decor<'_>,
) -> CanvasOutput {
    // A fixed id: panels appearing beside the canvas mid-drag (properties
    // when something gets selected) must not end the drag.
    let (rect, _) = ui.allocate_exact_size(ui.available_size(), Sense::hover());
    let response = ui.interact(rect, canvas_id(ui), Sense::click_and_drag());
    let painter = ui.painter_at(rect);
    let rect = response.rect;
    state.view_size = rect.size();
    state.screen_rect = rect;
    let theme = CanvasTheme::new(ui.visuals().dark_mode);
    let layout = state.layout.layout(diagram, decor.revision);
    if state.layout.settling() {
        // A draft is shown while the full layout is made: look again.
        ui.ctx().request_repaint_after(SETTLE_POLL);
    }

    let (events, consumed) = if decor.editable {
        state.selection.retain_existing(diagram);
        interact::edit_input(
            ui,
            &response,
            (diagram, &layout),
            state.viewport,
            (&mut state.gesture, &mut state.selection),
            interact::EditOptions {
                snap: decor.snap.then_some(GRID / 2.0),
            },
        )
    } else {
        (Vec::new(), false)
    };
    handle_input(ui, &response, &layout, state, decor.ghosts, consumed);
    let vp = state.viewport;
    let origin = rect.min;
    // While boxes are dragged, the layout drawn is the preview's; the
    // drawing itself changes once, on the drop — after this frame, so the
    // drop's frame still shows the preview (not the boxes back where they
    // were) and the next one comes at once.
    let base = layout;
    let dropped = events
        .iter()
        .any(|e| matches!(e, CanvasEvent::Moved { .. }));
    let held = if dropped { state.drag.take() } else { None };
    if !events.is_empty() {
        ui.ctx().request_repaint();
    }
    let dragging = state.preview(diagram, &base);
    // Out for the frame: the layout drawn may be the drag's, in `state`.
    let mut meshes = std::mem::take(&mut state.meshes);
    let layout: &Layout = match (&held, &state.drag) {
        (Some(d), _) => d.layout(),
        (None, Some(d)) if dragging => d.layout(),
        _ => &base,
    };

    painter.rect_filled(rect, 0.0, theme.background);
    paint_grid(&painter, rect, vp, &theme);

    let hovered_node = response
        .hover_pos()
        .and_then(|q| layout.node_at(geometry::plain_pos(vp.canvas_from_screen(origin, q))));
    paint_scene(
        &painter,
        (diagram, layout),
        (state, &mut meshes),
        &decor,
        (hovered_node, theme.dark),
    );
    if let Some(sim) = decor.sim {
        super::sim_overlay::paint_nodes(&painter, (vp, origin), layout, sim);
    }
    if decor.editable {
        paint_handles(&painter, (diagram, layout), state, hovered_node, &theme);
    }
    if dragging {
        preview::paint_landing(&painter, layout, state, &theme);
    }
    paint_gesture(&painter, diagram, state, &theme);
    state.meshes = meshes;

    if state.layout.settling() {
        paint_settling(&painter, rect, &theme);
    }
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

/// Says, in the canvas's corner, that a draft is shown while the arrows
/// are routed (so that arrows moving a moment later are no surprise); on
/// the background colour, so the drawing under it does not hide it.
fn paint_settling(painter: &Painter, rect: Rect, theme: &CanvasTheme) {
    let galley = painter.layout_no_wrap(
        "Routing the arrows…".to_owned(),
        FontId::proportional(13.0),
        theme.weak_text,
    );
    let at = rect.left_bottom() + vec2(8.0, -8.0 - galley.size().y);
    let plate = Rect::from_min_size(at, galley.size()).expand(4.0);
    painter.rect_filled(plate, 4.0, theme.background);
    painter.galley(at, galley, theme.weak_text);
}

/// Paints the drawing: the scene's primitives for what is in view.
fn paint_scene(
    painter: &Painter,
    (diagram, layout): (&Diagram, &Layout),
    (state, meshes): (&CanvasState, &mut paint::MeshPool),
    decor: &Decor<'_>,
    (hovered_node, dark): (Option<usize>, bool),
) {
    let (vp, origin) = (state.viewport, state.screen_rect.min);
    let highlight = decor.highlight.map(|h| scene::Highlight {
        nodes: &h.nodes,
        edges: &h.edges,
    });
    let ghosts: Vec<scene::Ghost<'_>> = decor
        .ghosts
        .iter()
        .map(|g| scene::Ghost {
            kind: g.kind,
            label: &g.label,
            pos: g.pos,
            lit: decor
                .ghost_focus
                .is_none_or(|focus| focus.contains(&g.reference_node)),
            optional: g.optional,
        })
        .collect();
    let view = scene::View {
        theme: CanvasTheme::scene_theme(dark),
        zoom: vp.zoom,
        highlight,
        selected: Some(scene::Selected {
            nodes: &state.selection.nodes,
            edges: &state.selection.edges,
            boundaries: &state.selection.boundaries,
        }),
        hovered: hovered_node,
        tint: decor.sim.map(|sim| &sim.tint),
        ghosts: &ghosts,
        extra: decor.extra,
        flagged_edges: decor.flagged_edges,
    };
    let visible = geometry::plain_rect(vp.canvas_rect_from_screen(origin, state.screen_rect));
    let primitives = scene::paint(diagram, layout, &view, Some(visible));
    paint::paint_pooled(painter, Screen { vp, origin }, &primitives, meshes);
}

/// The connect handle of the hovered box and of every selected one.
fn paint_handles(
    painter: &Painter,
    (diagram, layout): (&Diagram, &Layout),
    state: &CanvasState,
    hovered: Option<usize>,
    theme: &CanvasTheme,
) {
    let (vp, origin) = (state.viewport, state.screen_rect.min);
    let selected = state
        .selection
        .nodes
        .iter()
        .filter_map(|id| layout.node_index(id));
    let color = theme.edge_color(EdgeKind::Sync);
    let mut seen = std::collections::BTreeSet::new();
    for i in hovered.into_iter().chain(selected) {
        if !seen.insert(i) || i >= diagram.nodes.len() {
            continue;
        }
        let screen = vp.screen_rect_from_canvas(origin, geometry::rect(layout.nodes[i].rect));
        if !screen.intersects(painter.clip_rect()) {
            continue;
        }
        painter.circle(
            interact::handle_pos(screen),
            interact::HANDLE_RADIUS,
            theme.background,
            Stroke::new(1.5, color),
        );
    }
}

/// Paints the gesture in progress: the arrow being drawn, or the
/// rubber band.
fn paint_gesture(painter: &Painter, diagram: &Diagram, state: &CanvasState, theme: &CanvasTheme) {
    let (vp, origin) = (state.viewport, state.screen_rect.min);
    match &state.gesture {
        interact::Gesture::Connect { from, to } => {
            if let Some(node) = diagram.node(from) {
                let start = vp.screen_rect_from_canvas(origin, geometry::node_rect(node));
                let from = vp.canvas_from_screen(origin, interact::handle_pos(start));
                let to = vp.canvas_from_screen(origin, *to);
                let points = [geometry::plain_pos(from), geometry::plain_pos(to)];
                let mut out = Vec::new();
                scene::edges::arrow(
                    &mut out,
                    EdgeKind::Sync,
                    &points,
                    false,
                    scene::edges::EdgePaint {
                        color: theme.palette.edge_color(EdgeKind::Sync),
                        width: scene::edges::EDGE_STROKE,
                        dashes: true,
                        min_head: 5.0 / vp.zoom,
                        background: theme.palette.background,
                    },
                );
                paint::paint(painter, Screen { vp, origin }, &out);
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
        interact::Gesture::MoveNodes { align, .. } => {
            let stroke = Stroke::new(1.0, theme.guide);
            for guide in &align.guides {
                let [a, b] = [guide.from, guide.to]
                    .map(|q| vp.screen_from_canvas(origin, egui::pos2(q.x, q.y)));
                // A little past both ends, so a guide along a box's edge
                // shows beyond it.
                let out = (b - a).normalized() * 8.0;
                painter.line_segment([a - out, b + out], stroke);
            }
        }
        interact::Gesture::Idle => {}
    }
}

fn handle_input(
    ui: &Ui,
    response: &egui::Response,
    layout: &Layout,
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
        state.viewport = (!layout.nodes.is_empty())
            .then_some(geometry::rect(layout.bounds))
            .into_iter()
            .chain(ghost_rects)
            .reduce(Rect::union)
            .map_or_else(Viewport::default, |bounds| {
                Viewport::fit(bounds.expand(12.0), rect.size(), 24.0)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(ctx: &egui::Context, d: &Diagram, state: &mut CanvasState) {
        let input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(800.0, 600.0),
            )),
            ..egui::RawInput::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            canvas_ui(
                ui,
                d,
                state,
                Decor {
                    editable: true,
                    revision: Some(1),
                    ..Decor::default()
                },
            );
        });
        output.textures_delta.clear();
        ctx.tessellate(output.shapes, output.pixels_per_point);
    }

    #[test]
    fn far_out_the_canvas_refills_one_mesh_frame_after_frame() {
        let d = crate::content::references::REFERENCES[0]
            .load()
            .unwrap_or_default();
        let ctx = egui::Context::default();
        let mut state = CanvasState::default();
        frame(&ctx, &d, &mut state);
        state.viewport.zoom = 0.1;
        frame(&ctx, &d, &mut state);
        let first: Vec<_> = state.meshes.pointers();
        assert!(!first.is_empty(), "far out, the drawing is batched");
        for _ in 0..3 {
            frame(&ctx, &d, &mut state);
            assert_eq!(state.meshes.pointers(), first);
        }
        state.viewport.zoom = 1.0;
        frame(&ctx, &d, &mut state);
        assert!(
            state.meshes.pointers().is_empty(),
            "close up nothing is kept"
        );
    }
}
