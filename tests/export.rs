//! Pictures and the `export` command: SVG parses (usvg), is deterministic,
//! escapes labels, fits its content and carries every label as text; PNG
//! decodes at the requested size with its text rendered; the palette
//! matches the canvas; `archdrill export` writes by extension and writes
//! nothing on failure.
#![expect(clippy::expect_used, reason = "test helpers fail loudly")]

mod common;

use common::archdrill;
use std::path::Path;

use archdrill::content::references::{self, REFERENCES};
use archdrill::export::{self, ExportError};
use archdrill::model::{
    Boundary, BoundaryId, Diagram, Edge, EdgeKind, Node, NodeId, NodeKind, Point,
};
use archdrill::scene::palette;
use resvg::usvg;

fn reference(id: &str) -> Diagram {
    references::find(id)
        .expect("reference")
        .load()
        .expect("loads")
}

fn parse(svg: &str) -> usvg::Tree {
    let mut options = usvg::Options::default();
    options
        .fontdb_mut()
        .load_font_data(archdrill::content::DIAGRAM_FONT_TTF.to_vec());
    usvg::Tree::from_str(svg, &options).expect("the SVG parses")
}

/// Every text string in a parsed SVG.
fn texts(tree: &usvg::Tree) -> Vec<String> {
    fn walk(group: &usvg::Group, out: &mut Vec<String>) {
        for node in group.children() {
            match node {
                usvg::Node::Group(g) => walk(g, out),
                usvg::Node::Text(t) => out.extend(t.chunks().iter().map(|c| c.text().to_owned())),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(tree.root(), &mut out);
    out
}

/// Pixels for a length in SVG units: rounded up, as the rasteriser does.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "picture sizes are small and positive"
)]
fn px(units: f32) -> u32 {
    units.ceil() as u32
}

fn view_box(svg: &str) -> [f32; 4] {
    let inside = svg
        .split("viewBox=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a viewBox");
    let numbers: Vec<f32> = inside
        .split_whitespace()
        .map(|n| n.parse().expect("a number"))
        .collect();
    [numbers[0], numbers[1], numbers[2], numbers[3]]
}

#[test]
fn every_reference_gives_a_parsable_deterministic_fitted_svg() {
    for r in REFERENCES {
        let diagram = r.load().expect("loads");
        let svg = export::svg(&diagram);
        assert_eq!(svg, export::svg(&diagram), "{}: not deterministic", r.id);
        assert!(svg.contains("font-family=\"DejaVu Sans\""), "{}", r.id);
        let tree = parse(&svg);
        let [x, y, w, h] = view_box(&svg);
        assert!((tree.size().width() - w).abs() < 0.5, "{}", r.id);
        for node in &diagram.nodes {
            let size = node.size();
            assert!(
                node.pos.x - size.w / 2.0 >= x
                    && node.pos.x + size.w / 2.0 <= x + w
                    && node.pos.y - size.h / 2.0 >= y
                    && node.pos.y + size.h / 2.0 <= y + h,
                "{}: node {} outside the viewBox",
                r.id,
                node.id
            );
        }
        // Fitted: no more than the margin plus a boundary's padding around
        // the content.
        let left = diagram
            .nodes
            .iter()
            .map(|n| n.pos.x - n.size().w / 2.0)
            .fold(f32::INFINITY, f32::min);
        assert!(left - x < 80.0, "{}: {left} vs {x}", r.id);
        // Every node label and edge label is there as text.
        let all = texts(&tree).join("\n");
        for node in &diagram.nodes {
            for word in node.label.split_whitespace() {
                assert!(all.contains(word), "{}: {word:?} missing", r.id);
            }
        }
        for edge in &diagram.edges {
            assert!(
                all.contains(edge.label.as_str()),
                "{}: {:?}",
                r.id,
                edge.label
            );
        }
    }
}

fn nasty() -> Diagram {
    let mut d = Diagram {
        title: "<title> & \"quotes\"".to_owned(),
        ..Diagram::default()
    };
    d.nodes.push(Node::new(
        "a",
        "<script>alert(\"x\")</script> & 'q'",
        NodeKind::Service,
        Point::new(0.0, 0.0),
    ));
    d.nodes.push(Node::new(
        "b",
        "]]><!-- -->",
        NodeKind::Cache,
        Point::new(300.0, 0.0),
    ));
    let mut e = Edge::new("e", "a", "b", EdgeKind::Data);
    "<b>bold</b> & \"q\"".clone_into(&mut e.label);
    d.edges.push(e);
    d.boundaries.push(Boundary {
        id: BoundaryId::from("g"),
        label: "</svg>".to_owned(),
        parent: None,
        nodes: vec![NodeId::from("a")],
    });
    d
}

#[test]
fn labels_are_escaped() {
    let svg = export::svg(&nasty());
    assert!(!svg.contains("<script"), "{svg}");
    assert!(!svg.contains("<b>") && !svg.contains("<!--"), "{svg}");
    assert_eq!(svg.matches("</svg>").count(), 1);
    // Wrapped into lines, each escaped.
    assert!(svg.contains(">&lt;script&gt;alert(&quot;x&quot;)"), "{svg}");
    assert!(svg.contains(" &amp; &#39;q&#39;<"), "{svg}");
    let all = texts(&parse(&svg)).join(" ");
    assert!(
        all.contains("<script>alert(\"x\")</ script> & 'q'"),
        "{all}"
    );
    assert!(all.contains("<b>bold</b> & \"q\""), "{all}");
    assert!(all.contains("</svg>"), "{all}");
}

#[test]
fn edges_and_nodes_are_styled_per_kind() {
    let mut d = Diagram::default();
    for (i, kind) in NodeKind::ALL.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "fourteen kinds")]
        let pos = Point::new(i as f32 * 220.0, 0.0);
        d.nodes
            .push(Node::new(&format!("n{i}"), kind.title(), *kind, pos));
    }
    for (i, kind) in EdgeKind::ALL.iter().enumerate() {
        d.edges.push(Edge::new(
            &format!("e{i}"),
            &format!("n{i}"),
            &format!("n{}", i + 1),
            *kind,
        ));
    }
    let svg = export::svg(&d);
    for kind in NodeKind::ALL {
        let (fill, stroke) = palette::node_colors(kind);
        assert!(
            svg.contains(&fill.hex()) && svg.contains(&stroke.hex()),
            "{kind}"
        );
    }
    for kind in EdgeKind::ALL {
        assert!(svg.contains(&palette::edge_color(kind).hex()), "{kind}");
    }
    for dash in ["8 5", "2.5 3.5", "12 4", "7 4"] {
        assert!(
            svg.contains(&format!("stroke-dasharray=\"{dash}\"")),
            "{dash}"
        );
    }
    // Cylinders for stores, a hexagon for the bus, arrowheads.
    assert!(svg.contains(" A"), "no elliptical arcs");
    assert!(svg.matches("<polygon").count() >= 4 + 3);
    parse(&svg);
}

