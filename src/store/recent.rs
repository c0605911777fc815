//! The recent files list: up to [`MAX_RECENT`] paths, most recent first,
//! without duplicates, stored as `<data>/recent.ron`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{StoreError, read_text, syntax_error, write_ron};

/// How many paths the list keeps.
pub const MAX_RECENT: usize = 10;

/// The recent files file format version this build writes and reads.
pub const RECENT_VERSION: u32 = 1;

/// The recent files, most recent first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecentFiles {
    #[serde(default)]
    version: u32,
    paths: Vec<PathBuf>,
}

impl RecentFiles {
    /// The paths, most recent first.
    #[must_use]
    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// Puts `path` first (moving it there if listed) and drops the oldest
    /// beyond [`MAX_RECENT`]. Paths that are not UTF-8 cannot be stored in
    /// RON and are ignored. Returns whether the list changed.
    pub fn push(&mut self, path: PathBuf) -> bool {
        if path.to_str().is_none() || self.paths.first() == Some(&path) {
            return false;
        }
        self.paths.retain(|p| p != &path);
        self.paths.insert(0, path);
        self.paths.truncate(MAX_RECENT);
        true
    }

    /// Drops `path` from the list; returns whether it was listed.
    pub fn remove(&mut self, path: &Path) -> bool {
        let before = self.paths.len();
        self.paths.retain(|p| p != path);
        self.paths.len() != before
    }

    /// Reads the list; a missing file is an empty list. Duplicates and
    /// entries past [`MAX_RECENT`] in a hand-edited file are dropped.
    ///
    /// # Errors
    /// [`StoreError::Syntax`] with `line:column` for a broken file,
    /// [`StoreError::NewerVersion`], or [`StoreError::Io`].
    pub fn load(path: &Path) -> Result<Self, StoreError> {
        let Some(text) = read_text(path)? else {
            return Ok(Self::default());
        };
        let stored: Self = ron::from_str(&text).map_err(|err| syntax_error(path, &err))?;
        if stored.version > RECENT_VERSION {
            return Err(StoreError::NewerVersion {
                path: path.to_owned(),
                found: stored.version,
            });
        }
        let mut list = Self::default();
        for p in stored.paths.into_iter().rev() {
            list.push(p);
        }
        Ok(list)
    }

    /// Writes the list atomically (same list → same bytes).
    ///
    /// # Errors
    /// [`StoreError::Io`].
    pub fn save(&self, path: &Path) -> Result<(), StoreError> {
        let stored = Self {
            version: RECENT_VERSION,
            paths: self.paths.clone(),
        };
        write_ron(&stored, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list_of(names: &[&str]) -> Vec<PathBuf> {
        names.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn most_recent_first_without_duplicates() {
        let mut recent = RecentFiles::default();
        assert!(recent.push("/a.ron".into()));
        assert!(recent.push("/b.ron".into()));
        assert!(recent.push("/a.ron".into()));
        assert!(!recent.push("/a.ron".into()), "already first");
        assert_eq!(recent.paths(), list_of(&["/a.ron", "/b.ron"]));
        assert!(recent.remove(Path::new("/a.ron")));
        assert!(!recent.remove(Path::new("/a.ron")));
        assert_eq!(recent.paths(), list_of(&["/b.ron"]));
    }

    #[test]
    fn keeps_the_ten_newest() {
        let mut recent = RecentFiles::default();
        for i in 0..15 {
            recent.push(PathBuf::from(format!("/d/{i}.ron")));
        }
        assert_eq!(recent.paths().len(), MAX_RECENT);
        assert_eq!(recent.paths()[0], PathBuf::from("/d/14.ron"));
        assert_eq!(recent.paths()[9], PathBuf::from("/d/5.ron"));
    }

    #[test]
    fn round_trips_and_a_missing_file_is_empty() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("tempdir")
        };
        let path = dir.path().join("recent.ron");
        assert_eq!(RecentFiles::load(&path).ok(), Some(RecentFiles::default()));
        let mut recent = RecentFiles::default();
        recent.push("/x/one.ron".into());
        recent.push("/x/two \"quoted\".mmd".into());
        assert!(recent.save(&path).is_ok());
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            text,
            "(\n    version: 1,\n    paths: [\n        \"/x/two \\\"quoted\\\".mmd\",\n        \"/x/one.ron\",\n    ],\n)\n"
        );
        let loaded = RecentFiles::load(&path).ok();
        assert_eq!(
            loaded.map(|r| r.paths().to_vec()),
            Some(recent.paths().to_vec())
        );
    }

    #[test]
    fn hand_edited_duplicates_are_dropped() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("tempdir")
        };
        let path = dir.path().join("recent.ron");
        std::fs::write(&path, r#"(paths: ["/a", "/b", "/a"])"#).ok();
        let loaded = RecentFiles::load(&path).ok();
        assert_eq!(
            loaded.map(|r| r.paths().to_vec()),
            Some(list_of(&["/a", "/b"]))
        );
    }

    #[test]
    fn a_broken_file_names_the_line_and_column() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("tempdir")
        };
        let path = dir.path().join("recent.ron");
        std::fs::write(&path, "(\n    paths: [\"/a\" \"/b\"],\n)").ok();
        let Err(err) = RecentFiles::load(&path) else {
            panic!("accepted a missing comma")
        };
        let message = err.to_string();
        assert!(
            message.starts_with(&format!("{}:2:", path.display())),
            "{message}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).ok().as_deref(),
            Some("(\n    paths: [\"/a\" \"/b\"],\n)"),
            "loading never writes"
        );
    }
}
