//! What archdrill keeps between runs besides the user's own documents:
//! recovery copies of unsaved drawings, the recent files list and the
//! settings and drill progress (its format lives in
//! `crate::drill::progress`), as RON files in the platform data dir; and the
//! UTC date helpers they use. Plain files over plain data; nothing here
//! knows about egui, and nothing here decides when to write (the app does).

pub mod recent;
pub mod recovery;
pub mod settings;
pub mod time;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::LoadError;
use crate::model::file::LineCol;

pub use recent::RecentFiles;
pub use recovery::{Recovery, RecoveryOrigin};
pub use settings::Settings;

/// The environment variable that overrides the platform data dir.
pub const DATA_DIR_ENV: &str = "ARCHDRILL_DATA_DIR";

/// The data dir to use: [`DATA_DIR_ENV`] when set and not empty, else the
/// platform's (`~/.local/share/archdrill` on Linux, `%APPDATA%` on Windows,
/// `~/Library/Application Support` on macOS); `None` when the platform has
/// none (no home directory).
#[must_use]
pub fn locate_data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "archdrill").map(|dirs| dirs.data_dir().to_owned())
}

/// The layout of the data dir.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// The data dir rooted at `root` (nothing is created yet).
    #[must_use]
    pub const fn new(root: PathBuf) -> Self {
        Self { root }
    }

    /// The root directory.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where recovery copies go, one file per unsaved drawing.
    #[must_use]
    pub fn recovery_dir(&self) -> PathBuf {
        self.root.join("recovery")
    }

    /// The recent files list.
    #[must_use]
    pub fn recent_path(&self) -> PathBuf {
        self.root.join("recent.ron")
    }

    /// The settings file.
    #[must_use]
    pub fn settings_path(&self) -> PathBuf {
        self.root.join("settings.ron")
    }

    /// The drill progress: schedule, review log, round attempts.
    #[must_use]
    pub fn progress_path(&self) -> PathBuf {
        self.root.join("progress.ron")
    }

    /// The mock panel under way, so it survives a restart.
    #[must_use]
    pub fn mock_path(&self) -> PathBuf {
        self.root.join("mock.ron")
    }

    /// Where the drawings of whiteboard rounds are kept, one file per attempt.
    #[must_use]
    pub fn rounds_dir(&self) -> PathBuf {
        self.root.join("rounds")
    }

    /// Creates the root and the recovery directory when missing.
    ///
    /// # Errors
    /// [`StoreError::Io`] naming the directory that could not be created.
    pub fn create(&self) -> Result<(), StoreError> {
        let dir = self.recovery_dir();
        std::fs::create_dir_all(&dir).map_err(|source| StoreError::Io { path: dir, source })
    }
}

/// Why a stored file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Reading, writing, listing or removing failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The text is not valid RON for this kind of file.
    #[error("{}:{at}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// Where parsing stopped.
        at: LineCol,
        /// What was found and what was expected.
        message: String,
    },
    /// Not read: not a regular file, or larger than any file archdrill
    /// writes.
    #[error("{}: {reason}", path.display())]
    Refused {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: crate::disk::ReadError,
    },
    /// The file was written by a newer archdrill.
    #[error("{}: written by a newer archdrill (format version {found})", path.display())]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// The version found in the file.
        found: u32,
    },
    /// A stored diagram does not validate.
    #[error(transparent)]
    Diagram(#[from] LoadError),
    /// Serialisation failed (a path that is not UTF-8, say).
    #[error("{}: cannot serialise: {source}", path.display())]
    Serialize {
        /// The file that was to be written.
        path: PathBuf,
        /// Why.
        source: ron::Error,
    },
}

/// Pretty RON in the same style as diagram files: four-space indent, `\n`,
/// no struct names, fields in declaration order (so the same value always
/// gives the same bytes); a big one (a recovery copy of a big drawing) one
/// list element per line, as diagram files are.
fn to_ron<T: Serialize>(value: &T, path: &Path) -> Result<String, StoreError> {
    crate::model::file::to_ron_value(value, 3).map_err(|source| StoreError::Serialize {
        path: path.to_owned(),
        source,
    })
}

/// Writes `value` as RON to `path` atomically (temporary file, sync,
/// rename): a crash mid-write leaves the previous file. A file larger than
/// archdrill reads back is refused before anything is written.
pub(crate) fn write_ron<T: Serialize>(value: &T, path: &Path) -> Result<(), StoreError> {
    let text = to_ron(value, path)?;
    let bytes = u64::try_from(text.len()).unwrap_or(u64::MAX);
    if bytes > MAX_STORED_BYTES {
        return Err(StoreError::Io {
            path: path.to_owned(),
            source: std::io::Error::other(format!(
                "not written: it would take {}, more than the {} archdrill reads back",
                crate::disk::human_bytes(bytes),
                crate::disk::human_bytes(MAX_STORED_BYTES)
            )),
        });
    }
    crate::model::file::write_atomically(path, text.as_bytes()).map_err(|source| StoreError::Io {
        path: path.to_owned(),
        source,
    })
}

