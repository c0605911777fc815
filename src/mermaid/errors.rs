//! Turning the parser's failures into [`LoadError::Syntax`] with a
//! `line:column` and a sentence saying what was expected. The parser's
//! byte spans are converted here; its terse grammar wording is rephrased.

use std::fmt::Write as _;

use merman_core::{Error, ParseDiagnosticSpanKind};

use super::text::Protected;
use crate::model::LoadError;
use crate::model::file::line_col;

/// A syntax error at a byte offset of the original source.
pub fn at(source: &str, path: &str, offset: usize, message: String) -> LoadError {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    LoadError::Syntax {
        path: path.to_owned(),
        at: line_col(source, offset),
        message,
    }
}

/// Byte offset of the diagram's header line: the first line that is not
/// blank, a `%%` comment or directive, or inside YAML front matter.
pub fn header_offset(source: &str) -> usize {
    let mut offset = 0;
    let mut in_front_matter = false;
    for (number, line) in source.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        if number == 0 && trimmed == "---" {
            in_front_matter = true;
        } else if in_front_matter {
            in_front_matter = trimmed != "---";
        } else if !trimmed.is_empty() && !trimmed.starts_with("%%") {
            return offset + (line.len() - line.trim_start().len());
        }
        offset += line.len();
    }
    0
}

/// The first word of the header line, for "found …" messages.
fn header_word(source: &str) -> String {
    let start = header_offset(source);
    source[start..]
        .split(|c: char| c.is_whitespace() || c == ';')
        .next()
        .unwrap_or_default()
        .chars()
        .take(40)
        .collect()
}

const HEADER_HINT: &str = "a Mermaid flowchart header such as `flowchart LR` or `graph TD`";

/// Converts a parser error into a located, rephrased syntax error.
pub fn from_parser(source: &str, protected: &Protected, path: &str, error: &Error) -> LoadError {
    match error {
        Error::DiagramParse { diagnostic, .. } => {
            let message = diagnostic.message();
            if message.contains("expected \"end\"")
                && let Some(open) = unclosed_subgraph(source)
            {
                return at(
                    source,
                    path,
                    open,
                    "this `subgraph` is never closed; expected `end`".to_owned(),
                );
            }
            if message.contains("structural characters")
                && let Some(label) = unquoted_label_with_brackets(source)
            {
                return at(source, path, label, rephrase(message, source, label));
            }
            let offset = match (diagnostic.span(), diagnostic.span_kind()) {
                (Some(span), ParseDiagnosticSpanKind::Exact) => {
                    protected.original_offset(span.start)
                }
                // Something is missing: point just after the last thing written.
                (Some(span), ParseDiagnosticSpanKind::InsertionPoint) => {
                    let offset = protected.original_offset(span.start).min(source.len());
                    source[..offset].trim_end().len()
                }
                // A fallback span often points at the end of the input; the
                // line holding the last statement is the better guess.
                (Some(span), ParseDiagnosticSpanKind::Fallback) => {
                    let offset = protected.original_offset(span.start).min(source.len());
                    source[..offset]
                        .trim_end()
                        .rfind('\n')
                        .map_or(0, |i| i + 1 + leading_space(&source[i + 1..]))
                }
                (None, _) => mentioned(message, source).unwrap_or_else(|| header_offset(source)),
            };
            at(source, path, offset, rephrase(message, source, offset))
        }
        Error::UnsupportedDiagram { diagram_type } => at(
            source,
            path,
            header_offset(source),
            format!(
                "this is a Mermaid `{diagram_type}` diagram; archdrill imports flowcharts only (expected {HEADER_HINT})"
            ),
        ),
        Error::DetectType(_) => {
            let found = header_word(source);
            let message = if found.is_empty() {
                format!("the file has no diagram; expected {HEADER_HINT}")
            } else {
                format!("expected {HEADER_HINT}, found `{found}`")
            };
            at(source, path, header_offset(source), message)
        }
        Error::MalformedFrontMatter => at(
            source,
            path,
            0,
            "the YAML front matter is not closed; expected a line `---` after it".to_owned(),
        ),
        Error::InvalidFrontMatterYaml { message } => at(
            source,
            path,
            0,
            format!("the YAML front matter is not valid YAML: {message}"),
        ),
        Error::InvalidDirectiveJson { message } => {
            let offset = source.find("%%{").unwrap_or(0);
            at(
                source,
                path,
                offset,
                format!("the `%%{{init: …}}%%` directive is not valid JSON: {message}"),
            )
        }
        other => at(
            source,
            path,
            header_offset(source),
            format!(
                "the Mermaid parser failed: {}",
                lower_first(&other.to_string())
            ),
        ),
    }
}

