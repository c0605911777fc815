//! The canvas's layout of the drawing, kept between frames until the
//! drawing changes.
//!
//! Most drawings are laid out in a few milliseconds, and then the layout
//! is made in the frame that needs it. A big drawing's elbow arrows can
//! take the full routing budget (a million A* states, about half a
//! second): it is shown at once with a *draft*, its searches within
//! [`DRAFT_BUDGET`] and the rest in the quick shapes (orthogonal and
//! attached, but they may cross a box), while the full layout is made on
//! a worker thread. The full one replaces the draft when it is ready, if
//! the drawing is still the one it was made for. A drawing changed
//! meanwhile waits for that worker to finish (one worker at a time, so
//! quick edits never pile work up) and then gets its own.

use std::sync::{Arc, OnceLock};

use crate::model::Diagram;
use crate::scene::{self, Layout};

/// The A* states a draft's elbow arrows may expand together (a tenth of
/// the full layout's): tens of milliseconds.
pub const DRAFT_BUDGET: usize = 100_000;

/// The layout shown and the full one being made, if any.
#[derive(Clone, Debug)]
pub(super) struct LayoutCache {
    /// States a draft may spend.
    budget: usize,
    /// The layout shown, for the drawing it was made from.
    shown: Option<Shown>,
    /// The full layout being made on a worker thread.
    job: Option<Job>,
    /// The document state last asked for (its state id, box and arrow
    /// counts) and its fingerprint.
    seen: Option<((u64, usize, usize), u64)>,
}

/// A layout and the drawing it was made from.
#[derive(Clone, Debug)]
struct Shown {
    fingerprint: u64,
    layout: Arc<Layout>,
    /// Whether it is the full layout (else a draft waiting for it).
    settled: bool,
    /// The drawing itself, kept for a big one (whose draft needed the
    /// worker): the worker lays it out, and the next draft keeps what the
    /// change left alone.
    drawing: Option<Arc<Diagram>>,
}

/// A full layout in the making: the worker sets `result` once, to the
/// layout or (when making it panicked) to nothing.
#[derive(Clone, Debug)]
struct Job {
    fingerprint: u64,
    result: Arc<OnceLock<Option<Arc<Layout>>>>,
}

impl Default for LayoutCache {
    fn default() -> Self {
        Self::with_budget(DRAFT_BUDGET)
    }
}

impl PartialEq for LayoutCache {
    fn eq(&self, other: &Self) -> bool {
        let key = |c: &Self| c.shown.as_ref().map(|s| (s.fingerprint, s.settled));
        key(self) == key(other)
    }
}

impl LayoutCache {
    /// A cache whose drafts spend at most `budget` A* states.
    pub(super) fn with_budget(budget: usize) -> Self {
        Self {
            budget,
            shown: None,
            job: None,
            seen: None,
        }
    }

    /// The layout to show for `diagram`: the one kept when the drawing
    /// has not changed, the full one when it has become ready, else a
    /// new one (a draft while the full one is made). `revision` is the
    /// document's state id, if it has one: the drawing is fingerprinted
    /// only when that changes.
    pub(super) fn layout(&mut self, diagram: &Diagram, revision: Option<u64>) -> Arc<Layout> {
        let state = revision.map(|r| (r, diagram.nodes.len(), diagram.edges.len()));
        let fingerprint = match (state, self.seen) {
            (Some(now), Some((seen, fingerprint))) if now == seen => fingerprint,
            _ => scene::fingerprint(diagram),
        };
        self.seen = state.map(|s| (s, fingerprint));
        self.collect(fingerprint);
        let current = self.shown.as_ref().filter(|s| s.fingerprint == fingerprint);
        let shown = if let Some(s) = current {
            s.clone()
        } else {
            // What was shown of a big drawing before the change: its
            // arrows between boxes the change left alone keep their routes
            // in the draft where the budget runs out.
            let earlier = self
                .shown
                .as_ref()
                .and_then(|s| Some((s.drawing.as_deref()?, &*s.layout)));
            let (layout, settled) = Layout::within(diagram, self.budget, earlier);
            let shown = Shown {
                fingerprint,
                layout: Arc::new(layout),
                settled,
                drawing: (!settled).then(|| Arc::new(diagram.clone())),
            };
            self.shown = Some(shown.clone());
            shown
        };
        // A draft keeps its drawing: the worker lays that out.
        if let Some(drawing) = shown.drawing.as_ref().filter(|_| !shown.settled)
            && self.job.is_none()
        {
            self.start(drawing, fingerprint);
        }
        shown.layout
    }