#[test]
fn nested_boundaries_contain_each_other_with_room_for_titles() {
    let mut d = Diagram::default();
    d.nodes.push(Node::new(
        "svc",
        "Order service",
        NodeKind::Service,
        Point::new(0.0, 0.0),
    ));
    d.nodes.push(Node::new(
        "db",
        "Orders DB",
        NodeKind::Database,
        Point::new(0.0, 150.0),
    ));
    for (id, parent, nodes) in [
        ("outer", None, vec![]),
        ("inner", Some("outer"), vec!["db", "svc"]),
    ] {
        d.boundaries.push(Boundary {
            id: BoundaryId::from(id),
            label: id.to_owned(),
            parent: parent.map(BoundaryId::from),
            nodes: nodes.into_iter().map(NodeId::from).collect(),
        });
    }
    let svg = export::svg(&d);
    let rects: Vec<[f32; 4]> = svg
        .lines()
        .filter(|l| l.starts_with("<rect") && l.contains("stroke-dasharray=\"9 5\""))
        .map(|l| {
            let attr = |name: &str| -> f32 {
                l.split(&format!(" {name}=\""))
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                    .expect("attribute")
                    .parse()
                    .expect("number")
            };
            [attr("x"), attr("y"), attr("width"), attr("height")]
        })
        .collect();
    assert_eq!(rects.len(), 2, "{svg}");
    let ([ox, oy, ow, oh], [ix, iy, iw, ih]) = (rects[0], rects[1]);
    assert!(
        ox < ix && ix + iw < ox + ow && oy + oh > iy + ih,
        "{rects:?}"
    );
    assert!(iy - oy >= 20.0, "no room for the outer title: {rects:?}");
}

