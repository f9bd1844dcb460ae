//! What a bench measured, as a table for people and JSON for scripts: per
//! read and size, requests per second, latency quantiles and errors, and
//! with more than one size the p50 ratio of the largest to the smallest
//! (about 1 when a read stays flat as the data grows).

use serde_json::{Value, json};

use super::load::{Measured, Read};

#[derive(Debug)]
pub struct Report {
    pub url: String,
    pub idea: String,
    pub users: usize,
    pub follows: usize,
    pub connections: usize,
    pub seconds: u64,
    /// One per size, smallest first.
    pub sizes: Vec<Size>,
}

#[derive(Debug)]
pub struct Size {
    pub posts: u64,
    pub reads: Vec<Timed>,
}

#[derive(Debug)]
pub struct Timed {
    pub read: Read,
    pub measured: Measured,
}

impl Report {
    /// The p50 of the largest size over that of the smallest, per read.
    pub fn ratios(&self) -> Vec<(String, f64)> {
        let (Some(first), Some(last)) = (self.sizes.first(), self.sizes.last()) else { return Vec::new() };
        if self.sizes.len() < 2 {
            return Vec::new();
        }
        first
            .reads
            .iter()
            .filter_map(|small| {
                let large = last.reads.iter().find(|t| t.read.name == small.read.name)?;
                let base = small.measured.ms(0.5);
                (base > 0.0).then(|| (small.read.name.clone(), large.measured.ms(0.5) / base))
            })
            .collect()
    }

    /// Whether any answer was an error.
    pub fn errors(&self) -> u64 {
        self.sizes.iter().flat_map(|s| &s.reads).map(|t| t.measured.errors).sum()
    }

    pub fn table(&self) -> String {
        let ratios = self.ratios();
        let mut rows = vec![
            ["read", "posts", "req/s", "p50 ms", "p90 ms", "p99 ms", "errors", "p50 ratio"]
                .map(String::from)
                .to_vec(),
        ];
        let names: Vec<&str> = self
            .sizes
            .first()
            .map(|s| s.reads.iter().map(|t| t.read.name.as_str()).collect())
            .unwrap_or_default();
        for name in names {
            for (i, size) in self.sizes.iter().enumerate() {
                let Some(t) = size.reads.iter().find(|t| t.read.name == name) else { continue };
                let m = &t.measured;
                let ratio = ratios
                    .iter()
                    .find(|(n, _)| n == name)
                    .filter(|_| i + 1 == self.sizes.len())
                    .map_or(String::new(), |(_, r)| format!("{r:.2}"));
                rows.push(vec![
                    if i == 0 { name.to_string() } else { String::new() },
                    thousands(size.posts),
                    thousands(m.per_second().round() as u64),
                    format!("{:.1}", m.ms(0.5)),
                    format!("{:.1}", m.ms(0.9)),
                    format!("{:.1}", m.ms(0.99)),
                    thousands(m.errors),
                    ratio,
                ]);
            }
        }
        let widths: Vec<usize> = (0..rows[0].len())
            .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
            .collect();
        let mut out = String::new();
        for row in &rows {
            let mut line = format!("{:<w$}", row[0], w = widths[0]);
            for (cell, width) in row.iter().zip(&widths).skip(1) {
                line.push_str(&format!("  {cell:>width$}"));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    pub fn to_json(&self) -> Value {
        let sizes: Vec<Value> = self
            .sizes
            .iter()
            .map(|size| {
                let reads: Vec<Value> = size
                    .reads
                    .iter()
                    .map(|t| {
                        let m = &t.measured;
                        json!({
                            "read": t.read.name,
                            "path": t.read.path,
                            "requests": m.requests,
                            "errors": m.errors,
                            "seconds": round(m.seconds),
                            "requests_per_second": round(m.per_second()),
                            "p50_ms": round(m.ms(0.5)),
                            "p90_ms": round(m.ms(0.9)),
                            "p99_ms": round(m.ms(0.99)),
                        })
                    })
                    .collect();
                json!({ "posts": size.posts, "reads": reads })
            })
            .collect();
        let ratios: serde_json::Map<String, Value> =
            self.ratios().into_iter().map(|(name, r)| (name, json!(round(r)))).collect();
        json!({
            "url": self.url,
            "idea": self.idea,
            "users": self.users,
            "follows": self.follows,
            "connections": self.connections,
            "seconds_per_read": self.seconds,
            "sizes": sizes,
            "p50_ratio": ratios,
        })
    }
}

fn round(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

/// 50000 as "50,000".
pub fn thousands(n: u64) -> String {
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
    use hdrhistogram::Histogram;

    use super::*;

    fn timed(name: &str, p50_micros: u64, requests: u64) -> Timed {
        let mut latency = Histogram::new_with_bounds(1, 60_000_000, 3).unwrap();
        latency.record_n(p50_micros, requests).unwrap();
        let read = Read { name: name.into(), path: format!("/{name}"), token: None };
        Timed { read, measured: Measured { requests, errors: 0, seconds: 1.0, latency } }
    }

    fn report() -> Report {
        Report {
            url: "http://127.0.0.1:5000".into(),
            idea: "twitter".into(),
            users: 50,
            follows: 25,
            connections: 16,
            seconds: 8,
            sizes: vec![
                Size { posts: 1000, reads: vec![timed("feed", 10_000, 800), timed("explore", 5_000, 1500)] },
                Size {
                    posts: 10_000,
                    reads: vec![timed("feed", 30_000, 300), timed("explore", 5_000, 1490)],
                },
            ],
        }
    }

    #[test]
    fn the_ratio_is_the_largest_size_s_p50_over_the_smallest_s() {
        let ratios = report().ratios();
        assert_eq!(ratios.len(), 2);
        assert_eq!(ratios[0].0, "feed");
        assert!((ratios[0].1 - 3.0).abs() < 0.01, "{ratios:?}");
        assert!((ratios[1].1 - 1.0).abs() < 0.01, "{ratios:?}");
    }

    #[test]
    fn the_table_groups_each_read_s_sizes_and_puts_the_ratio_on_the_last() {
        let table = report().table();
        let expected = "\
read      posts  req/s  p50 ms  p90 ms  p99 ms  errors  p50 ratio
feed      1,000    800    10.0    10.0    10.0       0
         10,000    300    30.0    30.0    30.0       0       3.00
explore   1,000  1,500     5.0     5.0     5.0       0
         10,000  1,490     5.0     5.0     5.0       0       1.00
";
        assert_eq!(table, expected);
    }

    #[test]
    fn json_has_every_read_of_every_size_and_the_ratios() {
        let json = report().to_json();
        assert_eq!(json["sizes"][1]["posts"], 10_000);
        // Three significant digits: 30 ms is read back as 30.015.
        let p50 = json["sizes"][1]["reads"][0]["p50_ms"].as_f64().unwrap();
        assert!((p50 - 30.0).abs() < 0.1, "{p50}");
        assert_eq!(json["sizes"][1]["reads"][0]["requests"], 300);
        assert!((json["p50_ratio"]["feed"].as_f64().unwrap() - 3.0).abs() < 0.01, "{json}");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(50_000), "50,000");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
