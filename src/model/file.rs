//! The RON file format: deterministic writing, loading with errors that name
//! the file and `line:column`, version checks, size limits and atomic saves.

use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::validate::{Issue, Subject, validate};
use super::{Diagram, FORMAT_VERSION};

/// Files larger than this are refused before reading (a diagram of 10,000
/// nodes is well under 4 MiB).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A 1-based position in a text file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
}

impl fmt::Display for LineCol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// A validation problem with the place in the source it refers to, if known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocatedIssue {
    /// Where in the file, when the element could be found.
    pub at: Option<LineCol>,
    /// The problem.
    pub issue: Issue,
}

/// Why a diagram could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{path}: cannot read the file: {source}")]
    Io {
        /// File name as given.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error(
        "{path}: the file is {bytes} bytes; diagrams larger than {MAX_FILE_BYTES} bytes are refused"
    )]
    TooLarge {
        /// File name as given.
        path: String,
        /// Its size.
        bytes: u64,
    },
    /// The text is not valid RON for a diagram.
    #[error("{path}:{at}: {message}")]
    Syntax {
        /// File name as given.
        path: String,
        /// Where parsing stopped.
        at: LineCol,
        /// What was found and what was expected.
        message: String,
    },
    /// The file was written by a newer archdrill.
    #[error(
        "{path}: this diagram uses file format version {found}, but this archdrill reads only version {FORMAT_VERSION}; open it with a newer archdrill"
    )]
    NewerVersion {
        /// File name as given.
        path: String,
        /// The version found in the file.
        found: u32,
    },
    /// The file parsed but its structure is inconsistent.
    #[error("{}", format_invalid(path, issues))]
    Invalid {
        /// File name as given.
        path: String,
        /// Every problem found.
        issues: Vec<LocatedIssue>,
    },
}

