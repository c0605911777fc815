//! SVG of a diagram, drawn the way the canvas draws it in light mode:
//! boundaries as dashed containers, edges with their kind's colour, dashes
//! and arrowhead, nodes with their kind's shape, tag and wrapped label.
//! Deterministic (fixed number formatting, document order) and fitted to
//! its content.

use std::collections::BTreeMap;
use std::f32::consts::PI;
use std::fmt::Write as _;

use super::font;
use super::geometry::{P, PARALLEL_SPACING, R, edge_segment, node_rect, p, parallel_offsets};
use super::labels;
use super::palette::{self, Rgba};
use super::shapes::node_shape;
use super::writer::{Canvas, N, fill, stroke, xml};
use crate::model::{Diagram, Edge, EdgeKind};

/// Boundary padding around its members, as on the canvas.
const BOUNDARY_PADDING: f32 = 18.0;
/// Empty space around the picture.
const MARGIN: f32 = 24.0;
/// The font family named in the SVG; rasterising loads it from the binary.
pub const FONT_FAMILY: &str = "DejaVu Sans";

const EDGE_STROKE: f32 = 1.6;
const ARROW_HEAD: f32 = 10.0;

/// The diagram as a standalone SVG document, fitted to its content.
#[must_use]
pub fn svg(diagram: &Diagram) -> String {
    let mut canvas = Canvas {
        body: String::with_capacity(512 + diagram.nodes.len() * 700),
        bounds: None,
    };
    let containers = boundary_rects(diagram);
    boundaries(&mut canvas, diagram, &containers);
    edges(&mut canvas, diagram, &containers);
    for node in &diagram.nodes {
        node_shape(&mut canvas, node);
    }
    let bounds = canvas
        .bounds
        .unwrap_or(R {
            min: p(0.0, 0.0),
            max: p(200.0, 100.0),
        })
        .expand2(MARGIN, MARGIN);
    let (x, y) = (bounds.min.x.floor(), bounds.min.y.floor());
    let (w, h) = ((bounds.max.x - x).ceil(), (bounds.max.y - y).ceil());
    let mut out = String::with_capacity(canvas.body.len() + 600);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {} {}\" width=\"{}\" height=\"{}\" font-family=\"{FONT_FAMILY}\">",
        N(x),
        N(y),
        N(w),
        N(h),
        N(w),
        N(h)
    );
    if !diagram.title.is_empty() {
        let _ = writeln!(out, "<title>{}</title>", xml(&diagram.title));
    }
    if !diagram.description.is_empty() {
        let _ = writeln!(out, "<desc>{}</desc>", xml(&diagram.description));
    }
    let _ = writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {}/>",
        N(x),
        N(y),
        N(w),
        N(h),
        fill(palette::BACKGROUND)
    );
    out.push_str(&canvas.body);
    out.push_str("</svg>\n");
    out
}

/// The least extent the picture of `diagram` has (its boxes and
/// containers and the margin; edges, labels and loops only add to it), in
/// canvas units, computed without drawing: big pictures are refused on it
/// before anything is allocated.
#[must_use]
pub fn least_extent(diagram: &Diagram) -> Option<(f32, f32)> {
    let boxes = diagram.nodes.iter().map(node_rect);
    let containers = boundary_rects(diagram).into_iter().map(|(_, r)| r);
    let r = boxes
        .chain(containers)
        .reduce(R::union)?
        .expand2(MARGIN, MARGIN);
    Some((r.w(), r.h()))
}

/// Room a boundary leaves around a nested boundary, and above it for its
/// own title.
const NESTED_GAP: f32 = 8.0;
const TITLE_ROOM: f32 = 16.0;

