//! The RON file format: deterministic writing, loading with errors that name
//! the file and `line:column`, version checks, size limits and atomic saves.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::validate::{Issue, Subject, validate};
use super::{Diagram, FORMAT_VERSION};
use crate::disk::{self, ReadError, human_bytes};

/// Files larger than this are refused, and never more than this plus one
/// byte is read. What archdrill writes always fits: past
/// [`COMPACT_FROM_BYTES`] diagrams are written one element per line, and a
/// save that would still exceed this is refused before anything is written
/// (a drawing of 100,000 nodes and 200,000 edges is about 22 MiB that way).
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Documents are written one element per line (node, edge, boundary,
/// step) when that form is larger than this; smaller ones are written
/// pretty, one field per line (about 2.5 times larger, so up to ~4 MiB).
pub const COMPACT_FROM_BYTES: usize = 1536 * 1024;

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
    /// Not read: not a regular file, or larger than the cap.
    #[error("{path}: {reason}")]
    Refused {
        /// File name as given.
        path: String,
        /// Why ([`ReadError::NotRegular`] or [`ReadError::TooLarge`]).
        reason: ReadError,
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
    /// The file would be larger than archdrill reads back; nothing was
    /// written.
    #[error(
        "{}: not saved: the diagram would take {} as a file, and archdrill opens diagrams of at most {}; split it into smaller drawings",
        path.display(),
        human_bytes(*bytes),
        human_bytes(MAX_FILE_BYTES)
    )]
    TooLarge {
        /// Target file.
        path: PathBuf,
        /// The size it would have had.
        bytes: u64,
    },
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
/// order, floats in shortest round-trip form). One node, edge, boundary or
/// step per line past [`COMPACT_FROM_BYTES`], so that big drawings stay
/// well within [`MAX_FILE_BYTES`]; pretty (one field per line) below.
///
/// # Errors
/// Only if serde fails, which plain data does not.
pub fn to_ron(diagram: &Diagram) -> Result<String, ron::Error> {
    to_ron_value(diagram, 2)
}

/// Any value as RON in the style of diagram files (four-space indent, `\n`,
/// no struct names, escaped strings); pretty only down to `compact_depth`
/// (the depth of the elements of a diagram's lists: 2 for a diagram, 3 for
/// a diagram inside a record) when that form exceeds [`COMPACT_FROM_BYTES`].
///
/// # Errors
/// Only if serde fails.
pub fn to_ron_value<T: serde::Serialize>(
    value: &T,
    compact_depth: usize,
) -> Result<String, ron::Error> {
    let config = || {
        ron::ser::PrettyConfig::new()
            .indentor("    ".to_owned())
            .new_line("\n".to_owned())
            .struct_names(false)
            .escape_strings(true)
    };
    // The compact form first: a big document is then serialised once.
    let mut text = ron::ser::to_string_pretty(value, config().depth_limit(compact_depth))?;
    if text.len() <= COMPACT_FROM_BYTES {
        text = ron::ser::to_string_pretty(value, config())?;
    }
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
    // Files archdrill writes open with `(` and the version field: read it
    // without parsing the whole (possibly large) document twice.
    if let Some(version) = leading_version(text) {
        return Ok(version);
    }
    ron::from_str::<VersionProbe>(text).map(|probe| probe.version)
}

/// The version of a text that starts `( version: N,` (whitespace allowed).
fn leading_version(text: &str) -> Option<u32> {
    let rest = text.trim_start().strip_prefix('(')?.trim_start();
    let rest = rest
        .strip_prefix("version")?
        .trim_start()
        .strip_prefix(':')?;
    let rest = rest.trim_start();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = rest[digits..].trim_start();
    if digits == 0 || !(after.starts_with(',') || after.starts_with(')')) {
        return None;
    }
    rest[..digits].parse().ok()
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

/// What a type of the file formats is, in the words of a user; `None`
/// for names that mean nothing to one.
fn user_term(type_name: &str) -> Option<&'static str> {
    Some(match type_name {
        "Diagram" | "VersionProbe" => "the document",
        "Node" => "a node",
        "Edge" => "an edge",
        "Boundary" => "a boundary",
        "Step" => "a walkthrough step",
        "Point" => "a position",
        "Size" => "a size",
        "NodeCapacity" => "a node's capacity",
        "EdgeTraffic" => "an edge's traffic",
        "CheckSpec" => "the check section",
        "Role" => "a check role",
        "NodeKind" => "a node kind",
        "EdgeKind" => "an edge kind",
        "Recovery" => "the recovery copy",
        "RecoveryOrigin" => "the origin",
        "RecentFiles" => "the recent files list",
        "Settings" => "the settings",
        "Progress" => "the progress file",
        _ => return None,
    })
}

