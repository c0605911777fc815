//! The command line (clap): argument definitions and the subcommands of the
//! CLI contract in PRODUCT.md. Output goes to the writers passed in, so tests
//! can capture it; this is the one module allowed to print. `check` is in
//! `check.rs`, the drill commands (`due`, `review`, `stats`) in
//! `drills.rs`, `simulate` in `simulate.rs`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod check;
mod drills;
mod simulate;

pub use simulate::to_json as simulate_json;

use crate::content::references::REFERENCES;
use crate::drill::{Rating, Timestamp};
use crate::io::open;

/// The clock, read once per command (the drill core never reads it).
fn now() -> Timestamp {
    let secs = crate::store::unix_now_secs();
    Timestamp::from_unix_secs(i64::try_from(secs).unwrap_or(i64::MAX))
}

/// Exit code for success.
pub const EXIT_OK: u8 = 0;
/// Exit code for bad input (unreadable, unparsable or invalid files).
pub const EXIT_BAD_INPUT: u8 = 2;

/// archdrill: rehearse the whiteboard part of senior backend interviews.
#[derive(Debug, Parser)]
#[command(
    name = "archdrill",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; with none, the app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A diagram (`.ron`) or reference id to open in the app.
    pub file: Option<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the reference diagrams (ids and titles).
    References {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Load a diagram and count its nodes, edges, boundaries and kinds.
    Inspect {
        /// A `.ron` or `.mmd` (Mermaid) diagram, or a reference id.
        file: PathBuf,
        /// Print JSON: {"nodes":N,"edges":M,"groups":G,"kinds":{…}}.
        #[arg(long)]
        json: bool,
    },
    /// Load every file and report every problem found.
    Validate {
        /// Diagram files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Compare a drawing with a reference; exit 1 when there are error-level findings.
    Check {
        /// The drawing (`.ron` or `.mmd`).
        file: PathBuf,
        /// Reference id (see `references`) or a reference file.
        #[arg(long, value_name = "REF")]
        against: String,
        /// Print JSON: {"reference":…,"score":…,"findings":[…]}.
        #[arg(long)]
        json: bool,
    },
    /// Write a diagram as SVG, PNG, Mermaid or RON, by OUT's extension.
    Export {
        /// A diagram (`.ron`, `.mmd`) or reference id.
        file: PathBuf,
        /// The output: `.svg`, `.png`, `.mmd` or `.ron`; nothing is written on failure.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
        /// PNG pixels per canvas unit.
        #[arg(long, default_value_t = 2.0)]
        scale: f32,
        /// A title above the picture (`.svg`, `.png`); without TEXT, the
        /// diagram's own title.
        #[arg(long, value_name = "TEXT", num_args = 0..=1, default_missing_value = "")]
        title: Option<String>,
        /// A legend below the picture: the box and arrow kinds it uses.
        #[arg(long)]
        legend: bool,
    },
    /// What breaks first at X times the entry traffic, and what breaks while NODE is down.
    Simulate {
        /// A diagram (`.ron`, `.mmd`) or reference id.
        file: PathBuf,
        /// Multiplier of the drawing's entry traffic (1 = today; `10`, `10x`).
        #[arg(long, value_name = "X", default_value = "1", value_parser = simulate::parse_traffic)]
        traffic: f64,
        /// Take a node down (by id); repeat for several.
        #[arg(long, value_name = "NODE")]
        down: Vec<String>,
        /// Print JSON: `{"traffic","nodes","first_bottleneck","queues","paths"}`.
        #[arg(long)]
        json: bool,
    },
    /// List the Q&A cards (id, section, question, diagram).
    Cards {
        /// Print JSON: [{"id","section","question","diagram"}, …].
        #[arg(long)]
        json: bool,
    },
    /// What is due for review at TIME (default now): cards and diagram prompts.
    Due {
        /// Print JSON: `{"at":…,"due":[{"id","type","due_at"}…],"new_left_today":N}`.
        #[arg(long)]
        json: bool,
        /// The time to ask about (RFC 3339, e.g. 2025-06-02T09:00:00Z); default now.
        #[arg(long, value_name = "TIME", value_parser = parse_time)]
        at: Option<Timestamp>,
    },
    /// Record one review of a card or prompt and print when it is due next.
    Review {
        /// The card or prompt id.
        id: String,
        /// How well you recalled it.
        #[arg(long, value_enum)]
        rating: RatingArg,
        /// When the review happened (RFC 3339); default now.
        #[arg(long, value_name = "TIME", value_parser = parse_time)]
        at: Option<Timestamp>,
        /// Print JSON: `{"id","rating","due_at","interval_days"}`.
        #[arg(long)]
        json: bool,
    },
    /// Reviews per day, streak, due counts, weakest sections, frequent finding codes.
    Stats {
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// The time to report as of (RFC 3339); default now.
        #[arg(long, value_name = "TIME", value_parser = parse_time)]
        at: Option<Timestamp>,
    },
}

/// The four ratings, as `--rating` takes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum RatingArg {
    /// Forgotten.
    Again,
    /// Recalled with serious difficulty.
    Hard,
    /// Recalled.
    Good,
    /// Recalled effortlessly.
    Easy,
}