    /// The fingerprint of the drawing the shown layout was made from (0
    /// before the first).
    pub(super) fn fingerprint(&self) -> u64 {
        self.shown.as_ref().map_or(0, |s| s.fingerprint)
    }

    /// Whether a draft is shown while the full layout is being made (the
    /// canvas then looks again shortly).
    pub(super) fn settling(&self) -> bool {
        self.shown.as_ref().is_some_and(|s| !s.settled)
    }

    /// Takes a finished worker's layout: shown when it is for the drawing
    /// as it now is, dropped when the drawing changed meanwhile.
    fn collect(&mut self, fingerprint: u64) {
        let Some(job) = &self.job else { return };
        let Some(made) = job.result.get() else { return };
        match made {
            Some(full) if job.fingerprint == fingerprint => {
                let drawing = self.shown.as_mut().and_then(|s| s.drawing.take());
                self.shown = Some(Shown {
                    fingerprint,
                    layout: Arc::clone(full),
                    settled: true,
                    drawing,
                });
            }
            Some(_) => {}
            // The worker failed (a panic, already reported on stderr):
            // the draft stays, and is not asked for again.
            None => {
                if let Some(s) = self.shown.as_mut() {
                    s.settled |= s.fingerprint == job.fingerprint;
                }
            }
        }
        self.job = None;
    }