/// Where the innermost `subgraph` still open at the end of the text
/// starts, if any.
fn unclosed_subgraph(source: &str) -> Option<usize> {
    let mut open = Vec::new();
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let first = trimmed
            .split(|c: char| c.is_whitespace() || c == ';')
            .next()
            .unwrap_or("");
        if first == "subgraph" {
            open.push(offset + line.len() - trimmed.len());
        } else if first == "end" {
            open.pop();
        }
        offset += line.len();
    }
    open.pop()
}

/// Where the statement with the first node label holding unquoted
/// brackets starts (the parser's own span points at the end of the input):
/// a `[`, `(` or `{` opening a label that opens another bracket before its
/// first closer and does not start with a quote, on a line that is not a
/// comment. Shape openers (`[(`, `([`, `((`, `{{`,
/// `[[`, `[/`) count as one.
fn unquoted_label_with_brackets(source: &str) -> Option<usize> {
    const OPEN: [char; 3] = ['[', '(', '{'];
    let body = header_offset(source);
    let mut offset = body;
    for line in source[body..].split_inclusive('\n') {
        let statement = line.trim_start();
        if !statement.starts_with("%%") {
            let mut rest = line;
            while let Some(open) = rest.find(OPEN) {
                // The shape's opening run, then the label up to its closer.
                let after = &rest[open..];
                let run = after
                    .chars()
                    .take_while(|c| OPEN.contains(c) || *c == '/')
                    .count();
                let text = after[run..].trim_start();
                // The label ends at the first closer; an opener before it
                // is a bracket inside the label.
                let close = text.find([']', ')', '}']).unwrap_or(text.len());
                let label = &text[..close];
                if !text.starts_with('"') && label.contains(OPEN) {
                    // The statement's start, as other statement errors.
                    return Some(offset + line.len() - statement.len());
                }
                // On past this label (and its closer) to the next node.
                let skip = open + run + (after.len() - run - text.len()) + close + 1;
                if skip >= rest.len() {
                    break;
                }
                rest = &rest[skip..];
            }
        }
        offset += line.len();
    }
    None
}

/// The first place the source mentions what a message names after its
/// last `: ` ("No such shape: teapot." → `teapot`).
fn mentioned(message: &str, source: &str) -> Option<usize> {
    let (_, name) = message.rsplit_once(": ")?;
    let name = name.trim().trim_end_matches('.').trim_matches('`');
    if name.is_empty() || name.contains(' ') {
        return None;
    }
    let body = header_offset(source);
    source[body..].find(name).map(|i| body + i)
}