/// Container rectangles (boundary index, rectangle), deepest first,
/// computed inside-out: a boundary holds its member
/// nodes with the canvas' padding, and its nested boundaries with a small
/// gap and room for its own title above theirs. (For a boundary without
/// nested ones this is exactly the canvas' rectangle.)
#[must_use]
pub fn boundary_rects(diagram: &Diagram) -> Vec<(usize, R)> {
    let count = diagram.boundaries.len();
    let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, b) in diagram.boundaries.iter().enumerate() {
        by_id.entry(b.id.as_str()).or_insert(i);
    }
    // Each boundary's parent (a boundary naming itself has none), and the
    // children of each.
    let parent: Vec<Option<usize>> = diagram
        .boundaries
        .iter()
        .map(|b| {
            let p = by_id.get(b.parent.as_ref()?.as_str()).copied()?;
            (diagram.boundaries[p].id != b.id).then_some(p)
        })
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (c, p) in parent.iter().enumerate() {
        if let Some(p) = *p {
            children[p].push(c);
        }
    }
    let depth = depths(&parent);
    let mut order: Vec<(usize, usize)> = (0..count).map(|i| (depth[i], i)).collect();
    // Deepest first, so children are known before their parents.
    order.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut rects: Vec<Option<R>> = vec![None; count];
    let nodes: BTreeMap<&str, &crate::model::Node> =
        diagram.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut out = Vec::with_capacity(order.len());
    for (depth, i) in order {
        let boundary = &diagram.boundaries[i];
        #[expect(clippy::cast_precision_loss, reason = "a padding factor")]
        let pad = BOUNDARY_PADDING * (1.0 + 0.5 / (1.0 + depth as f32));
        let nodes = boundary
            .nodes
            .iter()
            .filter_map(|id| nodes.get(id.as_str()).copied())
            .map(node_rect)
            .reduce(R::union)
            .map(|b| R {
                min: p(b.min.x - pad, b.min.y - pad - TITLE_ROOM),
                max: p(b.max.x + pad, b.max.y + pad),
            });
        let children = children[i]
            .iter()
            .filter_map(|&c| rects[c])
            .reduce(R::union)
            .map(|b| R {
                min: p(b.min.x - NESTED_GAP, b.min.y - NESTED_GAP - TITLE_ROOM),
                max: p(b.max.x + NESTED_GAP, b.max.y + NESTED_GAP),
            });
        let Some(rect) = nodes.into_iter().chain(children).reduce(R::union) else {
            continue;
        };
        rects[i] = Some(rect);
        out.push((i, rect));
    }
    // Outer boundaries are painted first, so nested ones sit on top.
    out.reverse();
    out
}

/// Nesting depth of each boundary (0 for top level) in one pass over the
/// parent links; boundaries caught in a parent cycle count as deeper than
/// any other.
fn depths(parent: &[Option<usize>]) -> Vec<usize> {
    const UNKNOWN: usize = usize::MAX;
    let cyclic = parent.len() + 1;
    let mut depth = vec![UNKNOWN; parent.len()];
    let mut on_path = vec![false; parent.len()];
    for start in 0..parent.len() {
        let mut path = Vec::new();
        let mut current = Some(start);
        let base = loop {
            match current {
                None => break 0,
                Some(b) if depth[b] != UNKNOWN => break depth[b] + 1,
                Some(b) if on_path[b] => break cyclic,
                Some(b) => {
                    on_path[b] = true;
                    path.push(b);
                    current = parent[b];
                }
            }
        };
        for (d, &b) in (base..).zip(path.iter().rev()) {
            on_path[b] = false;
            depth[b] = if base >= cyclic { cyclic } else { d };
        }
    }
    depth
}

fn boundaries(canvas: &mut Canvas, diagram: &Diagram, containers: &[(usize, R)]) {
    let attrs = format!(
        "{} {} stroke-dasharray=\"9 5\"",
        fill(palette::BOUNDARY_FILL),
        stroke(palette::BOUNDARY, 1.3)
    );
    for &(i, rect) in containers {
        canvas.rect(rect, 10.0, &attrs);
        let _ = writeln!(
            canvas.body,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" {}>{}</text>",
            N(rect.min.x + 8.0),
            N(rect.min.y + 5.0 + font::ascent(labels::BOUNDARY_TITLE_SIZE)),
            N(labels::BOUNDARY_TITLE_SIZE),
            fill(palette::BOUNDARY),
            xml(&diagram.boundaries[i].label)
        );
    }
}

fn edges(canvas: &mut Canvas, diagram: &Diagram, containers: &[(usize, R)]) {
    let offsets = parallel_offsets(&diagram.edges, PARALLEL_SPACING);
    let label_rects = labels::edge_label_rects(diagram, &offsets, containers);
    let mut placed = Vec::new();
    let nodes: BTreeMap<&str, &crate::model::Node> =
        diagram.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let styles: Vec<EdgeStyle> = EdgeKind::ALL.iter().map(|&k| EdgeStyle::of(k)).collect();
    for ((edge, offset), label) in diagram.edges.iter().zip(offsets).zip(label_rects) {
        let (Some(&from), Some(&to)) = (nodes.get(edge.from.as_str()), nodes.get(edge.to.as_str()))
        else {
            continue;
        };
        let color = palette::edge_color(edge.kind);
        if edge.from == edge.to {
            self_loop(canvas, node_rect(from), edge.kind, color);
        } else {
            let [a, b] = edge_segment(node_rect(from), node_rect(to), offset);
            let style = &styles[EdgeKind::ALL
                .iter()
                .position(|&k| k == edge.kind)
                .unwrap_or(0)];
            edge_line(canvas, style, [a, b]);
        }
        if let Some(rect) = label {
            placed.push((edge, rect, color));
        }
    }
    // Labels last, so no line crosses them.
    for (edge, rect, color) in placed {
        edge_label(canvas, edge, rect, color);
    }
}