    /// Makes the full layout of `drawing` on a worker thread (or here,
    /// when no thread can be started).
    fn start(&mut self, drawing: &Arc<Diagram>, fingerprint: u64) {
        let full = |d: &Diagram| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| Arc::new(Layout::new(d)))).ok()
        };
        let result = Arc::new(OnceLock::new());
        let slot = Arc::clone(&result);
        let theirs = Arc::clone(drawing);
        let spawned = std::thread::Builder::new()
            .name("archdrill layout".to_owned())
            .spawn(move || {
                let _ = slot.set(full(&theirs));
            });
        if spawned.is_err() {
            let _ = result.set(full(drawing));
        }
        self.job = Some(Job {
            fingerprint,
            result,
        });
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;
    use crate::model::{ArrowStyle, Edge, EdgeKind, Node, NodeKind, Point};

    /// Boxes in a row with elbow arrows from each to the one two along
    /// (every arrow has a box in its way, so each needs a search); the
    /// fourth is a database.
    fn row(n: u16) -> Diagram {
        let mut d = Diagram {
            arrows: ArrowStyle::Orthogonal,
            ..Diagram::default()
        };
        for i in 0..n {
            let at = Point {
                x: f32::from(i) * 200.0,
                y: 0.0,
            };
            // A database among them: its arrows end on its drawn outline.
            let kind = if i == 3 {
                NodeKind::Database
            } else {
                NodeKind::Service
            };
            let label = format!("Service {i}");
            d.nodes.push(Node::new(&format!("s{i}"), &label, kind, at));
        }
        for i in 2..n {
            let (from, to) = (format!("s{}", i - 2), format!("s{i}"));
            d.edges
                .push(Edge::new(&format!("e{i}"), &from, &to, EdgeKind::Sync));
        }
        d
    }

    /// Asks `cache` for `d`'s layout until it is settled (or 20 s).
    fn settled(cache: &mut LayoutCache, d: &Diagram) -> Arc<Layout> {
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            let layout = cache.layout(d, None);
            if !cache.settling() || Instant::now() > until {
                return layout;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn a_drawing_within_the_budget_is_laid_out_in_full_at_once() {
        let d = row(8);
        let mut cache = LayoutCache::default();
        let layout = cache.layout(&d, None);
        assert!(!cache.settling());
        assert!(cache.job.is_none(), "no worker for a small drawing");
        assert_eq!(*layout, Layout::new(&d));
    }

    #[test]
    fn a_draft_is_shown_and_then_replaced_by_the_full_layout() {
        let d = row(8);
        let full = Layout::new(&d);
        let mut cache = LayoutCache::with_budget(1);
        let draft = cache.layout(&d, None);
        assert!(cache.settling(), "one state is not enough for these arrows");
        assert_ne!(*draft, full, "the draft takes quick shapes");
        // The draft still has every arrow, attached to its boxes.
        assert_eq!(draft.edges.iter().flatten().count(), d.edges.len());
        let layout = settled(&mut cache, &d);
        assert!(!cache.settling());
        assert_eq!(*layout, full);
        // Kept: asking again makes nothing new.
        assert!(Arc::ptr_eq(&layout, &cache.layout(&d, None)));
    }

    #[test]
    fn after_an_edit_the_draft_keeps_the_routes_of_arrows_the_edit_left_alone() {
        let before = row(8);
        let mut after = row(8);
        after.nodes[7].pos.y = 400.0;
        let mut cache = LayoutCache::with_budget(1);
        let full_before = settled(&mut cache, &before);
        let draft = cache.layout(&after, None);
        assert!(cache.settling());
        // A draft made afresh takes quick shapes where the budget ran out.
        let (fresh, _) = Layout::within(&after, 1, None);
        let untouched: Vec<usize> = (0..after.edges.len())
            .filter(|&i| after.edges[i].to.as_str() != "s7")
            .collect();
        let points = |l: &Layout, i: usize| l.edges[i].as_ref().map(|e| e.points.clone());
        assert!(
            untouched
                .iter()
                .any(|&i| points(&fresh, i) != points(&full_before, i)),
            "the budget runs out on these arrows"
        );
        // This one keeps what was on screen for the arrows not touching
        // the moved box.
        for &i in &untouched {
            assert_eq!(points(&draft, i), points(&full_before, i), "edge {i}");
        }
        // And the arrow to the moved box was drawn again, to where it is.
        let moved = draft.edges[7 - 2].as_ref().map(|e| e.points.clone());
        assert_ne!(moved, points(&full_before, 7 - 2));
        assert_eq!(*settled(&mut cache, &after), Layout::new(&after));
    }

    #[test]
    fn a_drawing_at_a_state_seen_before_is_not_fingerprinted_again() {
        let d = row(4);
        let mut cache = LayoutCache::default();
        let first = cache.layout(&d, Some(7));
        // The same state id: the layout kept, without looking at the
        // drawing (a changed drawing under a stale id shows as it was).
        let mut moved = d.clone();
        moved.nodes[1].pos.y = 500.0;
        assert!(Arc::ptr_eq(&first, &cache.layout(&moved, Some(7))));
        // A new state id, or none, looks again.
        let second = cache.layout(&moved, Some(8));
        assert!(!Arc::ptr_eq(&first, &second));
        assert!((second.nodes[1].rect.center().y - 500.0).abs() < 1e-3);
        assert_eq!(*cache.layout(&d, None), Layout::new(&d));
    }

    #[test]
    fn a_full_layout_for_a_drawing_since_changed_is_dropped() {
        let before = row(8);
        let mut after = row(8);
        after.nodes[3].pos.y = 300.0;
        let mut cache = LayoutCache::with_budget(1);
        cache.layout(&before, None);
        let first = cache.job.as_ref().map(|j| j.fingerprint);
        assert_eq!(first, Some(scene::fingerprint(&before)));
        // The drawing changes while the worker runs: a draft of the new
        // drawing is shown, and no second worker starts.
        let draft = cache.layout(&after, None);
        assert_eq!(cache.job.as_ref().map(|j| j.fingerprint), first);
        assert!((draft.nodes[3].rect.center().y - 300.0).abs() < 1e-3);
        let layout = settled(&mut cache, &after);
        assert_eq!(*layout, Layout::new(&after));
    }
}