fn leading_space(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Grammar names in the parser's "expected" lists, in plain words.
const TOKEN_WORDS: &[(&str, &str)] = &[
    ("sep", "a new line or `;`"),
    ("direction stmt", "`direction`"),
    ("node identifier", "a node id"),
    ("style stmt", "`style`"),
    ("class def stmt", "`classDef`"),
    ("class assign stmt", "`class`"),
    ("click stmt", "`click`"),
    ("link style stmt", "`linkStyle`"),
    ("\"subgraph\"", "`subgraph`"),
    ("\"end\"", "`end`"),
    ("amp", "`&`"),
    ("style sep", "`:::`"),
    ("arrow", "an arrow"),
    ("edge id", "an edge id (`e1@`)"),
    ("shape data", "`@{ … }`"),
    ("identifier", "a node id"),
];

/// Rewrites a parser message: no byte offsets, grammar names in words,
/// found tokens in backticks, and a hint for common mistakes.
fn rephrase(message: &str, source: &str, offset: usize) -> String {
    let found: String = source[offset.min(source.len())..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .take(24)
        .collect();
    let message = strip_offset_suffix(message);
    let (head, expected) = match message.split_once("; expected ") {
        Some((head, expected)) => (head.to_owned(), Some(expected)),
        None => (message.clone(), None),
    };
    let head = if let Some(token) = head.strip_prefix("unexpected ") {
        if token == "end of input" {
            "the flowchart ends too early".to_owned()
        } else if token.starts_with('`') {
            head.clone()
        } else if token.contains(' ') || token == "identifier" || found.is_empty() {
            // A grammar category, not text: show what is written there.
            if found.is_empty() {
                format!("unexpected {token}")
            } else {
                format!("unexpected `{found}`")
            }
        } else {
            format!("unexpected `{token}`")
        }
    } else if head.starts_with("Unexpected character") && !found.is_empty() {
        let ch: String = found.chars().take(1).collect();
        format!("unexpected character `{ch}`")
    } else if let Some(keyword) = head.strip_prefix("Unexpected flowchart keyword ") {
        format!("`{keyword}` is a Mermaid keyword and cannot be used here")
    } else {
        lower_first(&head)
    };
    let mut text = head;
    if let Some(expected) = expected {
        let words: Vec<String> = expected
            .split(", ")
            .map(|token| {
                TOKEN_WORDS
                    .iter()
                    .find(|(name, _)| *name == token)
                    .map_or_else(|| token.replace('"', "`"), |(_, w)| (*w).to_owned())
            })
            .collect();
        text.push_str("; expected ");
        if words.len() > 4 {
            text.push_str("a node, an edge or a statement (");
            text.push_str(&words.join(", "));
            text.push(')');
        } else {
            text.push_str(&words.join(" or "));
        }
    }
    if text.starts_with("no such shape") {
        text = format!(
            "{}; expected a Mermaid shape name such as `rect`, `rounded`, `stadium`, `cyl`, `hex` or `doc`",
            text.trim_end_matches('.')
        );
    } else if text.contains("structural characters") {
        text.push_str(" (wrap the label in double quotes: `A[\"text (with) brackets\"]`)");
    } else if text.starts_with("unexpected character `/`")
        || text.starts_with("unexpected character `-`")
    {
        text.push_str(" (node ids are letters, digits, `_` and inner `-`)");
    } else if found == "end"
        && source[offset..]
            .lines()
            .next()
            .is_some_and(|l| l.trim() == "end")
    {
        "`end` without a matching `subgraph`".clone_into(&mut text);
    } else if matches!(found.as_str(), "end" | "graph" | "flowchart" | "subgraph")
        && text.starts_with("unexpected `")
    {
        let _ = write!(text, " (`{found}` is a keyword; give the node another id)");
    }
    text
}

/// Drops a trailing " at 123" byte offset from a message.
fn strip_offset_suffix(message: &str) -> String {
    match message.rsplit_once(" at ") {
        Some((head, tail)) if !tail.is_empty() && tail.chars().all(|c| c.is_ascii_digit()) => {
            head.to_owned()
        }
        _ => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_skips_front_matter_and_comments() {
        let text = "---\ntitle: x\n---\n%% note\n\n  flowchart LR\n";
        assert_eq!(&text[header_offset(text)..], "flowchart LR\n");
        assert_eq!(header_word("%% c\nsequenceDiagram\n"), "sequenceDiagram");
    }

    #[test]
    fn messages_lose_offsets_and_grammar_names() {
        assert_eq!(
            strip_offset_suffix("Unexpected character at 48"),
            "Unexpected character"
        );
        let text = rephrase(
            "unexpected end; expected \"subgraph\", direction stmt, node identifier, style stmt, class def stmt",
            "x end --> y",
            2,
        );
        assert!(
            text.starts_with("unexpected `end`; expected a node, an edge"),
            "{text}"
        );
        assert!(text.contains("a node id"), "{text}");
        assert!(text.contains("keyword"), "{text}");
    }
}