/// The largest stored file read (and so written): a recovery copy holds a
/// whole drawing plus a few lines, so a little more than a diagram file.
pub const MAX_STORED_BYTES: u64 = crate::model::file::MAX_FILE_BYTES + 64 * 1024;

/// Reads a stored file as text: only a regular file, never more than
/// [`MAX_STORED_BYTES`] + 1 bytes, a BOM dropped. `Ok(None)` when the file
/// does not exist.
pub(crate) fn read_text(path: &Path) -> Result<Option<String>, StoreError> {
    use crate::disk::ReadError;
    match crate::disk::read_text(path, MAX_STORED_BYTES) {
        Ok(text) => Ok(Some(text)),
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(ReadError::Io(source)) => Err(StoreError::Io {
            path: path.to_owned(),
            source,
        }),
        Err(ReadError::NotUtf8 { at, byte }) => Err(StoreError::Syntax {
            path: path.to_owned(),
            at,
            message: format!("the file is not UTF-8 text (byte 0x{byte:02x})"),
        }),
        Err(reason) => Err(StoreError::Refused {
            path: path.to_owned(),
            reason,
        }),
    }
}

/// A RON parse error as [`StoreError::Syntax`] with `line:column`.
fn syntax_error(path: &Path, err: &ron::error::SpannedError) -> StoreError {
    let message = crate::model::file::describe_ron_error(&err.code);
    StoreError::Syntax {
        path: path.to_owned(),
        at: LineCol {
            line: err.span.start.line,
            col: err.span.start.col,
        },
        message,
    }
}

/// Reads a RON file written by [`write_ron`]; `Ok(None)` when it does not
/// exist.
///
/// # Errors
/// [`StoreError::Syntax`] with `line:column`, or the reading errors of
/// [`read_text`].
pub(crate) fn read_ron<T: serde::de::DeserializeOwned>(
    path: &Path,
) -> Result<Option<T>, StoreError> {
    let Some(text) = read_text(path)? else {
        return Ok(None);
    };
    ron::from_str(&text)
        .map(Some)
        .map_err(|err| syntax_error(path, &err))
}

/// Removes a file; one already gone is not an error.
///
/// # Errors
/// [`StoreError::Io`] naming the file.
pub fn remove(path: &Path) -> Result<(), StoreError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(StoreError::Io {
            path: path.to_owned(),
            source,
        }),
    }
}

/// Seconds since the Unix epoch now (0 if the clock is before 1970).
#[must_use]
pub fn unix_now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// `2025-06-01 14:03 UTC` for a Unix time in seconds.
#[must_use]
pub fn format_utc(unix_secs: u64) -> String {
    let days = unix_secs / 86_400;
    let secs_of_day = unix_secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        secs_of_day / 3600,
        secs_of_day % 3600 / 60
    )
}

/// "just now", "5 min ago", "3 h ago", "2 days ago".
#[must_use]
pub fn format_age(age_secs: u64) -> String {
    match age_secs {
        0..60 => "just now".to_owned(),
        60..3600 => format!("{} min ago", age_secs / 60),
        3600..86_400 => format!("{} h ago", age_secs / 3600),
        86_400..172_800 => "1 day ago".to_owned(),
        _ => format!("{} days ago", age_secs / 86_400),
    }
}

/// Year, month, day of a count of days since 1970-01-01 (proleptic
/// Gregorian; Howard Hinnant's `civil_from_days`).
pub(crate) const fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc_calendar_dates() {
        assert_eq!(format_utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(format_utc(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(format_utc(1_748_786_580), "2025-06-01 14:03 UTC");
        assert_eq!(format_utc(4_107_542_399), "2100-02-28 23:59 UTC");
    }

    #[test]
    fn ages_read_naturally() {
        assert_eq!(format_age(5), "just now");
        assert_eq!(format_age(5 * 60 + 59), "5 min ago");
        assert_eq!(format_age(3 * 3600), "3 h ago");
        assert_eq!(format_age(86_400 + 1), "1 day ago");
        assert_eq!(format_age(3 * 86_400), "3 days ago");
    }

    #[test]
    fn removing_a_missing_file_is_fine() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("tempdir")
        };
        assert!(remove(&dir.path().join("gone.ron")).is_ok());
    }
}
