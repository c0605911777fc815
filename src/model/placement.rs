//! Finding room on the canvas: the free spot nearest to where something
//! wants to go (new nodes, ghosts of missing nodes). Deterministic.

use super::Point;

/// An axis-aligned box in canvas units, with a margin for breathing room.
#[derive(Clone, Copy)]
pub struct Box2 {
    min: Point,
    max: Point,
}

impl Box2 {
    const MARGIN: f32 = 12.0;

    /// A box of size `w`×`h` around `center`, margin included.
    #[must_use]
    pub fn new(center: Point, w: f32, h: f32) -> Self {
        let (hw, hh) = (w / 2.0 + Self::MARGIN, h / 2.0 + Self::MARGIN);
        Self {
            min: Point::new(center.x - hw, center.y - hh),
            max: Point::new(center.x + hw, center.y + hh),
        }
    }

    /// The box of a node.
    #[must_use]
    pub fn of(node: &crate::model::Node) -> Self {
        let size = node.size();
        Self::new(node.pos, size.w, size.h)
    }

    /// True when the boxes intersect.
    #[must_use]
    pub fn overlaps(&self, other: &Self) -> bool {
        self.min.x < other.max.x
            && other.min.x < self.max.x
            && self.min.y < other.max.y
            && other.min.y < self.max.y
    }
}

/// The free position nearest to `wanted` (searched on rings of a 20-unit
/// grid, in a fixed order so the result is deterministic).
#[must_use]
pub fn free_spot(wanted: Point, w: f32, h: f32, occupied: &[Box2]) -> Point {
    const STEP: f32 = 20.0;
    let free = |p: Point| {
        let candidate = Box2::new(p, w, h);
        !occupied.iter().any(|o| o.overlaps(&candidate))
    };
    if free(wanted) {
        return wanted;
    }
    for ring in 1..=60i16 {
        let mut best: Option<(f32, Point)> = None;
        for dx in -ring..=ring {
            for dy in -ring..=ring {
                if dx.abs() != ring && dy.abs() != ring {
                    continue;
                }
                let p = Point::new(
                    wanted.x + f32::from(dx) * STEP,
                    wanted.y + f32::from(dy) * STEP,
                );
                let dist = f32::from(dx).hypot(f32::from(dy));
                if free(p) && best.is_none_or(|(d, _)| dist < d) {
                    best = Some((dist, p));
                }
            }
        }
        if let Some((_, p)) = best {
            return p;
        }
    }
    wanted
}