/// ` in a node` for a known outer type, else nothing.
fn within(outer: Option<&String>) -> String {
    outer
        .and_then(|o| user_term(o))
        .map_or_else(String::new, |t| format!(" in {t}"))
}

/// Rephrases ron's messages in a user's terms: no internal type names, no
/// advice about ron's options.
#[must_use]
pub fn describe_ron_error(code: &ron::Error) -> String {
    use ron::Error as E;
    let text = match code {
        E::Eof => return "the file ends too early (an unclosed `(` or `[`?)".to_owned(),
        E::ExceededRecursionLimit => {
            return "brackets nest too deeply here (more than 128 levels); an archdrill file nests only a few levels".to_owned();
        }
        E::ExpectedStructLike => "expected `(`".to_owned(),
        E::ExpectedNamedStructLike(name) => match user_term(name) {
            Some("the document") => {
                "expected `(` opening the document (an archdrill file is RON text starting with `(`)".to_owned()
            }
            Some(term) => format!("expected `(` opening {term}"),
            None => "expected `(`".to_owned(),
        },
        E::MissingStructField { field, outer } => {
            format!("missing field `{field}`{}", within(outer.as_ref()))
        }
        E::DuplicateStructField { field, outer } => {
            format!("field `{field}` is given twice{}", within(outer.as_ref()))
        }
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let plain = E::NoSuchStructField {
                expected,
                found: found.clone(),
                outer: None,
            }
            .to_string();
            let rest = plain.split_once(", ").map_or("", |(_, r)| r);
            format!("unknown field `{found}`{}, {rest}", within(outer.as_ref()))
        }
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let plain = E::NoSuchEnumVariant {
                expected,
                found: found.clone(),
                outer: None,
            }
            .to_string();
            let rest = plain.split_once(", ").map_or("", |(_, r)| r);
            let what = outer.as_deref().and_then(user_term).unwrap_or("a name");
            format!("`{found}` is not {what}, {rest}")
        }
        other => {
            let mut text = other.to_string();
            for keyword in ["struct ", "enum "] {
                while let Some(at) = text.find(keyword) {
                    let rest = &text[at + keyword.len()..];
                    let name: String = rest
                        .trim_start_matches('`')
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    let quoted = rest.starts_with('`');
                    let len = keyword.len() + name.len() + if quoted { 2 } else { 0 };
                    let term = user_term(&name).unwrap_or("a value");
                    text.replace_range(at..at + len, term);
                }
            }
            text
        }
    };
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or(text)
}

/// Parses and validates a diagram from text; `path` names the source in
/// messages.
///
/// # Errors
/// [`LoadError::Syntax`], [`LoadError::NewerVersion`] or
/// [`LoadError::Invalid`] with every problem found.
pub fn from_ron(text: &str, path: &str) -> Result<Diagram, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
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

/// Reads a document's text: a regular file of at most `cap` bytes (never
/// more than `cap + 1` read), UTF-8, a leading byte order mark dropped.
///
/// # Errors
/// [`LoadError::Io`], [`LoadError::Refused`] (not a regular file, too
/// large) or [`LoadError::Syntax`] at the first byte that is not UTF-8.
pub fn read_document(path: &Path, cap: u64) -> Result<String, LoadError> {
    let shown = path.display().to_string();
    disk::read_text(path, cap).map_err(|reason| match reason {
        ReadError::Io(source) => LoadError::Io {
            path: shown,
            source,
        },
        ReadError::NotUtf8 { at, byte } => LoadError::Syntax {
            path: shown,
            at,
            message: format!("the file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8"),
        },
        reason @ (ReadError::NotRegular(_) | ReadError::TooLarge { .. }) => LoadError::Refused {
            path: shown,
            reason,
        },
    })
}

/// Reads, parses and validates a diagram file.
///
/// # Errors
/// Any [`LoadError`]; the message names the file.
pub fn load(path: &Path) -> Result<Diagram, LoadError> {
    let text = read_document(path, MAX_FILE_BYTES)?;
    from_ron(&text, &path.display().to_string())
}

