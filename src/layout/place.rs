//! Placement across the reading direction: where each vertex sits in its
//! rank (where the ranks sit along it is `rounds.rs`'s).
//!
//! Across, boundaries are solved inside-out: a boundary's own items (its
//! nodes, dummies and nested boundaries) are placed in its own frame by
//! `solve.rs`, then the whole boundary is one rigid block in its parent,
//! so its container never overlaps anything outside it.

use super::groups::Groups;
use super::layers::{Layers, Vertex};
use super::solve::{self, Frame, Line, Pulls};
use super::tree::Tree;

/// Centre-to-centre distance between ranks, before boundary padding.
const RANK_GAP_HORIZONTAL: f32 = 230.0;
const RANK_GAP_VERTICAL: f32 = 130.0;
/// Free space between the boxes of neighbouring ranks.
pub(super) const RANK_CLEARANCE: f32 = 70.0;
/// Free space between neighbours within a rank (boxes; dummies; blocks).
const NODE_GAP_HORIZONTAL: f32 = 40.0;
const NODE_GAP_VERTICAL: f32 = 70.0;
const DUMMY_GAP: f32 = 14.0;
const BLOCK_GAP: f32 = 20.0;
/// Room a boundary container needs around its members, and for its title.
/// The pictures draw containers 27 units out with a 16-unit title strip.
pub(super) const BOUNDARY_PAD: f32 = 30.0;
pub(super) const BOUNDARY_TITLE: f32 = 18.0;

/// The usual centre-to-centre distance between ranks.
pub(super) const fn rank_gap(horizontal: bool) -> f32 {
    if horizontal {
        RANK_GAP_HORIZONTAL
    } else {
        RANK_GAP_VERTICAL
    }
}

/// One thing placed in a frame: a vertex, a nested boundary as a block, or
/// (when refining) a vertex outside the frame, fixed where it was.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Item {
    Vertex(usize),
    Block(usize),
    Anchor(usize),
}

/// Passes that re-solve every boundary's inside knowing where the outside
/// ends of its edges were put.
const REFINEMENTS: usize = 1;

/// Cross-axis centre of every vertex, given each rank's order and along
/// position, and each vertex's cross size; `warm` is an earlier placement
/// to start from.
pub(super) fn cross_positions(
    layers: &Layers,
    groups: &Groups,
    order: &[Vec<usize>],
    along: &[f32],
    size: &[f32],
    horizontal: bool,
    warm: Option<&[f32]>,
) -> Vec<f32> {
    let mut chain_of = vec![None; layers.len()];
    for (c, chain) in layers.chains.iter().enumerate() {
        for &v in &chain[1..chain.len() - 1] {
            chain_of[v] = Some(c);
        }
    }
    let mut solver = Solver {
        layers,
        groups,
        order,
        along,
        size,
        chain_of,
        node_gap: if horizontal {
            NODE_GAP_HORIZONTAL
        } else {
            NODE_GAP_VERTICAL
        },
        lead: if horizontal {
            BOUNDARY_PAD + BOUNDARY_TITLE
        } else {
            BOUNDARY_PAD
        },
        rel: vec![0.0; layers.len()],
        extent: vec![0.0; groups.nodes.len()],
        tree: Tree::new(layers, groups, order),
        item_buf: vec![usize::MAX; layers.len()],
        anchor_buf: vec![usize::MAX; layers.len()],
    };
    let inside_out = groups.inside_out();
    // Each boundary's inside as first solved (relative to its frame), to
    // fall back on when a refinement would spread it.
    let mut first: Vec<Vec<f32>> = vec![Vec::new(); groups.nodes.len()];
    for &g in &inside_out {
        solver.solve(g, warm);
        if g != groups.root() && inside_out.len() > 1 {
            first[g] = solver.tree.within[g]
                .iter()
                .map(|&v| solver.rel[v])
                .collect();
        }
    }
    if inside_out.len() > 1 {
        let first_extent = solver.extent.clone();
        for _ in 0..REFINEMENTS {
            let placed = solver.rel.clone();
            for &g in &inside_out {
                solver.solve(g, Some(&placed));
                if g != groups.root() && solver.extent[g] > refined_limit(first_extent[g]) {
                    solver.restore(g, &first[g], first_extent[g]);
                }
            }
        }
    }
    solver.rel
}