impl From<RatingArg> for Rating {
    fn from(rating: RatingArg) -> Self {
        match rating {
            RatingArg::Again => Self::Again,
            RatingArg::Hard => Self::Hard,
            RatingArg::Good => Self::Good,
            RatingArg::Easy => Self::Easy,
        }
    }
}

fn parse_time(text: &str) -> Result<Timestamp, String> {
    Timestamp::parse(text).map_err(|e| e.to_string())
}

/// Exit code when a check has error-level findings.
pub const EXIT_FINDINGS: u8 = 1;

/// Runs a subcommand, writing results to `out` and problems to `err`.
/// Write failures (a closed pipe) are ignored: there is nobody to tell.
pub fn run(command: &Command, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let code = match command {
        Command::References { json } => references(*json, out, err),
        Command::Inspect { file, json } => inspect(file, *json, out, err),
        Command::Validate { files } => validate(files, out, err),
        Command::Check {
            file,
            against,
            json,
        } => check::run(file, against, *json, out, err),
        Command::Export {
            file,
            output,
            scale,
            title,
            legend,
        } => export(file, output, (*scale, title.as_deref(), *legend), out, err),
        Command::Simulate {
            file,
            traffic,
            down,
            json,
        } => simulate::run(file, *traffic, down, *json, out, err),
        Command::Cards { json } => cards(*json, out, err),
        Command::Due { json, at } => drills::due(*json, at.unwrap_or_else(now), out, err),
        Command::Review {
            id,
            rating,
            at,
            json,
        } => drills::review(
            id,
            (*rating).into(),
            at.unwrap_or_else(now),
            *json,
            out,
            err,
        ),
        Command::Stats { json, at } => drills::stats(*json, at.unwrap_or_else(now), out, err),
    };
    ExitCode::from(code)
}

fn references(json: bool, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let mut rows = Vec::new();
    for reference in REFERENCES {
        match reference.load() {
            Ok(diagram) => rows.push((reference.id, diagram.title)),
            Err(e) => {
                let _ = writeln!(err, "{e}");
                return EXIT_BAD_INPUT;
            }
        }
    }
    if json {
        let list: Vec<serde_json::Value> = rows
            .iter()
            .map(|(id, title)| serde_json::json!({ "id": id, "title": title }))
            .collect();
        let _ = writeln!(out, "{}", serde_json::Value::Array(list));
    } else {
        let width = rows.iter().map(|(id, _)| id.len()).max().unwrap_or(0);
        for (id, title) in &rows {
            let _ = writeln!(out, "{id:width$}  {title}");
        }
    }
    EXIT_OK
}