#[test]
fn the_palette_matches_the_canvas() {
    use archdrill::ui::theme::CanvasTheme;
    let theme = CanvasTheme::new(false);
    let rgb = |c: egui::Color32| (c.r(), c.g(), c.b());
    let ours = |c: palette::Rgba| (c.0, c.1, c.2);
    for kind in NodeKind::ALL {
        let (fill, stroke) = theme.node_colors(kind);
        let (our_fill, our_stroke) = palette::node_colors(kind);
        assert_eq!(
            (ours(our_fill), ours(our_stroke)),
            (rgb(fill), rgb(stroke)),
            "{kind}"
        );
    }
    for kind in EdgeKind::ALL {
        assert_eq!(
            ours(palette::edge_color(kind)),
            rgb(theme.edge_color(kind)),
            "{kind}"
        );
    }
    assert_eq!(ours(palette::BACKGROUND), rgb(theme.background));
    assert_eq!(ours(palette::TEXT), rgb(theme.text));
    assert_eq!(ours(palette::BOUNDARY), rgb(theme.boundary));
}

#[test]
fn png_decodes_at_the_requested_size() {
    let diagram = reference("saga");
    let [_, _, w, h] = view_box(&export::svg(&diagram));
    for scale in [1.0, 2.0, 0.5] {
        let bytes = export::png(&diagram, scale).expect("renders");
        let image = image::load_from_memory(&bytes).expect("decodes");
        assert_eq!(
            (image.width(), image.height()),
            (px(w * scale), px(h * scale)),
            "scale {scale}"
        );
    }
    assert_eq!(
        export::png(&diagram, 2.0).ok(),
        export::png(&diagram, 2.0).ok()
    );
}

/// Dark pixels in a PNG: text and outlines.
fn ink(bytes: &[u8]) -> usize {
    let image = image::load_from_memory(bytes).expect("decodes").to_luma8();
    image.pixels().filter(|p| p.0[0] < 100).count()
}

#[test]
fn png_text_is_rendered_with_the_embedded_font() {
    let one = |label: &str| {
        let mut d = Diagram::default();
        d.nodes
            .push(Node::new("a", label, NodeKind::Other, Point::new(0.0, 0.0)));
        export::png(&d, 2.0).expect("renders")
    };
    let short = ink(&one("i"));
    let long = ink(&one("MMMM WWWW"));
    assert!(
        long > short + 400,
        "text is not drawn: {short} vs {long} dark pixels"
    );
}

