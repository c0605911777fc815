//! Which vertices each boundary's frame holds, for the placement across
//! (`place.rs`): each frame then costs what it holds, not the drawing.

use super::groups::Groups;
use super::layers::Layers;

/// The vertices of each group's frame, so that a frame costs what it
/// holds rather than the whole drawing.
pub(super) struct Tree {
    /// Vertices in each group or nested in it, ascending.
    pub(super) within: Vec<Vec<usize>>,
    /// Vertices directly in each group, ascending.
    pub(super) direct: Vec<Vec<usize>>,
    /// Child groups of each group.
    pub(super) children: Vec<Vec<usize>>,
    /// Each vertex's index within its rank's order.
    pub(super) pos: Vec<usize>,
}

impl Tree {
    pub(super) fn new(layers: &Layers, groups: &Groups, order: &[Vec<usize>]) -> Self {
        let count = groups.nodes.len();
        let mut within = vec![Vec::new(); count];
        let mut direct = vec![Vec::new(); count];
        for (v, &g) in layers.group.iter().enumerate() {
            direct[g].push(v);
            for h in groups.chain(g) {
                within[h].push(v);
            }
        }
        let mut children = vec![Vec::new(); count];
        for g in 0..count {
            if g != groups.root() {
                children[groups.parent[g]].push(g);
            }
        }
        let mut pos = vec![0; layers.len()];
        for rank in order {
            for (i, &v) in rank.iter().enumerate() {
                pos[v] = i;
            }
        }
        Self {
            within,
            direct,
            children,
            pos,
        }
    }
}