fn format_invalid(path: &str, issues: &[LocatedIssue]) -> String {
    issues
        .iter()
        .map(|located| match located.at {
            Some(at) => format!("{path}:{at}: {}", located.issue),
            None => format!("{path}: {}", located.issue),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Why a diagram could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Serialisation failed (should not happen for a valid diagram).
    #[error("cannot serialise the diagram: {0}")]
    Serialize(#[from] ron::Error),
    /// Writing, syncing or renaming failed; the previous file is untouched.
    #[error("{path}: cannot save: {source}")]
    Io {
        /// Target file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}

/// Serialises a diagram to RON. Deterministic: the same diagram always gives
/// the same bytes (fields in declaration order, collections in document
/// order, floats in shortest round-trip form).
///
/// # Errors
/// Only if serde fails, which plain data does not.
pub fn to_ron(diagram: &Diagram) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ".to_owned())
        .new_line("\n".to_owned())
        .struct_names(false)
        .escape_strings(true);
    let mut text = ron::ser::to_string_pretty(diagram, config)?;
    text.push('\n');
    Ok(text)
}

#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default)]
    version: u32,
}

/// The `version` field of a RON document (0 when absent), read without
/// looking at the other fields, so a newer file can be recognised even when
/// it has fields this build does not know.
///
/// # Errors
/// The RON syntax error, if the text is not a RON struct.
pub fn probe_version(text: &str) -> Result<u32, ron::error::SpannedError> {
    ron::from_str::<VersionProbe>(text).map(|probe| probe.version)
}

fn syntax_error(path: &str, err: &ron::error::SpannedError) -> LoadError {
    LoadError::Syntax {
        path: path.to_owned(),
        at: LineCol {
            line: err.span.start.line,
            col: err.span.start.col,
        },
        message: describe_ron_error(&err.code),
    }
}

/// Rephrases ron's messages where they are terse.
#[must_use]
pub fn describe_ron_error(code: &ron::Error) -> String {
    let text = code.to_string();
    if code == &ron::Error::Eof {
        "the file ends too early (an unclosed `(` or `[`?)".to_owned()
    } else {
        let mut chars = text.chars();
        chars
            .next()
            .map(|first| first.to_lowercase().chain(chars).collect())
            .unwrap_or(text)
    }
}

/// Parses and validates a diagram from text; `path` names the source in
/// messages.
///
/// # Errors
/// [`LoadError::Syntax`], [`LoadError::NewerVersion`] or
/// [`LoadError::Invalid`] with every problem found.
pub fn from_ron(text: &str, path: &str) -> Result<Diagram, LoadError> {
    // Probe the version first: a newer file may have fields we do not know,
    // and "written by a newer archdrill" is the message that helps.
    match probe_version(text) {
        Ok(found) if found > FORMAT_VERSION => {
            return Err(LoadError::NewerVersion {
                path: path.to_owned(),
                found,
            });
        }
        Ok(_) => {}
        Err(err) => return Err(syntax_error(path, &err)),
    }
    let diagram: Diagram = ron::from_str(text).map_err(|err| syntax_error(path, &err))?;
    validated(diagram, path, |subject| locate(text, subject))
}

/// Returns the diagram if it validates, else [`LoadError::Invalid`] with
/// every problem, each placed in the source by `locate` where it can be.
///
/// # Errors
/// [`LoadError::Invalid`].
pub fn validated(
    diagram: Diagram,
    path: &str,
    locate: impl Fn(&Subject) -> Option<LineCol>,
) -> Result<Diagram, LoadError> {
    let issues = validate(&diagram);
    if issues.is_empty() {
        return Ok(diagram);
    }
    Err(LoadError::Invalid {
        path: path.to_owned(),
        issues: issues
            .into_iter()
            .map(|issue| LocatedIssue {
                at: locate(&issue.subject),
                issue,
            })
            .collect(),
    })
}

/// Finds where an element is defined: the first `id: "…"` with its id.
fn locate(text: &str, subject: &Subject) -> Option<LineCol> {
    let id = subject.id()?;
    let escaped = ron::to_string(&id).ok()?;
    let mut search_from = 0;
    while let Some(offset) = text[search_from..].find(&escaped) {
        let start = search_from + offset;
        let before = text[..start].trim_end();
        if before.ends_with("id:") {
            return Some(line_col(text, start));
        }
        search_from = start + escaped.len();
    }
    None
}

/// The 1-based line and column of a byte offset.
#[must_use]
pub fn line_col(text: &str, byte_offset: usize) -> LineCol {
    let before = &text[..byte_offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    LineCol {
        line,
        col: before[line_start..].chars().count() + 1,
    }
}

/// Reads, parses and validates a diagram file.
///
/// # Errors
/// Any [`LoadError`]; the message names the file.
pub fn load(path: &Path) -> Result<Diagram, LoadError> {
    let shown = path.display().to_string();
    let io = |source| LoadError::Io {
        path: shown.clone(),
        source,
    };
    let bytes = std::fs::metadata(path).map_err(io)?.len();
    if bytes > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { path: shown, bytes });
    }
    let text = std::fs::read_to_string(path).map_err(io)?;
    from_ron(&text, &shown)
}

/// Saves atomically: writes a temporary file beside the target, syncs it,
/// then renames it over the target. On any failure the old file is intact.
///
/// # Errors
/// [`SaveError`] naming the target.
pub fn save(diagram: &Diagram, path: &Path) -> Result<(), SaveError> {
    let text = to_ron(diagram)?;
    write_atomically(path, text.as_bytes()).map_err(|source| SaveError::Io {
        path: path.to_owned(),
        source,
    })
}

/// Writes bytes to `path` via a synced temporary file and a rename.
///
/// # Errors
/// Any I/O error; the temporary file is removed and `path` left untouched.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "diagram".into(), |n| n.to_string_lossy());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        // Persist the rename itself where the platform allows syncing a dir.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ignored = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ignored = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"(
    version: 1,
    title: "Tiny",
    nodes: [
        (id: "app", label: "Mobile app", kind: client, pos: (x: 0.0, y: 0.0)),
        (id: "gw", label: "API Gateway", kind: gateway, pos: (x: 200.0, y: 0.0)),
    ],
    edges: [
        (id: "e1", from: "app", to: "gw", kind: sync, label: "POST /orders"),
    ],
)
"#;

    #[test]
    fn loads_and_writes_deterministically() {
        let diagram = from_ron(SMALL, "tiny.ron").map_err(|e| e.to_string());
        let Ok(diagram) = diagram else {
            panic!("{diagram:?}")
        };
        assert_eq!(diagram.nodes.len(), 2);
        assert_eq!(diagram.edges[0].label, "POST /orders");
        let first = to_ron(&diagram).map_err(|e| e.to_string());
        let second = to_ron(&diagram).map_err(|e| e.to_string());
        assert_eq!(first, second);
        let Ok(text) = first else { panic!() };
        let again = from_ron(&text, "again.ron").map_err(|e| e.to_string());
        assert_eq!(again, Ok(diagram));
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let broken = SMALL.replace("kind: client, pos", "kind: client pos");
        let err = from_ron(&broken, "broken.ron")
            .map(|_| ())
            .map_err(|e| e.to_string());
        let Err(message) = err else {
            panic!("accepted broken RON")
        };
        assert!(message.starts_with("broken.ron:5:"), "{message}");
        assert!(message.contains("expected"), "{message}");
    }

    #[test]
    fn unknown_fields_are_named() {
        let typo = SMALL.replace("label: \"Mobile app\"", "lable: \"Mobile app\"");
        let Err(err) = from_ron(&typo, "typo.ron") else {
            panic!("accepted a typo")
        };
        let message = err.to_string();
        assert!(message.starts_with("typo.ron:5:"), "{message}");
        assert!(message.contains("lable"), "{message}");
    }

    #[test]
    fn newer_versions_are_refused_clearly() {
        let newer = SMALL
            .replace("version: 1", "version: 7")
            .replace("title:", "future_field: 3, title:");
        let Err(err) = from_ron(&newer, "new.ron") else {
            panic!("accepted version 7")
        };
        assert!(matches!(err, LoadError::NewerVersion { found: 7, .. }));
        assert!(err.to_string().contains("version 7"));
    }

    #[test]
    fn dangling_edges_name_the_edge_and_its_line() {
        let dangling = SMALL.replace("to: \"gw\"", "to: \"db\"");
        let Err(err) = from_ron(&dangling, "d.ron") else {
            panic!("accepted a dangling edge")
        };
        assert_eq!(
            err.to_string(),
            "d.ron:9:14: edge `e1`: its `to` end names node `db`, which does not exist"
        );
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\nçd\nx";
        assert_eq!(line_col(text, 0), LineCol { line: 1, col: 1 });
        assert_eq!(line_col(text, 3), LineCol { line: 2, col: 1 });
        assert_eq!(line_col(text, 5), LineCol { line: 2, col: 2 });
        assert_eq!(line_col(text, text.len()), LineCol { line: 3, col: 2 });
    }

    #[test]
    fn failed_save_leaves_the_old_file() {
        let dir = tempfile::tempdir().map_err(|e| e.to_string());
        let Ok(dir) = dir else { panic!() };
        let target = dir.path().join("keep.ron");
        std::fs::write(&target, "old contents").ok();
        // A directory where the temp file would go makes the write fail.
        let blocker = dir
            .path()
            .join(format!(".keep.ron.{}.tmp", std::process::id()));
        std::fs::create_dir(&blocker).ok();
        let result = save(&Diagram::default(), &target);
        assert!(result.is_err());
        assert_eq!(
            std::fs::read_to_string(&target).ok().as_deref(),
            Some("old contents")
        );
        std::fs::remove_dir(&blocker).ok();
        assert!(save(&Diagram::default(), &target).is_ok());
        let reloaded = load(&target).map_err(|e| e.to_string());
        assert_eq!(reloaded, Ok(Diagram::default()));
    }
}