#[test]
fn multi_line_labels_stay_multi_line_in_svg_png_and_mermaid() {
    let one = |label: &str| {
        let mut d = Diagram::default();
        d.nodes.push(Node::new(
            "a",
            label,
            NodeKind::Service,
            Point::new(0.0, 0.0),
        ));
        d
    };
    let two_lines = one("Order\nservice");
    let svg = export::svg(&two_lines);
    let lines: Vec<String> = texts(&parse(&svg))
        .into_iter()
        .filter(|t| t == "Order" || t == "service")
        .collect();
    assert_eq!(lines, ["Order", "service"], "{svg}");
    // The second line is drawn below the first.
    let y_of = |word: &str| {
        svg.lines()
            .find(|l| l.ends_with(&format!(">{word}</text>")))
            .and_then(|l| l.split("y=\"").nth(1))
            .and_then(|rest| rest.split('"').next())
            .and_then(|y| y.parse::<f32>().ok())
            .expect("a text line")
    };
    assert!(y_of("service") > y_of("Order") + 10.0);
    // PNG: the same ink as on one line, give or take the layout.
    let png = export::png(&two_lines, 2.0).expect("renders");
    let image = image::load_from_memory(&png).expect("decodes");
    let one_line = export::png(&one("Order service"), 2.0).expect("renders");
    let ink_one = ink(&one_line);
    let ink_two = ink(&png);
    assert!(
        ink_two * 10 > ink_one * 8 && ink_two * 10 < ink_one * 12,
        "{ink_one} vs {ink_two}"
    );
    assert!(image.height() > 0);
    // Mermaid: a `<br>` that comes back as the same line break.
    let text = archdrill::mermaid::export(&two_lines);
    assert!(text.contains("Order<br>service"), "{text}");
    let back = archdrill::mermaid::import(&text, "two.mmd").expect("imports");
    assert_eq!(back.nodes[0].label, "Order\nservice");
}

