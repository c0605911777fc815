//! Recovery copies: one RON file per unsaved drawing in
//! `<data>/recovery/`, carrying the drawing, where it came from and when it
//! was written, so that work survives a crash.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{StoreError, read_text, syntax_error, write_ron};
use crate::model::Diagram;
use crate::model::file::{probe_version, validated};

/// The recovery file format version this build writes and reads.
pub const RECOVERY_VERSION: u32 = 1;

/// Where the drawing in a recovery copy came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecoveryOrigin {
    /// A file on disk; restoring binds the drawing to it again.
    File(PathBuf),
    /// A drawing never saved.
    Untitled,
}

/// One recovery copy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recovery {
    /// See [`RECOVERY_VERSION`].
    pub version: u32,
    /// The drawing's name as the app showed it.
    pub title: String,
    /// Where it came from.
    pub origin: RecoveryOrigin,
    /// When the copy was written, in seconds since the Unix epoch.
    pub saved_at_unix_secs: u64,
    /// The unsaved drawing.
    pub diagram: Diagram,
}

impl Recovery {
    /// A copy of `diagram` in the current format.
    #[must_use]
    pub const fn new(
        title: String,
        origin: RecoveryOrigin,
        saved_at_unix_secs: u64,
        diagram: Diagram,
    ) -> Self {
        Self {
            version: RECOVERY_VERSION,
            title,
            origin,
            saved_at_unix_secs,
            diagram,
        }
    }
}

/// Writes a recovery copy atomically (same value → same bytes).
///
/// # Errors
/// [`StoreError::Io`], or [`StoreError::Serialize`] for an origin path that
/// is not UTF-8.
pub fn write(path: &Path, recovery: &Recovery) -> Result<(), StoreError> {
    write_ron(recovery, path)
}

/// Reads and validates a recovery copy.
///
/// # Errors
/// Any [`StoreError`]; syntax errors carry `line:column`. A missing file is
/// [`StoreError::Io`].
pub fn read(path: &Path) -> Result<Recovery, StoreError> {
    let Some(text) = read_text(path)? else {
        return Err(StoreError::Io {
            path: path.to_owned(),
            source: std::io::ErrorKind::NotFound.into(),
        });
    };
    match probe_version(&text) {
        Ok(found) if found > RECOVERY_VERSION => {
            return Err(StoreError::NewerVersion {
                path: path.to_owned(),
                found,
            });
        }
        Ok(_) => {}
        Err(err) => return Err(syntax_error(path, &err)),
    }
    let recovery: Recovery = ron::from_str(&text).map_err(|err| syntax_error(path, &err))?;
    let diagram = validated(recovery.diagram, &path.display().to_string(), |_| None)?;
    Ok(Recovery {
        diagram,
        ..recovery
    })
}

/// The recovery copies in `dir`, sorted by name: `*.ron` files, not the
/// hidden temporaries of an interrupted write. A missing directory has none.
///
/// # Errors
/// [`StoreError::Io`] when the directory cannot be listed.
pub fn list(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let io = |source| StoreError::Io {
        path: dir.to_owned(),
        source,
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(e)),
    };
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.map_err(io)?.path();
        let visible = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| !n.starts_with('.'));
        let ron = path.extension().is_some_and(|e| e == "ron");
        if visible && ron && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

/// A recovery copy found on disk: its path, and the copy or why it could
/// not be read.
pub type Found = (PathBuf, Result<Recovery, StoreError>);