/// Saves atomically (see [`write_atomically`]). A diagram whose file would
/// be larger than [`MAX_FILE_BYTES`] is refused before anything is
/// written: archdrill could not open it again.
///
/// # Errors
/// [`SaveError`] naming the target.
pub fn save(diagram: &Diagram, path: &Path) -> Result<(), SaveError> {
    save_within(diagram, path, MAX_FILE_BYTES)
}

/// [`save`], refusing files larger than `cap`.
fn save_within(diagram: &Diagram, path: &Path, cap: u64) -> Result<(), SaveError> {
    let text = to_ron(diagram)?;
    let bytes = u64::try_from(text.len()).unwrap_or(u64::MAX);
    if bytes > cap {
        return Err(SaveError::TooLarge {
            path: path.to_owned(),
            bytes,
        });
    }
    write_atomically(path, text.as_bytes()).map_err(|source| SaveError::Io {
        path: path.to_owned(),
        source,
    })
}

/// Writes bytes to `path` atomically: an exclusively created temporary
/// file with an unpredictable name beside the real target (symlinks
/// resolved), synced, renamed over it; permissions kept. See
/// [`crate::disk::write_atomically`].
///
/// # Errors
/// Any I/O error; the temporary file is removed and `path` left untouched.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    disk::write_atomically(path, bytes)
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
    fn the_version_is_read_from_the_start_when_it_is_there() {
        assert_eq!(leading_version("(\n    version: 1,\n"), Some(1));
        assert_eq!(leading_version("  ( version:12 )"), Some(12));
        assert_eq!(leading_version("(title: \"x\", version: 1)"), None);
        assert_eq!(leading_version("(version: 1x,"), None);
        assert_eq!(leading_version("(versions: 1,"), None);
        assert_eq!(probe_version("(title: \"x\", version: 3)").ok(), Some(3));
    }

    #[test]
    fn a_file_larger_than_the_cap_is_not_written() {
        let Ok(dir) = tempfile::tempdir() else {
            panic!("tempdir")
        };
        let path = dir.path().join("d.ron");
        std::fs::write(&path, "old").ok();
        let Err(err) = save_within(&from_ron(SMALL, "s.ron").unwrap_or_default(), &path, 100)
        else {
            panic!("wrote past the cap")
        };
        assert!(matches!(err, SaveError::TooLarge { .. }), "{err}");
        assert!(err.to_string().contains("not saved"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).ok().as_deref(), Some("old"));
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
    fn a_bom_is_accepted_and_messages_speak_of_the_file() {
        let with_bom = format!("\u{feff}{SMALL}");
        assert!(from_ron(&with_bom, "bom.ron").is_ok());
        let Err(err) = from_ron("[1, 2]", "list.ron") else {
            panic!("accepted a list")
        };
        let message = err.to_string();
        assert!(message.starts_with("list.ron:1:1: "), "{message}");
        assert!(!message.contains("VersionProbe"), "{message}");
        assert!(message.contains("`(`"), "{message}");
        let deep = format!("(nodes: {}{})", "[".repeat(300), "]".repeat(300));
        let Err(err) = from_ron(&deep, "deep.ron") else {
            panic!("accepted deep nesting")
        };
        let message = err.to_string();
        assert!(!message.contains("ron::"), "{message}");
        assert!(!message.contains("recursion_limit"), "{message}");
        assert!(message.contains("nest"), "{message}");
    }

    #[test]
    fn big_diagrams_are_written_one_element_per_line() {
        let mut d = Diagram::default();
        for i in 0..40_000 {
            d.nodes.push(crate::model::Node::new(
                &format!("n{i}"),
                &format!("Service number {i}"),
                crate::model::NodeKind::Service,
                crate::model::Point::new(1.5, 2.0),
            ));
        }
        let Ok(text) = to_ron(&d) else { panic!() };
        assert!(text.len() > COMPACT_FROM_BYTES, "{}", text.len());
        let lines = text.lines().count();
        assert!(lines < 40_100, "{lines} lines");
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with("(id:\"n7\"")
                    || l.trim_start().starts_with("(id: \"n7\"")),
            "{}",
            &text[..600]
        );
        let again = from_ron(&text, "big.ron").map_err(|e| e.to_string());
        assert_eq!(again, Ok(d));
        // Small ones stay pretty.
        let Ok(small) = to_ron(&Diagram::default()) else {
            panic!()
        };
        assert!(small.lines().count() > 3, "{small}");
    }
}
