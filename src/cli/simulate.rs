//! `archdrill simulate FILE --traffic X [--down NODE]… [--json]`: what
//! breaks first at X times the drawing's entry traffic, and what breaks
//! while NODE is down. JSON exactly as PRODUCT.md shows; text otherwise,
//! led by the sentence a candidate can say.

use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

use super::EXIT_BAD_INPUT;
use super::EXIT_OK;
use crate::io::open;
use crate::model::{EdgeId, NodeId};
use crate::simulate::{PathStatus, Scenario, Simulation, rate, simulate, times};

/// Parses a traffic multiplier: `10`, `10x`, `10×`, `0.5`; finite, ≥ 0.
///
/// # Errors
/// A sentence saying what was expected.
pub fn parse_traffic(text: &str) -> Result<f64, String> {
    let trimmed = text.trim().trim_end_matches(['x', 'X', '×']).trim_end();
    match trimmed.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        _ => Err(format!(
            "`{text}` is not a traffic multiplier; give a number ≥ 0 such as 1, 10 or 100"
        )),
    }
}

/// Runs the subcommand.
pub fn run(
    file: &Path,
    traffic: f64,
    down: &[String],
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let diagram = match open(file) {
        Ok((diagram, _)) => diagram,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_BAD_INPUT;
        }
    };
    let scenario = Scenario {
        traffic,
        down: down.iter().map(|d| d.as_str().into()).collect(),
    };
    let sim = match simulate(&diagram, &scenario) {
        Ok(sim) => sim,
        Err(e) => {
            let _ = writeln!(err, "{}: {e}", file.display());
            if let crate::simulate::SimError::UnknownNode { close, .. } = &e
                && close.is_empty()
            {
                let ids: Vec<&str> = diagram.nodes.iter().map(|n| n.id.as_str()).collect();
                let _ = writeln!(err, "(node ids: {})", ids.join(", "));
            }
            return EXIT_BAD_INPUT;
        }
    };
    if json {
        let _ = writeln!(out, "{}", to_json(&sim));
    } else {
        write_text(&sim, &file.display().to_string(), out);
    }
    EXIT_OK
}

/// A number for JSON: finite, else `null` (never reached: the simulator
/// keeps every figure finite, but JSON must never see `inf` or `NaN`).
fn number(v: f64) -> Value {
    serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
}

/// The `simulate --json` object of PRODUCT.md.
#[must_use]
pub fn to_json(sim: &Simulation) -> Value {
    let nodes: Vec<Value> = sim
        .nodes
        .iter()
        .map(|n| {
            json!({
                "id": n.id.as_str(),
                "kind": n.kind.id(),
                "load_rps": number(n.load_rps),
                "capacity_rps": n.capacity_rps.map_or(Value::Null, number),
                "utilisation": number(n.utilisation),
            })
        })
        .collect();
    let first = sim.first_bottleneck.as_ref().map_or(Value::Null, |b| {
        json!({
            "node": b.node.as_str(),
            "kind": b.kind.id(),
            "at_traffic": number(b.at_traffic),
            "metric": b.metric,
        })
    });
    let queues: Vec<Value> = sim
        .queues
        .iter()
        .map(|q| json!({ "node": q.node.as_str(), "growth_per_s": number(q.growth_per_s) }))
        .collect();
    let paths = |status: PathStatus| -> Vec<Vec<&str>> {
        sim.paths_with(status)
            .map(|p| p.nodes.iter().map(NodeId::as_str).collect())
            .collect()
    };
    json!({
        "traffic": number(sim.traffic),
        "nodes": nodes,
        "first_bottleneck": first,
        "queues": queues,
        "paths": {
            "failed": paths(PathStatus::Failed),
            "degraded": paths(PathStatus::Degraded),
            "unaffected": paths(PathStatus::Unaffected),
        },
    })
}

fn write_text(sim: &Simulation, file: &str, out: &mut dyn Write) {
    let _ = writeln!(
        out,
        "{file} at {} ({} RPS at 1×, {} RPS now)\n",
        times(sim.traffic),
        rate(sim.entry_rps),
        rate(sim.entry_rps * sim.traffic)
    );
    for sentence in sim.sentences() {
        let _ = writeln!(out, "{sentence}");
    }
    let width = sim
        .nodes
        .iter()
        .map(|n| n.id.as_str().chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let _ = writeln!(
        out,
        "\n{:width$}  {:<13} {:>10} {:>11} {:>6}  {:>10}  watch",
        "node", "kind", "load/s", "capacity/s", "ρ", "saturates"
    );
    for n in &sim.nodes {
        let capacity = n.capacity_rps.map_or_else(|| "unbounded".to_owned(), rate);
        let at = if n.down {
            "down".to_owned()
        } else {
            match (n.at_traffic, n.behind_at) {
                (Some(at), _) => times(at),
                (None, Some(behind)) => format!("{} lag", times(behind)),
                (None, None) => "—".to_owned(),
            }
        };
        let _ = writeln!(
            out,
            "{:width$}  {:<13} {:>10} {:>11} {:>6.2}  {:>10}  {}",
            n.id.as_str(),
            n.kind.id(),
            rate(n.load_rps),
            capacity,
            n.utilisation,
            at,
            n.metric
        );
    }
    if sim
        .nodes
        .iter()
        .any(|n| n.at_traffic.is_none() && n.behind_at.is_some())
    {
        let _ = writeln!(
            out,
            "\n\"lag\": a consumer falls behind its queue from there (the backlog grows, no request fails)."
        );
    }
    if !sim.cut_edges.is_empty() {
        let ids: Vec<&str> = sim.cut_edges.iter().map(EdgeId::as_str).collect();
        let _ = writeln!(
            out,
            "\nLoops cut (these arrows carry no load here): {}",
            ids.join(", ")
        );
    }
    if sim.down.is_empty() {
        let _ = writeln!(
            out,
            "\n{} request paths from the clients; nothing is down (try --down NODE).",
            sim.paths.len()
        );
        return;
    }
    for status in [PathStatus::Failed, PathStatus::Degraded] {
        let list: Vec<_> = sim.paths_with(status).collect();
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{} paths ({}):", status.id(), list.len());
        for p in list {
            let ids: Vec<&str> = p.nodes.iter().map(NodeId::as_str).collect();
            let cause = p
                .cause
                .as_ref()
                .map_or_else(String::new, |c| format!("  ({c} down)"));
            let _ = writeln!(out, "  {}{cause}", ids.join(" → "));
        }
    }
    for (i, level) in sim.blast_radius.iter().enumerate() {
        let ids: Vec<&str> = level.iter().map(NodeId::as_str).collect();
        let _ = writeln!(
            out,
            "{}blast radius, depth {}: {}",
            if i == 0 { "\n" } else { "" },
            i + 1,
            ids.join(", ")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traffic_takes_plain_numbers_and_a_times_sign() {
        assert_eq!(parse_traffic("10"), Ok(10.0));
        assert_eq!(parse_traffic("10x"), Ok(10.0));
        assert_eq!(parse_traffic("2.5×"), Ok(2.5));
        assert!(parse_traffic("-1").is_err());
        assert!(parse_traffic("inf").is_err());
        assert!(parse_traffic("NaN").is_err());
        assert!(parse_traffic("ten").is_err());
    }
}
