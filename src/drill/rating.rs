//! The four answer buttons and how a rating is suggested: from a round's
//! checker score for diagram prompts, from the ticked key points and the
//! time spoken for cards. Suggestions only; the user may change them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// How well an item was recalled, Anki's four buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    /// Forgotten: back to the (re)learning steps.
    Again,
    /// Recalled with serious difficulty.
    Hard,
    /// Recalled.
    Good,
    /// Recalled effortlessly.
    Easy,
}

impl Rating {
    /// Every rating, worst first.
    pub const ALL: [Self; 4] = [Self::Again, Self::Hard, Self::Good, Self::Easy];

    /// Lower-case name, as in the CLI and JSON.
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Self::Again => "again",
            Self::Hard => "hard",
            Self::Good => "good",
            Self::Easy => "easy",
        }
    }

    /// The button's title: "Again", "Hard", "Good", "Easy".
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Self::Again => "Again",
            Self::Hard => "Hard",
            Self::Good => "Good",
            Self::Easy => "Easy",
        }
    }

    /// FSRS's grade, 1 (Again) to 4 (Easy).
    #[must_use]
    pub const fn grade(self) -> u32 {
        match self {
            Self::Again => 1,
            Self::Hard => 2,
            Self::Good => 3,
            Self::Easy => 4,
        }
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A rating name that is not one of `again`, `hard`, `good`, `easy`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a rating; use again, hard, good or easy")]
pub struct UnknownRating(pub String);

impl FromStr for Rating {
    type Err = UnknownRating;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|r| r.id().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownRating(s.to_owned()))
    }
}

/// The rating a whiteboard round earns from its checker score (0–100):
///
/// | score | rating |
/// |---|---|
/// | 90–100 | Easy |
/// | 75–89 | Good |
/// | 50–74 | Hard |
/// | 0–49 | Again |
///
/// A drawing that loses more than half its points is treated as forgotten:
/// the prompt comes back through the relearning step.
#[must_use]
pub const fn rating_for_score(score: u8) -> Rating {
    match score {
        90.. => Rating::Easy,
        75..=89 => Rating::Good,
        50..=74 => Rating::Hard,
        _ => Rating::Again,
    }
}

/// The longest answer still on time: interview answers run 60–90 s.
pub const ANSWER_TARGET_MAX_SECS: u32 = 90;

/// The rating suggested for a rehearsed card from the share of its key
/// points ticked and the seconds spoken:
///
/// - under half the points → Again; under 80 % → Hard; under all → Good;
///   all of them → Easy;
/// - an answer over 90 s is capped at Good, one over 120 s at Hard (an
///   interviewer stops listening).
///
/// A card without key points counts as all hit.
#[must_use]
pub fn suggest_card_rating(points_hit: usize, points_total: usize, spoken_secs: u32) -> Rating {
    let hit = points_hit.min(points_total);
    // Compare hit/total with thresholds in integers: 2·hit < total is
    // "under half", 5·hit < 4·total is "under 80 %".
    let by_points = if points_total == 0 || hit == points_total {
        Rating::Easy
    } else if 2 * hit < points_total {
        Rating::Again
    } else if 5 * hit < 4 * points_total {
        Rating::Hard
    } else {
        Rating::Good
    };
    let cap = if spoken_secs > 2 * 60 {
        Rating::Hard
    } else if spoken_secs > ANSWER_TARGET_MAX_SECS {
        Rating::Good
    } else {
        Rating::Easy
    };
    by_points.min(cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_map_to_ratings_at_the_stated_thresholds() {
        let cases = [
            (100, Rating::Easy),
            (90, Rating::Easy),
            (89, Rating::Good),
            (75, Rating::Good),
            (74, Rating::Hard),
            (50, Rating::Hard),
            (49, Rating::Again),
            (0, Rating::Again),
        ];
        for (score, rating) in cases {
            assert_eq!(rating_for_score(score), rating, "score {score}");
        }
    }

    #[test]
    fn ratings_parse_from_their_names() {
        assert_eq!("good".parse::<Rating>(), Ok(Rating::Good));
        assert_eq!("EASY".parse::<Rating>(), Ok(Rating::Easy));
        assert!("meh".parse::<Rating>().is_err());
        assert_eq!(Rating::ALL.map(Rating::grade), [1, 2, 3, 4], "FSRS grades");
    }

    #[test]
    fn card_suggestions_follow_points_and_time() {
        assert_eq!(suggest_card_rating(5, 5, 75), Rating::Easy);
        assert_eq!(suggest_card_rating(4, 5, 75), Rating::Good);
        assert_eq!(suggest_card_rating(3, 5, 75), Rating::Hard);
        assert_eq!(suggest_card_rating(2, 5, 75), Rating::Again);
        assert_eq!(suggest_card_rating(0, 0, 60), Rating::Easy);
        assert_eq!(suggest_card_rating(5, 5, 100), Rating::Good, "too long");
        assert_eq!(suggest_card_rating(5, 5, 150), Rating::Hard, "far too long");
        assert_eq!(
            suggest_card_rating(2, 5, 150),
            Rating::Again,
            "time never lifts"
        );
        assert_eq!(
            suggest_card_rating(9, 5, 60),
            Rating::Easy,
            "ticks are capped"
        );
    }
}