#[test]
fn bad_scales_and_huge_pictures_are_errors() {
    let diagram = reference("five-tier");
    for scale in [0.0, -1.0, f32::NAN, f32::INFINITY] {
        assert!(
            matches!(export::png(&diagram, scale), Err(ExportError::BadScale(_))),
            "{scale}"
        );
    }
    let err = export::png(&diagram, 500.0).expect_err("too large");
    assert!(matches!(err, ExportError::TooLarge { .. }));
    assert!(err.to_string().contains("--scale"), "{err}");
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

#[test]
fn cli_exports_by_extension() {
    let dir = tempfile::tempdir().expect("temp dir");
    for ext in ["svg", "png", "mmd", "ron", "mermaid"] {
        let out = dir.path().join(format!("five-tier.{ext}"));
        let o = archdrill(&["export", "five-tier", "-o", path_str(&out)]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{ext}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let bytes = std::fs::read(&out).expect("written");
        match ext {
            "svg" => assert!(bytes.starts_with(b"<svg ")),
            "png" => assert!(bytes.starts_with(b"\x89PNG")),
            "mmd" | "mermaid" => assert!(String::from_utf8_lossy(&bytes).contains("flowchart LR")),
            _ => {
                let text = String::from_utf8(bytes).expect("utf-8");
                let back = archdrill::model::file::from_ron(&text, "x.ron").expect("loads");
                assert_eq!(back, reference("five-tier"));
            }
        }
    }
    // Default --scale is 2; --scale changes the size.
    let one = dir.path().join("one.png");
    let o = archdrill(&["export", "saga", "-o", path_str(&one), "--scale", "1"]);
    assert_eq!(o.status.code(), Some(0));
    let two = image::open(dir.path().join("five-tier.png")).expect("png");
    let [_, _, w, _] = view_box(&export::svg(&reference("five-tier")));
    assert_eq!(two.width(), px(w * 2.0));
    let saga = image::open(&one).expect("png");
    let [_, _, w, _] = view_box(&export::svg(&reference("saga")));
    assert_eq!(saga.width(), px(w));
    // A Mermaid file exports too, and inspect reads it.
    let mmd = dir.path().join("five-tier.mmd");
    let o = archdrill(&["inspect", path_str(&mmd), "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(json["nodes"], 18);
    assert_eq!(json["groups"], 2);
    let svg = dir.path().join("from-mermaid.svg");
    let o = archdrill(&["export", path_str(&mmd), "-o", path_str(&svg)]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn cli_export_failures_write_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let keep = dir.path().join("keep.svg");
    std::fs::write(&keep, "old").expect("write");
    let pdf = dir.path().join("x.pdf");
    let png = dir.path().join("x.png");
    let bad = dir.path().join("bad.mmd");
    std::fs::write(&bad, "flowchart LR\n  A --> B[unclosed\n").expect("write");
    let cases: [(&[&str], &str); 4] = [
        (
            &["export", path_str(&bad), "-o", path_str(&keep)],
            "bad.mmd:2:",
        ),
        (
            &["export", "no-such-diagram", "-o", path_str(&keep)],
            "no-such-diagram",
        ),
        (
            &["export", "saga", "-o", path_str(&pdf)],
            "unknown output type",
        ),
        (
            &["export", "saga", "-o", path_str(&png), "--scale", "0"],
            "scale",
        ),
    ];
    for (args, message) in cases {
        let o = archdrill(args);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    assert_eq!(std::fs::read_to_string(&keep).expect("kept"), "old");
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 2, "stray files: {left:?}");
}

#[test]
fn cli_validate_and_check_accept_mermaid() {
    let dir = tempfile::tempdir().expect("temp dir");
    let drawing = dir.path().join("drawing.mermaid");
    std::fs::write(
        &drawing,
        "flowchart LR\n  app[Mobile app] --> cdn[Cloudflare CDN] --> gw[API Gateway]\n  gw --> svc[Order service] --> db[(Orders DB)]\n",
    )
    .expect("write");
    let o = archdrill(&["validate", path_str(&drawing)]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = archdrill(&[
        "check",
        path_str(&drawing),
        "--against",
        "five-tier",
        "--json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(codes.contains(&"missing-cache"), "{codes:?}");
    assert!(!codes.contains(&"missing-gateway"), "{codes:?}");
    let broken = dir.path().join("broken.mmd");
    std::fs::write(&broken, "flowchart LR\n  a --> b\n  b -->\n").expect("write");
    let o = archdrill(&["validate", path_str(&broken)]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("broken.mmd:3:8: "), "{stderr}");
    assert!(stderr.contains("expected"), "{stderr}");
}

/// `--title` and `--legend` add a title and a legend to pictures; without
/// them the output is byte for byte what it was; Mermaid and RON refuse
/// them and write nothing.
#[test]
fn cli_title_and_legend_frame_pictures_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = dir.path().join("plain.svg");
    let o = archdrill(&["export", "saga", "-o", path_str(&plain)]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&plain).expect("written"),
        export::svg(&reference("saga")),
        "no flags: the plain picture"
    );
    let framed = dir.path().join("framed.svg");
    let o = archdrill(&[
        "export",
        "saga",
        "-o",
        path_str(&framed),
        "--title",
        "Checkout saga",
        "--legend",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let svg = std::fs::read_to_string(&framed).expect("written");
    let all = texts(&parse(&svg)).join("\n");
    assert!(all.contains("Checkout saga"), "{all}");
    for name in [
        "Service",
        "Message bus",
        "External API",
        "Async event",
        "Compensation",
    ] {
        assert!(all.contains(name), "{name} in the legend");
    }
    assert!(!all.contains("Load balancer"), "only the kinds used");
    let own = dir.path().join("own.png");
    let o = archdrill(&[
        "export",
        "saga",
        "-o",
        path_str(&own),
        "--scale",
        "1",
        "--title",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let image = image::open(&own).expect("png");
    let [_, _, _, h] = view_box(&export::svg(&reference("saga")));
    assert!(image.height() > px(h) + 30, "room for the title");
    let titled = export::svg_with(
        &reference("saga"),
        &export::Picture {
            title: Some(reference("saga").title),
            legend: false,
        },
    );
    assert!(
        titled.contains(">Order saga (choreography)</text>"),
        "--title alone: the drawing's own title"
    );
    for ext in ["mmd", "ron"] {
        let out = dir.path().join(format!("x.{ext}"));
        let o = archdrill(&["export", "saga", "-o", path_str(&out), "--legend"]);
        assert_eq!(o.status.code(), Some(2), "{ext}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("pictures only"));
        assert!(!out.exists());
    }
}
