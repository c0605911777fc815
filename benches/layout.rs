//! Tidy's speed goal (issue #3): on a 200-node / 400-edge graph, no slower
//! than Graphviz `dot -Tsvg` on the same graph. Both run in this bench
//! (dot as a process, the way a user would run it); without `dot` on the
//! PATH its part is skipped with a note.

use std::fmt::Write as _;
use std::hint::black_box;
use std::io::Write as _;
use std::process::{Command, Stdio};

use archdrill::layout::{metrics, tidy};
use archdrill::model::{Boundary, BoundaryId, Diagram, Edge, EdgeKind, Node, NodeKind, Point};
use criterion::{Criterion, criterion_group, criterion_main};

/// A small deterministic generator (64-bit LCG, high bits).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        u32::try_from(self.0 >> 33).unwrap_or(0)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next()).unwrap_or(0) % n.max(1)
    }
}

/// Kinds in the proportions of a big real drawing.
const KINDS: [(NodeKind, usize); 10] = [
    (NodeKind::Client, 4),
    (NodeKind::Edge, 2),
    (NodeKind::LoadBalancer, 2),
    (NodeKind::Gateway, 3),
    (NodeKind::Service, 36),
    (NodeKind::Database, 20),
    (NodeKind::Cache, 8),
    (NodeKind::Bus, 5),
    (NodeKind::Worker, 12),
    (NodeKind::External, 8),
];

/// A seeded random drawing: `nodes` boxes of mixed kinds scattered on the
/// canvas, `edges` arrows (mostly along the tiers, some against them, some
/// between services), and a boundary around every tenth service with a
/// couple of the stores it uses.
fn random_diagram(nodes: usize, edges: usize, seed: u64) -> Diagram {
    let mut rng = Lcg(seed);
    let total: usize = KINDS.iter().map(|(_, w)| w).sum();
    let mut d = Diagram {
        title: "Random platform".to_owned(),
        ..Diagram::default()
    };
    for i in 0..nodes {
        let mut pick = rng.below(total);
        let kind = KINDS
            .iter()
            .find(|(_, w)| {
                let hit = pick < *w;
                pick = pick.saturating_sub(*w);
                hit
            })
            .map_or(NodeKind::Service, |(k, _)| *k);
        #[expect(clippy::cast_precision_loss, reason = "small canvas coordinates")]
        let pos = Point::new(rng.below(4000) as f32, rng.below(3000) as f32);
        d.nodes.push(Node::new(
            &format!("n{i}"),
            &format!("{} {i}", kind.title()),
            kind,
            pos,
        ));
    }
    let tier = |k: NodeKind| NodeKind::ALL.iter().position(|&x| x == k).unwrap_or(0);
    let mut made = 0;
    while made < edges {
        let (a, b) = (rng.below(nodes), rng.below(nodes));
        if a == b {
            continue;
        }
        let (ka, kb) = (d.nodes[a].kind, d.nodes[b].kind);
        // Mostly along the reading order; a fifth against it.
        let (from, to) = if (tier(ka) <= tier(kb)) == (rng.below(5) != 0) {
            (a, b)
        } else {
            (b, a)
        };
        let kind = match d.nodes[to].kind {
            NodeKind::Database | NodeKind::Cache | NodeKind::Storage | NodeKind::Search => {
                EdgeKind::Data
            }
            NodeKind::Bus | NodeKind::Worker => EdgeKind::Async,
            _ if d.nodes[from].kind == NodeKind::Bus => EdgeKind::Async,
            _ => EdgeKind::Sync,
        };
        let (f, t) = (d.nodes[from].id.0.clone(), d.nodes[to].id.0.clone());
        d.edges.push(Edge::new(&format!("e{made}"), &f, &t, kind));
        made += 1;
    }
    let services: Vec<usize> = (0..nodes)
        .filter(|&i| d.nodes[i].kind == NodeKind::Service)
        .collect();
    let mut taken = vec![false; nodes];
    for (k, &s) in services.iter().enumerate().filter(|(k, _)| k % 10 == 0) {
        let id = d.nodes[s].id.clone();
        let mut members = vec![id.clone()];
        taken[s] = true;
        for edge in &d.edges {
            let Some(t) = d.nodes.iter().position(|n| n.id == edge.to) else {
                continue;
            };
            if edge.from == id && edge.kind == EdgeKind::Data && !taken[t] && members.len() < 3 {
                taken[t] = true;
                members.push(edge.to.clone());
            }
        }
        d.boundaries.push(Boundary {
            id: BoundaryId::from(format!("b{k}").as_str()),
            label: format!("Context {k}"),
            parent: None,
            nodes: members,
        });
    }
    d
}

/// The same drawing in Graphviz's language: box sizes in inches, left to
/// right, the boundaries as clusters if `clusters`.
fn dot_source(d: &Diagram, clusters: bool) -> String {
    let mut out = String::from("digraph G {\n  rankdir=LR;\n  node [shape=box, fixedsize=true];\n");
    for b in d.boundaries.iter().filter(|_| clusters) {
        let _ = writeln!(
            out,
            "  subgraph cluster_{} {{\n    label=\"{}\";",
            b.id, b.label
        );
        for id in &b.nodes {
            let _ = writeln!(out, "    \"{id}\";");
        }
        out.push_str("  }\n");
    }
    for n in &d.nodes {
        let size = n.size();
        let _ = writeln!(
            out,
            "  \"{}\" [label=\"{}\", width={:.2}, height={:.2}];",
            n.id,
            n.label,
            size.w / 72.0,
            size.h / 72.0
        );
    }
    for e in &d.edges {
        let _ = writeln!(out, "  \"{}\" -> \"{}\";", e.from, e.to);
    }
    out.push_str("}\n");
    out
}

/// Runs `dot -Tsvg` on `source`; the SVG's length, or `None` if dot is not
/// there or fails.
fn run_dot(source: &str) -> Option<usize> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(source.as_bytes()).ok()?;
    let output = child.wait_with_output().ok()?;
    output.status.success().then_some(output.stdout.len())
}

#[expect(
    clippy::print_stderr,
    reason = "a bench reports what it skipped and measured"
)]
fn layout(c: &mut Criterion) {
    let d = random_diagram(200, 400, 0x5eed_1a7e);
    let mut tidied = d.clone();
    for (id, p) in tidy(&d) {
        if let Some(node) = tidied.nodes.iter_mut().find(|n| n.id == id) {
            node.pos = p;
        }
    }
    eprintln!(
        "random 200/400 graph ({} boundaries) after tidy: {:?}",
        d.boundaries.len(),
        metrics::quality(&tidied)
    );
    c.bench_function("tidy 200 nodes / 400 edges", |b| {
        b.iter(|| tidy(black_box(&d)));
    });
    let source = dot_source(&d, true);
    if run_dot(&source).is_some() {
        c.bench_function("dot -Tsvg 200 nodes / 400 edges", |b| {
            b.iter(|| run_dot(black_box(&source)));
        });
        // Clusters cost dot much of its time; the same graph without them.
        let flat = dot_source(&d, false);
        c.bench_function("dot -Tsvg 200 nodes / 400 edges, no clusters", |b| {
            b.iter(|| run_dot(black_box(&flat)));
        });
    } else {
        eprintln!("note: Graphviz `dot` is not on the PATH (or failed); skipping the comparison");
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = layout
}
criterion_main!(benches);
