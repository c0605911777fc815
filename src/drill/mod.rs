//! Drills: spaced repetition of Q&A cards and whiteboard prompts, timed
//! rounds graded by the checker, and the progress kept between sessions.
//! Plain Rust over plain data (nothing here knows of egui), and no clock:
//! every function that needs the time takes a [`Timestamp`].
//!
//! A session, as the app or the CLI runs it:
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use archdrill::drill::{self, Catalog, Rating, Timestamp};
//! use archdrill::store::DataDir;
//!
//! let data = DataDir::new("/tmp/archdrill-data".into());
//! let now = Timestamp::parse("2025-06-01T09:00:00Z")?;
//! let catalog = Catalog::shipped()?;
//! let mut progress = drill::progress::load(&data, now)?; // damaged → moved aside, Err
//! let queue = drill::queue::due(&catalog, &progress, now);
//! if let Some(first) = queue.due.first() {
//!     let scheduled = progress.review(&catalog, &first.id, Rating::Good, now, Some(75))?;
//!     println!("{} is due again at {}", first.id, scheduled.due);
//! }
//! progress.save(&data)?;
//! let stats = drill::stats::stats(&catalog, &progress, now);
//! # let _ = stats;
//! # Ok(())
//! # }
//! ```

pub mod items;
pub mod mock;
pub mod progress;
pub mod prompts;
pub mod queue;
pub mod rating;
pub mod round;
pub mod schedule;
pub mod stats;
pub mod time;

pub use items::{Catalog, Item, ItemKind};
pub use progress::{Progress, ProgressError, ReviewEntry, UnknownItem};
pub use prompts::{Prompt, Twist, TwistNeed};
pub use queue::{Queue, QueueEntry};
pub use rating::{Rating, rating_for_score, suggest_card_rating};
pub use round::{RoundAttempt, RoundGrade, RoundPlan, RoundSubmission};
pub use schedule::{Interval, ItemRecord, Scheduled, Scheduler, Settings, State};
pub use stats::Stats;
pub use time::{DayStart, Timestamp};
