//! Ranks: which layer along the reading direction each node sits in.
//!
//! Kinds come in tiers, in the order a reader follows a request: client,
//! edge, load balancer, gateway, services, data and buses, workers. Every
//! node of a later tier gets a later rank than every node of an earlier one;
//! edges inside a tier (a service calling a service) add sub-ranks by
//! longest path. Edges against the tiers (a worker writing a database, an
//! event back into a service) are drawn backwards and never rank anything.
//! `Other` nodes have no tier and `External` ones only a floor (not before
//! the services): edges alone place them.
//!
//! The constraints form a graph over the nodes plus one "gate" per tier (a
//! gate sits at or after its tier's nodes and before the next tier's). Edges
//! that may rank are added one by one, skipping any that would close a
//! cycle, those that agree with the tiers first; ranks are then longest
//! paths, with sources of untiered nodes pulled up to just before their
//! successors, and empty ranks squeezed out.

use super::Link;
use crate::model::{EdgeKind, NodeKind};

/// Number of tiers (see [`tier_range`]).
const TIERS: usize = 7;

/// Steps allowed for the exact cycle checks, per node and link, and at
/// least; past them the remaining edges are checked against one
/// topological order (linear, and still never a cycle).
const REACH_WORK_PER_ELEMENT: u64 = 200;
const REACH_WORK_FLOOR: u64 = 4_000_000;

/// The tiers a kind may sit in: a floor and a ceiling, each optional.
const fn tier_range(kind: NodeKind) -> (Option<usize>, Option<usize>) {
    let tier = match kind {
        NodeKind::Client => 0,
        NodeKind::Edge => 1,
        NodeKind::LoadBalancer => 2,
        NodeKind::Gateway => 3,
        NodeKind::Service => 4,
        NodeKind::Database
        | NodeKind::Cache
        | NodeKind::Bus
        | NodeKind::Outbox
        | NodeKind::Storage
        | NodeKind::Search => 5,
        NodeKind::Worker => 6,
        NodeKind::External => return (Some(4), None),
        NodeKind::Other => return (None, None),
    };
    (Some(tier), Some(tier))
}

/// The fixed tier of a kind, if floor and ceiling agree.
const fn fixed_tier(kind: NodeKind) -> Option<usize> {
    match tier_range(kind) {
        (Some(lo), Some(hi)) if lo == hi => Some(lo),
        _ => None,
    }
}

/// A weighted constraint graph: `rank(to) >= rank(from) + weight`.
struct Constraints {
    out: Vec<Vec<(usize, usize)>>,
}

impl Constraints {
    fn add(&mut self, from: usize, to: usize, weight: usize) {
        self.out[from].push((to, weight));
    }

    /// Whether `to` can be reached from `from`; `seen` is scratch space
    /// (vertices marked with `stamp` are seen), `work` counts the steps.
    fn reaches(
        &self,
        from: usize,
        to: usize,
        seen: &mut [u32],
        stamp: u32,
        work: &mut u64,
    ) -> bool {
        let mut stack = vec![from];
        seen[from] = stamp;
        while let Some(v) = stack.pop() {
            *work += 1;
            if v == to {
                return true;
            }
            for &(t, _) in &self.out[v] {
                *work += 1;
                if seen[t] != stamp {
                    seen[t] = stamp;
                    stack.push(t);
                }
            }
        }
        false
    }

    /// Each vertex's place in a topological order of the graph as it is.
    fn topological_positions(&self) -> Vec<usize> {
        let (_, order) = self.longest_paths();
        let mut position = vec![usize::MAX; self.out.len()];
        for (i, &v) in order.iter().enumerate() {
            position[v] = i;
        }
        position
    }

    /// Longest-path ranks (Kahn's order) and that order.
    fn longest_paths(&self) -> (Vec<usize>, Vec<usize>) {
        let n = self.out.len();
        let mut indegree = vec![0usize; n];
        for targets in &self.out {
            for &(t, _) in targets {
                indegree[t] += 1;
            }
        }
        let mut order: Vec<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
        let mut rank = vec![0usize; n];
        let mut next = 0;
        while let Some(&v) = order.get(next) {
            next += 1;
            for &(t, w) in &self.out[v] {
                rank[t] = rank[t].max(rank[v] + w);
                indegree[t] -= 1;
                if indegree[t] == 0 {
                    order.push(t);
                }
            }
        }
        (rank, order)
    }
}

