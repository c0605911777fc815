//! Ranks: which layer along the reading direction each node sits in.

/// Keeps the edges of a DFS forest that are not back edges, so the rest is
/// acyclic. Iterative: no recursion depth limit on long chains.
pub(super) fn drop_back_edges(succs: &[Vec<usize>]) -> Vec<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let n = succs.len();
    let mut mark = vec![Mark::New; n];
    let mut kept = vec![Vec::new(); n];
    for start in 0..n {
        if mark[start] != Mark::New {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        mark[start] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&target) = succs[node].get(*next) {
                *next += 1;
                match mark[target] {
                    Mark::Open => {}
                    Mark::Done => kept[node].push(target),
                    Mark::New => {
                        kept[node].push(target);
                        mark[target] = Mark::Open;
                        stack.push((target, 0));
                    }
                }
            } else {
                mark[node] = Mark::Done;
                stack.pop();
            }
        }
    }
    kept
}

/// Longest-path layering of a DAG (Kahn's order).
pub(super) fn longest_path_ranks(succs: &[Vec<usize>]) -> Vec<usize> {
    let n = succs.len();
    let mut indegree = vec![0usize; n];
    for targets in succs {
        for &t in targets {
            indegree[t] += 1;
        }
    }
    let mut queue: std::collections::VecDeque<usize> =
        (0..n).filter(|&i| indegree[i] == 0).collect();
    let mut rank = vec![0usize; n];
    while let Some(node) = queue.pop_front() {
        for &t in &succs[node] {
            rank[t] = rank[t].max(rank[node] + 1);
            indegree[t] -= 1;
            if indegree[t] == 0 {
                queue.push_back(t);
            }
        }
    }
    rank
}