/// Every recovery copy in `dir`, each read or with the reason it could not
/// be; unreadable ones first, then oldest first.
///
/// # Errors
/// [`StoreError::Io`] when the directory cannot be listed.
pub fn scan(dir: &Path) -> Result<Vec<Found>, StoreError> {
    let mut found: Vec<_> = list(dir)?
        .into_iter()
        .map(|path| {
            let read = read(&path);
            (path, read)
        })
        .collect();
    found.sort_by_key(|(path, read)| {
        (
            read.as_ref().map_or(0, |r| r.saved_at_unix_secs),
            path.clone(),
        )
    });
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, NodeKind, Point};

    fn drawing() -> Diagram {
        let mut diagram = Diagram {
            title: "Orders \"v2\"".to_owned(),
            ..Diagram::default()
        };
        diagram.nodes.push(Node::new(
            "svc",
            "Order service",
            NodeKind::Service,
            Point::new(10.5, -3.0),
        ));
        diagram
    }

    #[test]
    fn round_trips_byte_for_byte() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("tempdir")
        };
        let path = dir.path().join("a.ron");
        let copy = Recovery::new(
            "Orders".to_owned(),
            RecoveryOrigin::File(PathBuf::from("/home/me/orders.mmd")),
            1_748_786_580,
            drawing(),
        );
        assert!(write(&path, &copy).is_ok());
        let first = std::fs::read(&path).ok();
        assert_eq!(read(&path).ok(), Some(copy.clone()));
        assert!(write(&path, &copy).is_ok());
        assert_eq!(std::fs::read(&path).ok(), first, "same copy, same bytes");
        let text = String::from_utf8(first.unwrap_or_default()).unwrap_or_default();
        assert!(
            text.contains("origin: file(\"/home/me/orders.mmd\")"),
            "{text}"
        );
        assert!(text.contains("saved_at_unix_secs: 1748786580"), "{text}");
    }

    #[test]
    fn broken_copies_name_the_line_and_column() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("tempdir")
        };
        let path = dir.path().join("broken.ron");
        std::fs::write(
            &path,
            "(\n    version: 1,\n    title: \"x\"\n    origin: untitled,\n)",
        )
        .ok();
        let Err(err) = read(&path) else {
            panic!("accepted a missing comma")
        };
        assert!(matches!(err, StoreError::Syntax { .. }), "{err:?}");
        let message = err.to_string();
        assert!(
            message.starts_with(&format!("{}:4:", path.display())),
            "{message}"
        );
    }

    #[test]
    fn invalid_diagrams_and_newer_versions_are_refused() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("tempdir")
        };
        let path = dir.path().join("dangling.ron");
        let mut diagram = drawing();
        diagram.edges.push(crate::model::Edge::new(
            "e1",
            "svc",
            "nowhere",
            crate::model::EdgeKind::Sync,
        ));
        let copy = Recovery::new("x".to_owned(), RecoveryOrigin::Untitled, 0, diagram);
        assert!(write(&path, &copy).is_ok());
        let Err(err) = read(&path) else {
            panic!("accepted a dangling edge")
        };
        assert!(err.to_string().contains("nowhere"), "{err}");
        let newer = dir.path().join("newer.ron");
        std::fs::write(&newer, "(version: 9, future: 1)").ok();
        assert!(matches!(
            read(&newer),
            Err(StoreError::NewerVersion { found: 9, .. })
        ));
    }

    #[test]
    fn lists_copies_but_not_temporaries() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("tempdir")
        };
        assert_eq!(list(&dir.path().join("none")).ok(), Some(Vec::new()));
        let newer = Recovery::new("b".to_owned(), RecoveryOrigin::Untitled, 20, drawing());
        let older = Recovery::new("a".to_owned(), RecoveryOrigin::Untitled, 10, drawing());
        assert!(write(&dir.path().join("1.ron"), &newer).is_ok());
        assert!(write(&dir.path().join("2.ron"), &older).is_ok());
        std::fs::write(dir.path().join(".2.ron.77.tmp"), "half").ok();
        std::fs::write(dir.path().join("notes.txt"), "x").ok();
        std::fs::write(dir.path().join("3.ron"), "(").ok();
        let Ok(found) = scan(dir.path()) else {
            panic!("cannot scan")
        };
        let names: Vec<_> = found
            .iter()
            .map(|(p, r)| (p.file_name().map(ToOwned::to_owned), r.is_ok()))
            .collect();
        assert_eq!(
            names,
            vec![
                (Some("3.ron".into()), false),
                (Some("2.ron".into()), true),
                (Some("1.ron".into()), true),
            ],
            "broken first, then oldest first"
        );
    }
}