/// Where an untiered node would best sit among the tiers, on a scale where
/// tier `t` is `2t` and "between `t` and `t + 1`" is `2t + 1`: the spot
/// that puts the fewest of its tiered neighbours on the wrong side.
fn vote(node: usize, kinds: &[NodeKind], links: &[Link]) -> Option<i64> {
    let scale = |t: usize| i64::try_from(2 * t).unwrap_or(i64::MAX);
    let mut before = Vec::new();
    let mut after = Vec::new();
    for link in links {
        if link.to == node
            && let Some(t) = fixed_tier(kinds[link.from])
        {
            before.push(scale(t));
        } else if link.from == node
            && let Some(t) = fixed_tier(kinds[link.to])
        {
            after.push(scale(t));
        }
    }
    if before.is_empty() && after.is_empty() {
        return None;
    }
    let floor = tier_range(kinds[node]).0.map_or(-1, scale);
    (floor..scale(TIERS)).min_by_key(|&spot| {
        before.iter().filter(|&&p| p > spot).count() + after.iter().filter(|&&s| s < spot).count()
    })
}

/// The rank of every node; ranks are dense (no empty rank) and start at 0.
pub(super) fn ranks(kinds: &[NodeKind], links: &[Link]) -> Vec<usize> {
    let n = kinds.len();
    let gate = |t: usize| n + t;
    let mut graph = Constraints {
        out: vec![Vec::new(); n + TIERS],
    };
    for t in 1..TIERS {
        graph.add(gate(t - 1), gate(t), 0);
    }
    for (v, &kind) in kinds.iter().enumerate() {
        let (floor, ceiling) = tier_range(kind);
        if let Some(t) = floor
            && t > 0
        {
            graph.add(gate(t - 1), v, 1);
        }
        if let Some(t) = ceiling {
            graph.add(v, gate(t), 0);
        }
    }
    // A node reached by a call or a data access is ranked by those; events
    // into it (a service consuming from the bus it published to) would
    // otherwise push it far down the line.
    let mut strong_in = vec![false; n];
    for link in links {
        strong_in[link.to] |= !weak(link.kind);
    }
    let key = |v: usize| -> Option<i64> {
        fixed_tier(kinds[v])
            .and_then(|t| i64::try_from(2 * t).ok())
            .or_else(|| vote(v, kinds, links))
    };
    let keys: Vec<Option<i64>> = (0..n).map(key).collect();
    let mut candidates: Vec<(bool, usize, usize)> = links
        .iter()
        .filter(|l| !(weak(l.kind) && strong_in[l.to]))
        .filter(|l| {
            // Between two tiers the gates already order the ends.
            !matches!((fixed_tier(kinds[l.from]), fixed_tier(kinds[l.to])), (Some(a), Some(b)) if a != b)
        })
        .map(|l| {
            let against = matches!((keys[l.from], keys[l.to]), (Some(a), Some(b)) if a > b);
            (against, l.from, l.to)
        })
        .collect();
    // Edges that agree with the tiers first, each group in document order.
    candidates.sort_by_key(|&(against, _, _)| against);
    let mut seen = vec![0u32; n + TIERS];
    let mut has_pred = vec![false; n];
    let size = u64::try_from(n + links.len()).unwrap_or(u64::MAX);
    let budget = size
        .saturating_mul(REACH_WORK_PER_ELEMENT)
        .max(REACH_WORK_FLOOR);
    let mut work = 0u64;
    let mut topological: Option<Vec<usize>> = None;
    for (stamp, (_, a, b)) in (1u32..).zip(candidates) {
        let acyclic = match &topological {
            Some(position) => position[a] < position[b],
            None => !graph.reaches(b, a, &mut seen, stamp, &mut work),
        };
        if acyclic {
            graph.add(a, b, 1);
            has_pred[b] = true;
        }
        if topological.is_none() && work > budget {
            topological = Some(graph.topological_positions());
        }
    }
    let (mut rank, order) = graph.longest_paths();
    // Untiered sources sit just before their nearest successor rather than
    // at the far start.
    for &v in order.iter().rev() {
        if v < n && tier_range(kinds[v]).1.is_none() && !has_pred[v] {
            let latest = graph.out[v]
                .iter()
                .map(|&(t, w)| rank[t].saturating_sub(w))
                .min();
            if let Some(latest) = latest {
                rank[v] = rank[v].max(latest);
            }
        }
    }
    rank.truncate(n);
    let mut used: Vec<usize> = rank.clone();
    used.sort_unstable();
    used.dedup();
    rank.iter()
        .map(|r| used.partition_point(|u| u < r))
        .collect()
}

