//! `archdrill check FILE --against REF [--json]`: the checker's report —
//! the score with the points each finding costs, then the findings — as
//! text, or as the JSON PRODUCT.md shows.

use std::io::Write;

use super::{EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK};
use crate::io::{Origin, open};

pub(super) fn run(
    file: &std::path::Path,
    against: &str,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let drawing = match open(file) {
        Ok((diagram, _)) => diagram,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_BAD_INPUT;
        }
    };
    let (reference, reference_id) = match open(std::path::Path::new(against)) {
        Ok((diagram, Origin::Reference(id))) => (diagram, id.to_owned()),
        Ok((diagram, Origin::File(path))) => {
            let id = path
                .file_stem()
                .map_or_else(|| against.to_owned(), |s| s.to_string_lossy().into_owned());
            (diagram, id)
        }
        Err(e) => {
            let known = crate::content::references::ids().join(", ");
            let _ = writeln!(
                err,
                "{e}\n(--against takes a reference id: {known}; or a reference file)"
            );
            return EXIT_BAD_INPUT;
        }
    };
    let report = crate::check::check(&drawing, &reference, &reference_id);
    if json {
        match serde_json::to_string(&report) {
            Ok(text) => {
                let _ = writeln!(out, "{text}");
            }
            Err(e) => {
                let _ = writeln!(err, "cannot write the report: {e}");
                return EXIT_BAD_INPUT;
            }
        }
    } else {
        write_report(&report, &file.display().to_string(), out);
    }
    if report.has_errors() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn write_report(report: &crate::check::Report, file: &str, out: &mut dyn Write) {
    use crate::check::Severity;
    let lost = report.points_lost();
    let _ = writeln!(
        out,
        "{file} checked against {}: score {}/100{}",
        report.reference,
        report.score,
        if lost == 0 {
            String::new()
        } else {
            format!(" (100 - {lost} points, each carried by a finding below)")
        }
    );
    if report.findings.is_empty() {
        let _ = writeln!(
            out,
            "No findings: every part of the reference is there and wired as it should be."
        );
        return;
    }
    if lost == 0 {
        let _ = writeln!(out, "Nothing costs points; the notes below are advice.");
    }
    for (severity, heading) in [
        (Severity::Error, "Errors"),
        (Severity::Warning, "Warnings"),
        (Severity::Info, "Notes"),
    ] {
        let group: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{heading} ({}):", group.len());
        for finding in group {
            let points = if finding.points == 0 {
                String::new()
            } else {
                format!("-{}", finding.points)
            };
            let _ = writeln!(
                out,
                "  {points:>4} {:<20} {}",
                finding.code, finding.message
            );
            if !finding.nodes.is_empty() {
                let _ = writeln!(
                    out,
                    "  {:>4} {:<20} nodes: {}",
                    "",
                    "",
                    finding.nodes.join(", ")
                );
            }
            if !finding.edges.is_empty() {
                let _ = writeln!(
                    out,
                    "  {:>4} {:<20} edges: {}",
                    "",
                    "",
                    finding.edges.join(", ")
                );
            }
        }
    }
}
