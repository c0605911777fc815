//! The walkthrough player's core: which step is shown, autoplay timing, and
//! the view-model of one step (what to highlight, what to say, the running
//! latency of a request-path replay). No egui here.

use crate::model::{Diagram, Step};

/// One step as the UI shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame<'a> {
    /// 0-based index of the step.
    pub index: usize,
    /// Number of steps.
    pub total: usize,
    /// The step itself (title, narration, highlighted ids).
    pub step: &'a Step,
    /// Latency so far, this step included, when the walkthrough is a
    /// request-path replay with per-hop latencies.
    pub elapsed_ms: Option<u32>,
    /// Latency of the whole path.
    pub total_ms: Option<u32>,
}

/// The frame for step `index`, if the diagram has it.
#[must_use]
pub fn frame(diagram: &Diagram, index: usize) -> Option<Frame<'_>> {
    let step = diagram.walkthrough.get(index)?;
    let has_latency = diagram.walkthrough.iter().any(|s| s.latency_ms.is_some());
    let sum = |steps: &[Step]| steps.iter().filter_map(|s| s.latency_ms).sum::<u32>();
    Some(Frame {
        index,
        total: diagram.walkthrough.len(),
        step,
        elapsed_ms: has_latency.then(|| sum(&diagram.walkthrough[..=index])),
        total_ms: has_latency.then(|| sum(&diagram.walkthrough)),
    })
}

/// Slowest and fastest autoplay pace, seconds per step.
pub const PACE_RANGE_SECS: std::ops::RangeInclusive<f32> = 2.0..=20.0;

/// Transient player state (never saved into the document).
#[derive(Clone, Debug, PartialEq)]
pub struct Player {
    /// The step shown.
    pub index: usize,
    /// Autoplay on.
    pub playing: bool,
    /// Seconds per step when playing.
    pub pace_secs: f32,
    /// Seconds spent on the current step while playing.
    shown_secs: f32,
}

impl Default for Player {
    fn default() -> Self {
        Self {
            index: 0,
            playing: false,
            pace_secs: 6.0,
            shown_secs: 0.0,
        }
    }
}

impl Player {
    /// Goes to the next step; stops autoplay at the last one.
    pub fn next(&mut self, total: usize) {
        if self.index + 1 < total {
            self.index += 1;
        } else {
            self.playing = false;
        }
        self.shown_secs = 0.0;
    }

    /// Goes to the previous step.
    pub fn prev(&mut self) {
        self.index = self.index.saturating_sub(1);
        self.shown_secs = 0.0;
    }

    /// Jumps to a step (clamped).
    pub fn go_to(&mut self, index: usize, total: usize) {
        self.index = index.min(total.saturating_sub(1));
        self.shown_secs = 0.0;
    }

    /// Starts or pauses autoplay; starting on the last step rewinds.
    pub fn toggle_play(&mut self, total: usize) {
        self.playing = !self.playing;
        if self.playing && self.index + 1 >= total {
            self.index = 0;
        }
        self.shown_secs = 0.0;
    }

    /// Advances autoplay by `dt_secs`; true when the step changed.
    pub fn tick(&mut self, dt_secs: f32, total: usize) -> bool {
        if !self.playing {
            return false;
        }
        self.shown_secs += dt_secs;
        if self.shown_secs >= self.pace_secs {
            let before = self.index;
            self.next(total);
            return self.index != before;
        }
        false
    }

    /// Fraction of the current step's autoplay time used (0–1).
    #[must_use]
    pub fn progress(&self) -> f32 {
        (self.shown_secs / self.pace_secs).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::references;

    #[test]
    fn frames_carry_running_latency() {
        let d = references::find("checkout-request")
            .unwrap()
            .load()
            .unwrap();
        let first = frame(&d, 0).unwrap();
        assert_eq!((first.index, first.total), (0, 11));
        assert_eq!(first.elapsed_ms, Some(60));
        let last_hop = frame(&d, 9).unwrap();
        assert_eq!(last_hop.elapsed_ms, last_hop.total_ms);
        assert_eq!(last_hop.total_ms, Some(1785));
        // The closing failure step is not a hop: it adds no latency.
        let closing = frame(&d, 10).unwrap();
        assert_eq!(closing.elapsed_ms, Some(1785));
        assert!(frame(&d, 11).is_none());
        let five = references::find("five-tier").unwrap().load().unwrap();
        assert_eq!(frame(&five, 0).unwrap().elapsed_ms, None);
    }

    #[test]
    fn stepping_is_clamped() {
        let mut p = Player::default();
        p.prev();
        assert_eq!(p.index, 0);
        p.next(3);
        p.next(3);
        p.next(3);
        assert_eq!(p.index, 2);
        p.go_to(99, 3);
        assert_eq!(p.index, 2);
    }

    #[test]
    fn autoplay_advances_at_the_pace_and_stops_at_the_end() {
        let mut p = Player {
            pace_secs: 2.0,
            ..Player::default()
        };
        assert!(!p.tick(5.0, 3), "paused players stay");
        p.toggle_play(3);
        assert!(!p.tick(1.5, 3));
        assert!((p.progress() - 0.75).abs() < 1e-6);
        assert!(p.tick(0.6, 3));
        assert_eq!(p.index, 1);
        assert!(p.tick(2.0, 3));
        assert_eq!(p.index, 2);
        assert!(!p.tick(2.0, 3));
        assert!(!p.playing, "stops on the last step");
        p.toggle_play(3);
        assert_eq!(p.index, 0, "play from the end rewinds");
    }
}
