//! The fallback for drawings too big for the layered layout's budget: the
//! same ranks, one barycenter sweep down and one up instead of the
//! crossing reduction, boxes packed side by side in each rank (boundary
//! members next to each other), no corridors for long edges. Linear in
//! the drawing apart from sorting each rank, so it never hangs; the
//! caller tells the user the picture was simplified.

use super::Link;
use super::groups::Groups;
use super::place;

/// Free space between neighbours in a rank, and extra room where one
/// boundary's members end and another's begin.
const GAP: f32 = 40.0;
const GROUP_GAP: f32 = 2.0 * place::BOUNDARY_PAD;

/// Every node's (along, cross) centre. `hint` is each node's current cross
/// position, the starting order.
pub(super) fn place(
    rank: &[usize],
    sizes: &[(f32, f32)],
    links: &[Link],
    groups: &Groups,
    hint: &[f32],
    horizontal: bool,
) -> Vec<(f32, f32)> {
    let n = rank.len();
    let ranks = rank.iter().copied().max().map_or(0, |r| r + 1);
    // The outermost boundary of each node (`usize::MAX` for none): members
    // of one stay together in every rank.
    let outermost: Vec<usize> = (0..n)
        .map(|v| {
            groups
                .chain(groups.owner[v])
                .take_while(|&g| g != groups.root())
                .last()
                .unwrap_or(usize::MAX)
        })
        .collect();
    let mut by_rank: Vec<Vec<usize>> = vec![Vec::new(); ranks];
    for v in 0..n {
        by_rank[rank[v]].push(v);
    }
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); n];
    for link in links {
        if link.from != link.to && rank[link.from] != rank[link.to] {
            neighbours[link.from].push(link.to);
            neighbours[link.to].push(link.from);
        }
    }
    // Position of each node within its rank, scaled to 0..1.
    let mut key: Vec<f64> = hint.iter().map(|&h| f64::from(h)).collect();
    let mut at = vec![0.5f64; n];
    let mut placed = vec![false; n];
    sort_rank_all(&mut by_rank, &key, &outermost, &mut at);
    for sweep in 0..2 {
        placed.fill(false);
        let order: Vec<usize> = if sweep == 0 {
            (0..ranks).collect()
        } else {
            (0..ranks).rev().collect()
        };
        for r in order {
            for &v in &by_rank[r] {
                let (sum, count) = neighbours[v]
                    .iter()
                    .filter(|&&u| placed[u])
                    .fold((0.0, 0.0), |(s, c), &u| (s + at[u], c + 1.0));
                key[v] = if count > 0.0 { sum / count } else { at[v] };
            }
            sort_rank(&mut by_rank[r], &key, &outermost, &mut at);
            for &v in &by_rank[r] {
                placed[v] = true;
            }
        }
    }
    let mut half = vec![0.0f32; ranks];
    for v in 0..n {
        half[rank[v]] = half[rank[v]].max(sizes[v].0 * 0.5);
    }
    let mut along = vec![0.0f32; ranks];
    for r in 1..ranks {
        along[r] = along[r - 1]
            + place::rank_gap(horizontal).max(half[r - 1] + half[r] + place::RANK_CLEARANCE);
    }
    let mut out = vec![(0.0, 0.0); n];
    for (r, members) in by_rank.iter().enumerate() {
        let mut cross = Vec::with_capacity(members.len());
        let mut edge = 0.0f32;
        for (i, &v) in members.iter().enumerate() {
            if i > 0 {
                edge += GAP;
                if outermost[v] != outermost[members[i - 1]] {
                    edge += GROUP_GAP;
                }
            }
            cross.push(edge + sizes[v].1 * 0.5);
            edge += sizes[v].1;
        }
        let middle = edge * 0.5;
        for (&v, c) in members.iter().zip(cross) {
            out[v] = (along[r], c - middle);
        }
    }
    out
}

fn sort_rank_all(by_rank: &mut [Vec<usize>], key: &[f64], outermost: &[usize], at: &mut [f64]) {
    for members in by_rank {
        sort_rank(members, key, outermost, at);
    }
}

/// Sorts a rank by key, each boundary's members together at their mean
/// key, and records every member's scaled position.
fn sort_rank(members: &mut [usize], key: &[f64], outermost: &[usize], at: &mut [f64]) {
    let mut sum: std::collections::BTreeMap<usize, (f64, f64)> = std::collections::BTreeMap::new();
    for &v in members.iter() {
        let e = sum.entry(outermost[v]).or_insert((0.0, 0.0));
        e.0 += key[v];
        e.1 += 1.0;
    }
    let block = |v: usize| -> (f64, usize) {
        let g = outermost[v];
        match sum.get(&g) {
            // Boundaries move as one block; loose nodes on their own.
            Some(&(s, c)) if g != usize::MAX && c > 1.0 => (s / c, g),
            _ => (key[v], g),
        }
    };
    members.sort_by(|&a, &b| {
        let (ka, ga) = block(a);
        let (kb, gb) = block(b);
        ka.total_cmp(&kb)
            .then(ga.cmp(&gb))
            .then(key[a].total_cmp(&key[b]))
            .then(a.cmp(&b))
    });
    #[expect(clippy::cast_precision_loss, reason = "rank sizes are far below 2^52")]
    let len = members.len().max(1) as f64;
    for (i, &v) in members.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "rank sizes are far below 2^52")]
        let i = i as f64;
        at[v] = (i + 0.5) / len;
    }
}
