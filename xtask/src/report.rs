//! What the matrix prints: one row per combination, and the tail of a log.

use std::path::{Path, PathBuf};

use crate::backroad::TestCounts;
use crate::fuzz;

/// The outcome of one stack x idea combination.
#[derive(Debug, Default)]
pub struct Row {
    pub combination: String,
    /// The project's own test counts, once its tests have run.
    pub tests: Option<TestCounts>,
    /// verify's (passed, total), once it has run.
    pub verify: Option<(u64, u64)>,
    /// Whether the browser test of the web front end passed.
    pub browser: bool,
    /// Schemathesis's test cases and failures, once it has run.
    pub fuzz: Option<fuzz::Counts>,
    pub seconds: f64,
    pub failure: Option<Failure>,
}

/// The first step that failed, why, and where its output is.
#[derive(Debug)]
pub struct Failure {
    pub step: &'static str,
    pub reason: String,
    pub log: PathBuf,
}

/// The summary table, columns padded to their widest cell.
pub fn table(rows: &[Row]) -> String {
    let header = ["combination", "tests", "verify", "browser", "fuzz", "seconds", "result"].map(String::from);
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|row| {
            [
                row.combination.clone(),
                row.tests.map_or("-".into(), |t| format!("{}/{}", t.passed, t.total())),
                row.verify.map_or("-".into(), |(passed, total)| format!("{passed}/{total}")),
                if row.browser { "ok" } else { "-" }.into(),
                row.fuzz.map_or("-".into(), |f| format!("{}/{}", f.cases - f.failures.min(f.cases), f.cases)),
                format!("{:.1}", row.seconds),
                row.failure.as_ref().map_or("ok".into(), |f| format!("FAILED at {}", f.step)),
            ]
        })
        .collect();
    let mut widths = header.clone().map(|cell| cell.len());
    for line in &cells {
        for (width, cell) in widths.iter_mut().zip(line) {
            *width = (*width).max(cell.len());
        }
    }
    let format_line = |line: &[String; 7]| {
        let padded: Vec<String> = line
            .iter()
            .zip(widths)
            .enumerate()
            // Numbers line up on the right, words on the left.
            .map(|(column, (cell, width))| match column {
                1..=5 => format!("{cell:>width$}"),
                _ => format!("{cell:<width$}"),
            })
            .collect();
        padded.join("  ").trim_end().to_string() + "\n"
    };
    let rule: [String; 7] = widths.map(|width| "-".repeat(width));
    std::iter::once(&header).chain([&rule]).chain(&cells).map(format_line).collect()
}

/// The last `lines` lines of a log file, or a note saying why there are none.
pub fn tail(path: &Path, lines: usize) -> String {
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let all: Vec<&str> = text.lines().collect();
            all[all.len().saturating_sub(lines)..].join("\n")
        }
        Err(error) => format!("(no log at {}: {error})", path.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_the_table() {
        let rows = [
            Row {
                combination: "flask x twitter".into(),
                tests: Some(TestCounts { passed: 48, failed: 0 }),
                verify: Some((61, 61)),
                browser: true,
                fuzz: Some(fuzz::Counts { cases: 4210, failures: 0 }),
                seconds: 41.26,
                failure: None,
            },
            Row {
                combination: "flask x instagram".into(),
                tests: Some(TestCounts { passed: 50, failed: 2 }),
                verify: None,
                browser: false,
                fuzz: None,
                seconds: 9.0,
                failure: Some(Failure { step: "test", reason: "2 failed".into(), log: "t.log".into() }),
            },
        ];
        assert_eq!(
            table(&rows),
            "\
combination        tests  verify  browser       fuzz  seconds  result
-----------------  -----  ------  -------  ---------  -------  --------------
flask x twitter    48/48   61/61       ok  4210/4210     41.3  ok
flask x instagram  50/52       -        -          -      9.0  FAILED at test
"
        );
    }

    #[test]
    fn tails_a_log() {
        let path = std::env::temp_dir().join(format!("xtask-tail-{}.log", std::process::id()));
        std::fs::write(&path, "one\ntwo\nthree\n").unwrap();
        assert_eq!(tail(&path, 2), "two\nthree");
        assert_eq!(tail(&path, 10), "one\ntwo\nthree");
        std::fs::remove_file(&path).unwrap();
        assert!(tail(&path, 2).starts_with("(no log at "));
    }
}