/// How far refining may widen a boundary's block. Straightening the lines
/// of long edges towards ends far outside would otherwise pull its inside
/// apart, and each block that grows pushes the others further out: on big
/// drawings with many boundaries that fed back into layouts millions of
/// units across.
fn refined_limit(extent: f32) -> f32 {
    extent * 1.25 + 2.0 * BOUNDARY_PAD
}

struct Solver<'a> {
    layers: &'a Layers,
    groups: &'a Groups,
    order: &'a [Vec<usize>],
    along: &'a [f32],
    /// Cross-axis size of each vertex.
    size: &'a [f32],
    /// The long edge each dummy belongs to.
    chain_of: Vec<Option<usize>>,
    node_gap: f32,
    lead: f32,
    /// Each vertex's centre relative to the low edge of the innermost
    /// frame solved so far that holds it.
    rel: Vec<f32>,
    /// Cross extent of each solved boundary block.
    extent: Vec<f32>,
    /// Which vertices each frame holds.
    tree: Tree,
    /// Per vertex, kept all `usize::MAX` between frames: a frame marks its
    /// own vertices (its items) and the outside ends it anchors, and
    /// clears them again, so a frame costs what it holds, not the whole
    /// drawing.
    item_buf: Vec<usize>,
    anchor_buf: Vec<usize>,
}

/// A frame: its items, which item holds each vertex, and the solver's view.
struct Framing {
    items: Vec<Item>,
    /// Item of each vertex in the frame (`usize::MAX` outside it).
    item_of: Vec<usize>,
    frame: Frame,
}