fn dash_attr(kind: EdgeKind) -> String {
    palette::edge_dash(kind).map_or_else(String::new, |(dash, gap)| {
        format!(" stroke-dasharray=\"{} {}\"", N(dash), N(gap))
    })
}

/// The attributes of an edge kind's line and arrowhead, written once per
/// picture rather than once per edge.
struct EdgeStyle {
    line: String,
    head: String,
}

impl EdgeStyle {
    fn of(kind: EdgeKind) -> Self {
        let color = palette::edge_color(kind);
        let width = if kind == EdgeKind::Compensation {
            EDGE_STROKE * 1.2
        } else {
            EDGE_STROKE
        };
        Self {
            line: format!("{}{}", stroke(color, width), dash_attr(kind)),
            head: head_attrs(color, kind == EdgeKind::Compensation),
        }
    }
}

fn edge_line(canvas: &mut Canvas, style: &EdgeStyle, [a, b]: [P; 2]) {
    let dir = (b - a).normalized();
    let base = b - dir * ARROW_HEAD;
    let _ = writeln!(
        canvas.body,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" {}/>",
        N(a.x),
        N(a.y),
        N(base.x),
        N(base.y),
        style.line
    );
    canvas.grow(R { min: a, max: a }.union(R { min: b, max: b }));
    arrow_head(canvas, b, dir, ARROW_HEAD, &style.head);
}

/// An arrowhead's paint: filled, or hollow for compensations.
fn head_attrs(color: Rgba, hollow: bool) -> String {
    if hollow {
        format!(
            "fill=\"{}\" {} stroke-linejoin=\"round\"",
            palette::BACKGROUND.hex(),
            stroke(color, EDGE_STROKE)
        )
    } else {
        fill(color)
    }
}

fn arrow_head(canvas: &mut Canvas, tip: P, dir: P, size: f32, attrs: &str) {
    let normal = p(-dir.y, dir.x);
    let base = tip - dir * size;
    let list = [
        tip,
        base + normal * (size * 0.45),
        base - normal * (size * 0.45),
    ];
    canvas.polygon(&list, attrs);
}

/// A loop on the node's top-right corner.
fn self_loop(canvas: &mut Canvas, rect: R, kind: EdgeKind, color: Rgba) {
    let r = labels::SELF_LOOP_RADIUS;
    let center = labels::self_loop_center(rect);
    let list: Vec<P> = (0..=20)
        .map(|i| {
            #[expect(clippy::cast_precision_loss, reason = "twenty steps")]
            let t = PI * (0.9 - 1.6 * i as f32 / 20.0);
            center + p(t.cos(), -t.sin()) * r
        })
        .collect();
    let dash = if kind == EdgeKind::Sync {
        String::new()
    } else {
        " stroke-dasharray=\"6 4\"".to_owned()
    };
    canvas.polyline(&list, &format!("{}{dash}", stroke(color, EDGE_STROKE)));
    canvas.grow(R::centered(center, 2.0 * r, 2.0 * r));
    let end = list[list.len() - 1];
    let dir = (end - list[list.len() - 2]).normalized();
    let head = head_attrs(color, kind == EdgeKind::Compensation);
    arrow_head(canvas, end, dir, 8.0, &head);
}

fn edge_label(canvas: &mut Canvas, edge: &Edge, rect: R, color: Rgba) {
    let lines: Vec<String> = edge.label.lines().map(str::to_owned).collect();
    #[expect(clippy::cast_precision_loss, reason = "a few lines")]
    let height = font::line_height(labels::EDGE_LABEL_SIZE) * lines.len().max(1) as f32;
    let at = rect.center();
    canvas.rect(rect, 3.0, &fill(palette::LABEL_BACKGROUND));
    canvas.text_lines(
        &lines,
        at.x,
        at.y - height * 0.5,
        labels::EDGE_LABEL_SIZE,
        color,
    );
}
