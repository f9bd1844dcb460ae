//! `cargo xtask bench`: each combination generated, installed and started on
//! its production server as the matrix does it (e2e.rs, with no lint, tests,
//! verify or browser), then `backroad bench --compare A,B --json` against
//! it. The report of each goes to `<out>/<project>/bench.json` and, as a
//! table a README can quote, `bench.md` beside it; the summary names each
//! combination's worst read. With `--max-ratio R`, a read whose p50 at the
//! largest size is more than R times its p50 at the smallest fails.
//!
//! One combination at a time: two side by side would share the two cores
//! and each would measure the other.

use std::fs::{self, File};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::backroad::Idea;
use crate::steps;

#[derive(Debug, Clone)]
pub struct Budget {
    /// Posts to measure at, ascending.
    pub sizes: Vec<u64>,
    pub seconds: u64,
    pub connections: u64,
    pub max_ratio: Option<f64>,
}

impl Default for Budget {
    /// The figures: 5,000 and 50,000 posts, 16 connections, 8 s a read.
    fn default() -> Self {
        Self { sizes: vec![5_000, 50_000], seconds: 8, connections: 16, max_ratio: None }
    }
}

/// The worst read of one combination and its p50 ratio.
#[derive(Debug, Clone)]
pub struct Worst {
    pub read: String,
    pub ratio: f64,
}

/// Runs the bench against the server on `port`; the report is written to
/// `logs`/bench.json and bench.md, its progress to bench.log.
pub fn run(backroad: &Path, port: u16, idea: &Idea, budget: &Budget, logs: &Path) -> Result<Worst> {
    let json_path = logs.join("bench.json");
    let log = logs.join("bench.log");
    let sizes: Vec<String> = budget.sizes.iter().map(u64::to_string).collect();
    let mut command = Command::new(backroad);
    command
        .args(["bench", &format!("http://127.0.0.1:{port}"), "--idea", &idea.name])
        .args(["--compare", &sizes.join(",")])
        .args(["--seconds", &budget.seconds.to_string(), "--connections", &budget.connections.to_string()])
        .arg("--json")
        .stdout(File::create(&json_path)?)
        .stderr(steps::append(&log)?);
    // The fill and every read at every size, with room to spare.
    let reads = 10 * budget.sizes.len() as u64;
    let timeout =
        Duration::from_secs(reads * (budget.seconds + 30) + budget.sizes.iter().max().unwrap_or(&0) / 20);
    let status = steps::run_to_end(command, timeout).context("`backroad bench`")?;
    let text = fs::read_to_string(&json_path)?;
    let report: Value = serde_json::from_str(&text).with_context(|| {
        format!("`backroad bench` ({status}) printed no report; its output is in {}", log.display())
    })?;
    fs::write(logs.join("bench.md"), markdown(&report))?;
    if !status.success() {
        bail!("`backroad bench` ({status}): some requests failed; see {}", log.display());
    }
    let worst = worst(&report).context("the report has no p50 ratio")?;
    if let Some(most) = budget.max_ratio
        && worst.ratio > most
    {
        bail!(
            "{}: p50 {:.2} times slower at {} posts than at {} (at most {most})",
            worst.read,
            worst.ratio,
            budget.sizes.last().unwrap_or(&0),
            budget.sizes.first().unwrap_or(&0)
        );
    }
    Ok(worst)
}

/// One line per combination: its worst read and ratio, or where it failed.
pub fn summary(rows: &[crate::report::Row], worst: &[(String, Worst)]) -> String {
    let mut lines = vec![format!("{:<28} {:<22} {:>9}  result", "combination", "worst read", "p50 ratio")];
    for row in rows {
        let found = worst.iter().find(|(name, _)| *name == row.combination).map(|(_, w)| w);
        let (read, ratio) =
            found.map_or(("-".to_string(), "-".to_string()), |w| (w.read.clone(), format!("{:.2}", w.ratio)));
        let result =
            row.failure.as_ref().map_or("ok".to_string(), |f| format!("FAILED at {}: {}", f.step, f.reason));
        lines.push(format!("{:<28} {read:<22} {ratio:>9}  {result}", row.combination));
    }
    lines.join("\n") + "\n"
}