impl Solver<'_> {
    fn spacing(&self, item: Item) -> f32 {
        match item {
            Item::Block(_) => BLOCK_GAP,
            Item::Anchor(_) => 0.0,
            Item::Vertex(v) => match self.layers.vertex[v] {
                Vertex::Node => self.node_gap,
                Vertex::Dummy => DUMMY_GAP,
                Vertex::Placeholder => 0.0,
            },
        }
    }

    /// The vertices of group `g`'s frame rank by rank, in order; `None`
    /// for the root, which holds them all (`self.order`).
    fn rank_lists(&self, g: usize) -> Option<Vec<Vec<usize>>> {
        if g == self.groups.root() {
            return None;
        }
        let mut by_rank = vec![Vec::new(); self.order.len()];
        for &v in &self.tree.within[g] {
            by_rank[self.layers.rank[v]].push(v);
        }
        for list in &mut by_rank {
            list.sort_unstable_by_key(|&v| self.tree.pos[v]);
        }
        Some(by_rank)
    }

    fn frame(&mut self, g: usize) -> Framing {
        let tree = &self.tree;
        // The frame's own vertices and its nested boundaries as blocks, in
        // the order of their first vertices.
        let mut entries: Vec<(usize, Item)> = tree.direct[g]
            .iter()
            .map(|&v| (v, Item::Vertex(v)))
            .chain(
                tree.children[g]
                    .iter()
                    .filter_map(|&c| Some((*tree.within[c].first()?, Item::Block(c)))),
            )
            .collect();
        entries.sort_unstable_by_key(|&(first, _)| first);
        let mut item_of = std::mem::take(&mut self.item_buf);
        let mut items = Vec::with_capacity(entries.len());
        for (i, &(_, item)) in entries.iter().enumerate() {
            match item {
                Item::Vertex(v) => item_of[v] = i,
                Item::Block(c) => {
                    for &v in &tree.within[c] {
                        item_of[v] = i;
                    }
                }
                Item::Anchor(_) => {}
            }
            items.push(item);
        }
        let bounds: Vec<(f32, f32)> = items
            .iter()
            .map(|&item| match item {
                Item::Vertex(v) => (-self.size[v] * 0.5, self.size[v] * 0.5),
                Item::Block(c) => (0.0, self.extent[c]),
                Item::Anchor(_) => (0.0, 0.0),
            })
            .collect();
        let mut out = vec![Vec::new(); items.len()];
        let mut indegree = vec![0usize; items.len()];
        let mut ranks = Vec::with_capacity(self.order.len());
        let mut gaps = Vec::with_capacity(self.order.len());
        let by_rank = self.rank_lists(g);
        let rank_lists: &[Vec<usize>] = by_rank.as_deref().unwrap_or(self.order);
        for rank in rank_lists {
            let mut seq: Vec<usize> = Vec::new();
            let mut seps: Vec<f32> = Vec::new();
            for &v in rank {
                let i = item_of[v];
                if i == usize::MAX || seq.last() == Some(&i) {
                    continue;
                }
                if let Some(&p) = seq.last() {
                    let gap = (self.spacing(items[p]) + self.spacing(items[i])) * 0.5;
                    let sep = bounds[p].1 - bounds[i].0 + gap;
                    out[p].push((i, sep));
                    seps.push(sep);
                    indegree[i] += 1;
                }
                seq.push(i);
            }
            ranks.push(seq);
            gaps.push(seps);
        }
        let mut topo: Vec<usize> = (0..items.len()).filter(|&i| indegree[i] == 0).collect();
        let mut next = 0;
        while let Some(&i) = topo.get(next) {
            next += 1;
            for &(j, _) in &out[i] {
                indegree[j] -= 1;
                if indegree[j] == 0 {
                    topo.push(j);
                }
            }
        }
        // The ordering keeps blocks consistent across ranks, so this is a
        // DAG; should it ever not be, the rest still gets placed.
        if topo.len() < items.len() {
            let mut placed = vec![false; items.len()];
            for &i in &topo {
                placed[i] = true;
            }
            topo.extend((0..items.len()).filter(|&i| !placed[i]));
        }
        Framing {
            items,
            item_of,
            frame: Frame {
                bounds,
                out,
                topo,
                ranks,
                gaps,
            },
        }
    }

    /// Places group `g`'s items in its frame and records its extent. With
    /// `placed` (every vertex's position from a previous pass), items start
    /// there, and the outside ends of long edges passing through the frame
    /// hold those edges' lines. (Plain edges to the outside are left to the
    /// parent frame, which moves the block as a whole: pulling the inside
    /// apart towards outside neighbours would feed back and drift.)
    fn solve(&mut self, g: usize, placed: Option<&[f32]>) {
        let mut framing = self.frame(g);
        if framing.items.is_empty() {
            self.item_buf = framing.item_of;
            return;
        }
        let (start, anchor) = self.start(g, &mut framing, placed);
        // Direct vertices sit at their item's position.
        for &v in &self.tree.direct[g] {
            self.rel[v] = 0.0;
        }
        let pulls = self.pulls(g, &framing, &anchor);
        let x = solve::solve(&framing.frame, &pulls, &start, placed.is_some());
        self.record(g, &framing, &x);
        self.release(g, framing, anchor);
    }

    /// Clears what group `g`'s frame marked and keeps the buffers.
    fn release(&mut self, g: usize, framing: Framing, mut anchor: Vec<usize>) {
        let mut item_of = framing.item_of;
        for &v in &self.tree.within[g] {
            item_of[v] = usize::MAX;
        }
        for item in &framing.items {
            if let Item::Anchor(u) = *item {
                anchor[u] = usize::MAX;
            }
        }
        self.item_buf = item_of;
        self.anchor_buf = anchor;
    }

    /// Where the frame's items start, and (when refining) fixed anchors for
    /// the outside ends of long edges through the frame: their item per
    /// vertex (`usize::MAX` for none).
    fn start(
        &mut self,
        g: usize,
        framing: &mut Framing,
        placed: Option<&[f32]>,
    ) -> (Vec<f32>, Vec<usize>) {
        let layers = self.layers;
        let mut start: Vec<f32> = vec![0.0; framing.items.len()];
        let mut anchor = std::mem::take(&mut self.anchor_buf);
        let Some(placed) = placed else {
            return (start, anchor);
        };
        for &v in &self.tree.within[g] {
            let i = framing.item_of[v];
            match framing.items.get(i) {
                Some(Item::Vertex(_)) => start[i] = placed[v],
                // `rel` holds offsets within the just re-solved block.
                Some(_) => start[i] = placed[v] - self.rel[v],
                None => {}
            }
        }
        for &v in &self.tree.within[g] {
            let Some(c) = self.chain_of[v] else {
                continue;
            };
            let chain = &layers.chains[c];
            for u in [chain[0], chain[chain.len() - 1]] {
                if framing.item_of[u] == usize::MAX && anchor[u] == usize::MAX {
                    anchor[u] = framing.items.len();
                    framing.items.push(Item::Anchor(u));
                    let frame = &mut framing.frame;
                    frame.bounds.push((0.0, 0.0));
                    frame.out.push(Vec::new());
                    frame.topo.push(anchor[u]);
                    start.push(placed[u]);
                }
            }
        }
        (start, anchor)
    }

    /// What pulls the frame's items: edges between them, and the straight
    /// lines of long edges whose ends are known.
    fn pulls(&self, g: usize, framing: &Framing, anchor: &[usize]) -> Pulls {
        let layers = self.layers;
        let weight = |a: usize, b: usize| match (layers.vertex[a], layers.vertex[b]) {
            (Vertex::Dummy, Vertex::Dummy) => 8.0,
            (Vertex::Dummy, _) | (_, Vertex::Dummy) => 2.0,
            _ => 1.0,
        };
        let item_at = |v: usize| match framing.item_of[v] {
            usize::MAX => anchor[v],
            i => i,
        };
        let offset = |v: usize| {
            if framing.item_of[v] == usize::MAX {
                0.0
            } else {
                self.rel[v]
            }
        };
        let mut pulls = Pulls {
            of: vec![Vec::new(); framing.items.len()],
            lines: Vec::new(),
        };
        for &v in &self.tree.within[g] {
            let i = framing.item_of[v];
            for &(u, m) in &layers.down[v] {
                let j = framing.item_of[u];
                if j != usize::MAX && j != i {
                    let w = m * weight(v, u);
                    let (ou, ov) = (self.rel[u], self.rel[v]);
                    pulls.of[i].push((j, ou - ov, w));
                    pulls.of[j].push((i, ov - ou, w));
                }
            }
            // A dummy holds the straight line between its edge's ends,
            // unless it moves as one block with an end (then the line is
            // the inner frame's business: pulling the block towards a line
            // that moves with it would feed back on itself).
            let Some(c) = self.chain_of[v] else { continue };
            let chain = &layers.chains[c];
            let (a, b) = (chain[0], chain[chain.len() - 1]);
            let (ia, ib) = (item_at(a), item_at(b));
            if ia == usize::MAX || ib == usize::MAX || ia == i || ib == i {
                continue;
            }
            let (ra, rb) = (layers.rank[a], layers.rank[b]);
            let span = self.along[rb] - self.along[ra];
            let t = if span > 0.0 {
                (self.along[layers.rank[v]] - self.along[ra]) / span
            } else {
                0.5
            };
            pulls.lines.push(Line {
                dummy: (i, self.rel[v]),
                ends: [(ia, offset(a)), (ib, offset(b))],
                t,
            });
        }
        pulls
    }

    /// Puts group `g`'s inside back as it was first solved (`rel` of its
    /// vertices, in `tree.within` order, and its extent).
    fn restore(&mut self, g: usize, rel: &[f32], extent: f32) {
        for (&v, &r) in self.tree.within[g].iter().zip(rel) {
            self.rel[v] = r;
        }
        self.extent[g] = extent;
    }

    /// Stores every vertex's centre relative to the frame's low edge, and
    /// the frame's extent as a block.
    fn record(&mut self, g: usize, frame: &Framing, x: &[f32]) {
        let layers = self.layers;
        let counted = |i: usize| match frame.items[i] {
            Item::Vertex(v) => layers.vertex[v] != Vertex::Placeholder,
            Item::Block(_) => true,
            Item::Anchor(_) => false,
        };
        let low = (0..x.len())
            .filter(|&i| counted(i))
            .map(|i| x[i] + frame.frame.bounds[i].0)
            .reduce(f32::min)
            .unwrap_or(0.0);
        let high = (0..x.len())
            .filter(|&i| counted(i))
            .map(|i| x[i] + frame.frame.bounds[i].1)
            .reduce(f32::max)
            .unwrap_or(0.0);
        let (lead, trail) = if g == self.groups.root() {
            (0.0, 0.0)
        } else {
            (self.lead, BOUNDARY_PAD)
        };
        for &v in &self.tree.within[g] {
            let i = frame.item_of[v];
            if i != usize::MAX {
                let within = match frame.items[i] {
                    Item::Block(_) => self.rel[v],
                    Item::Vertex(_) | Item::Anchor(_) => 0.0,
                };
                self.rel[v] = x[i] + within - low + lead;
            }
        }
        self.extent[g] = (high - low).max(0.0) + lead + trail;
    }
}