/// Events and compensations: they do not make their target "called".
const fn weak(kind: EdgeKind) -> bool {
    matches!(kind, EdgeKind::Async | EdgeKind::Compensation)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(edges: &[(usize, usize, EdgeKind)]) -> Vec<Link> {
        edges
            .iter()
            .map(|&(from, to, kind)| Link { from, to, kind })
            .collect()
    }

    #[test]
    fn tiers_order_kinds_and_calls_add_sub_ranks() {
        use NodeKind::{Bus, Client, Database, Edge, Gateway, Service, Worker};
        let kinds = [
            Worker, Database, Service, Service, Gateway, Edge, Client, Bus,
        ];
        let l = links(&[
            (6, 5, EdgeKind::Sync),
            (5, 4, EdgeKind::Sync),
            (4, 3, EdgeKind::Sync),
            (3, 2, EdgeKind::Sync),
            (2, 1, EdgeKind::Data),
            (0, 1, EdgeKind::Data),  // worker → database: backwards
            (7, 3, EdgeKind::Async), // bus → service: backwards
            (2, 7, EdgeKind::Async),
        ]);
        let r = ranks(&kinds, &l);
        assert_eq!(r, vec![6, 5, 4, 3, 2, 1, 0, 5]);
    }

    #[test]
    fn untiered_nodes_follow_edges_and_cycles_are_cut() {
        let kinds = [NodeKind::Other; 4];
        let l = links(&[
            (0, 1, EdgeKind::Sync),
            (1, 2, EdgeKind::Sync),
            (2, 0, EdgeKind::Sync),
            (3, 2, EdgeKind::Sync),
        ]);
        // 3 is a source: pulled up to just before 2.
        assert_eq!(ranks(&kinds, &l), vec![0, 1, 2, 1]);
    }

    #[test]
    fn an_untiered_hub_sits_where_fewest_edges_run_backwards() {
        use NodeKind::{Gateway, Other, Service, Storage, Worker};
        // Spans from every tier into a collector that writes to storage.
        let kinds = [Gateway, Service, Worker, Other, Storage];
        let l = links(&[
            (0, 1, EdgeKind::Sync),
            (0, 3, EdgeKind::Async),
            (1, 3, EdgeKind::Async),
            (2, 3, EdgeKind::Async),
            (3, 4, EdgeKind::Data),
        ]);
        let r = ranks(&kinds, &l);
        assert!(r[1] < r[3] && r[3] < r[4] && r[4] < r[2], "{r:?}");
    }

    #[test]
    fn externals_follow_their_callers_but_never_precede_services() {
        use NodeKind::{Client, External, Service, Worker};
        let kinds = [Client, Service, Worker, External, External];
        let l = links(&[
            (0, 1, EdgeKind::Sync),
            (2, 3, EdgeKind::Sync),
            (0, 4, EdgeKind::Sync),
        ]);
        let r = ranks(&kinds, &l);
        assert_eq!(r[3], r[2] + 1);
        assert!(r[4] >= r[1], "{r:?}");
    }

    #[test]
    fn events_into_a_called_service_do_not_rank_it() {
        use NodeKind::Other;
        let kinds = [Other; 4];
        // gw → a, gw → b; a → bus (event); bus → b (event, b is called).
        let l = links(&[
            (0, 1, EdgeKind::Sync),
            (0, 2, EdgeKind::Sync),
            (1, 3, EdgeKind::Async),
            (3, 2, EdgeKind::Async),
        ]);
        let r = ranks(&kinds, &l);
        assert_eq!(r[1], r[2]);
        assert_eq!(r[3], r[1] + 1);
    }
}