/// The read whose p50 grew the most.
fn worst(report: &Value) -> Option<Worst> {
    report["p50_ratio"]
        .as_object()?
        .iter()
        .filter_map(|(read, ratio)| Some(Worst { read: read.clone(), ratio: ratio.as_f64()? }))
        .max_by(|a, b| a.ratio.total_cmp(&b.ratio))
}

/// The report as a Markdown table: a row per read, a column pair per size.
fn markdown(report: &Value) -> String {
    let sizes = report["sizes"].as_array().cloned().unwrap_or_default();
    let mut header = vec!["read".to_string()];
    let mut rule = vec!["---".to_string()];
    for size in &sizes {
        header.push(format!("{} posts", thousands(size["posts"].as_u64().unwrap_or(0))));
        rule.push("---".into());
    }
    header.push("p50 ratio".into());
    rule.push("---".into());
    let mut lines = vec![
        format!(
            "{} users (one following {}), {} connections, {} s a read; each cell: req/s, p50 ms\n",
            report["users"], report["follows"], report["connections"], report["seconds_per_read"]
        ),
        format!("| {} |", header.join(" | ")),
        format!("| {} |", rule.join(" | ")),
    ];
    let reads: Vec<String> = sizes
        .first()
        .and_then(|s| s["reads"].as_array())
        .map(|reads| reads.iter().filter_map(|r| r["read"].as_str().map(String::from)).collect())
        .unwrap_or_default();
    for read in reads {
        let mut cells = vec![read.clone()];
        for size in &sizes {
            let found =
                size["reads"].as_array().and_then(|rs| rs.iter().find(|r| r["read"] == read.as_str()));
            cells.push(found.map_or("-".into(), |r| {
                format!(
                    "{} req/s, {:.1} ms",
                    thousands(r["requests_per_second"].as_f64().unwrap_or(0.0).round() as u64),
                    r["p50_ms"].as_f64().unwrap_or(0.0)
                )
            }));
        }
        cells.push(report["p50_ratio"][&read].as_f64().map_or("-".into(), |r| format!("{r:.2}")));
        lines.push(format!("| {} |", cells.join(" | ")));
    }
    lines.join("\n") + "\n"
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn report() -> Value {
        json!({
            "users": 50, "follows": 25, "connections": 16, "seconds_per_read": 8,
            "sizes": [
                {"posts": 5000, "reads": [
                    {"read": "feed", "requests_per_second": 1005.2, "p50_ms": 15.0},
                    {"read": "explore", "requests_per_second": 1400.0, "p50_ms": 11.0}]},
                {"posts": 50000, "reads": [
                    {"read": "feed", "requests_per_second": 173.0, "p50_ms": 91.5},
                    {"read": "explore", "requests_per_second": 1390.0, "p50_ms": 11.2}]}
            ],
            "p50_ratio": {"feed": 6.1, "explore": 1.018}
        })
    }

    #[test]
    fn the_worst_read_is_the_one_that_grew_most() {
        let worst = worst(&report()).unwrap();
        assert_eq!(worst.read, "feed");
        assert_eq!(worst.ratio, 6.1);
    }

    #[test]
    fn the_markdown_table_has_a_row_per_read_and_a_column_per_size() {
        let table = markdown(&report());
        assert!(table.contains("| read | 5,000 posts | 50,000 posts | p50 ratio |"), "{table}");
        assert!(table.contains("| feed | 1,005 req/s, 15.0 ms | 173 req/s, 91.5 ms | 6.10 |"), "{table}");
        assert!(
            table.contains("| explore | 1,400 req/s, 11.0 ms | 1,390 req/s, 11.2 ms | 1.02 |"),
            "{table}"
        );
    }
}