fn inspect(file: &std::path::Path, json: bool, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let diagram = match open(file) {
        Ok((diagram, _)) => diagram,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_BAD_INPUT;
        }
    };
    let kinds = diagram.kind_counts();
    if json {
        let value = serde_json::json!({
            "nodes": diagram.nodes.len(),
            "edges": diagram.edges.len(),
            "groups": diagram.boundaries.len(),
            "kinds": kinds,
        });
        let _ = writeln!(out, "{value}");
    } else {
        let title = if diagram.title.is_empty() {
            "(untitled)"
        } else {
            &diagram.title
        };
        let _ = writeln!(out, "{}: {title}", file.display());
        let _ = writeln!(
            out,
            "  {} nodes, {} edges, {} boundaries, {} walkthrough steps",
            diagram.nodes.len(),
            diagram.edges.len(),
            diagram.boundaries.len(),
            diagram.walkthrough.len()
        );
        let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        let _ = writeln!(out, "  kinds: {}", kinds.join(", "));
    }
    EXIT_OK
}

fn validate(files: &[PathBuf], out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let mut bad = 0usize;
    for file in files {
        match open(file) {
            Ok((diagram, _)) => {
                let _ = writeln!(
                    out,
                    "ok  {} ({} nodes, {} edges)",
                    file.display(),
                    diagram.nodes.len(),
                    diagram.edges.len()
                );
            }
            Err(e) => {
                bad += 1;
                let _ = writeln!(err, "{e}");
            }
        }
    }
    if bad == 0 {
        EXIT_OK
    } else {
        let _ = writeln!(err, "{bad} of {} files have problems", files.len());
        EXIT_BAD_INPUT
    }
}

fn export(
    file: &std::path::Path,
    output: &std::path::Path,
    (scale, title, legend): (f32, Option<&str>, bool),
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let Some(format) = crate::export::Format::from_path(output) else {
        let _ = writeln!(
            err,
            "{}: unknown output type; use .svg, .png, .mmd or .ron",
            output.display()
        );
        return EXIT_BAD_INPUT;
    };
    let diagram = match open(file) {
        Ok((diagram, _)) => diagram,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_BAD_INPUT;
        }
    };
    // `--title` alone: the diagram's own title, else the file's name.
    let title = title.map(|t| {
        if !t.trim().is_empty() {
            t.to_owned()
        } else if !diagram.title.trim().is_empty() {
            diagram.title.clone()
        } else {
            file.file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
        }
    });
    let picture = crate::export::Picture { title, legend };
    let written = crate::export::render_with(&diagram, format, scale, &picture)
        .map_err(|e| e.to_string())
        .and_then(|bytes| {
            crate::model::file::write_atomically(output, &bytes)
                .map(|()| bytes.len())
                .map_err(|e| format!("cannot write: {e}"))
        });
    match written {
        Ok(bytes) => {
            let _ = writeln!(out, "wrote {} ({bytes} bytes)", output.display());
            EXIT_OK
        }
        Err(e) => {
            let _ = writeln!(err, "{}: {e}", output.display());
            EXIT_BAD_INPUT
        }
    }
}

fn cards(json: bool, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let cards = match crate::content::cards::all() {
        Ok(cards) => cards,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_BAD_INPUT;
        }
    };
    if json {
        let list: Vec<serde_json::Value> = cards
            .iter()
            .map(|c| serde_json::json!({ "id": c.id, "section": c.section, "question": c.question, "diagram": c.diagram }))
            .collect();
        let _ = writeln!(out, "{}", serde_json::Value::Array(list));
    } else {
        let mut section = "";
        for card in &cards {
            if card.section != section {
                section = &card.section;
                let _ = writeln!(out, "\n{section}");
            }
            let diagram = card
                .diagram
                .as_deref()
                .map_or_else(String::new, |d| format!("  [{d}]"));
            let _ = writeln!(out, "  {:<40} {}{diagram}", card.id, card.question);
        }
        let _ = writeln!(out, "\n{} cards", cards.len());
    }
    EXIT_OK
}
