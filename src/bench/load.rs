//! One read under load: `connections` clients, each on its own keep-alive
//! connection, asking for the same page over and over for a fixed time (and
//! at most a fixed number of requests), every latency recorded in an HDR
//! histogram (the `hdrhistogram` crate: exact quantiles at 3 significant
//! digits in bounded memory, merged across threads).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use hdrhistogram::Histogram;

/// A request the bench repeats.
#[derive(Debug, Clone)]
pub struct Read {
    /// "feed", "explore, page 51": what the table calls it.
    pub name: String,
    pub path: String,
    pub token: Option<String>,
}

/// What one read measured.
#[derive(Debug, Clone)]
pub struct Measured {
    pub requests: u64,
    /// Answers that were not 200, and requests that got no answer.
    pub errors: u64,
    pub seconds: f64,
    /// Latencies in microseconds.
    pub latency: Histogram<u64>,
}

impl Measured {
    pub fn per_second(&self) -> f64 {
        if self.seconds > 0.0 { self.requests as f64 / self.seconds } else { 0.0 }
    }

    /// The latency at quantile `q` (0.5 for p50), in milliseconds.
    pub fn ms(&self, q: f64) -> f64 {
        self.latency.value_at_quantile(q) as f64 / 1000.0
    }
}

/// A minute: longer than any sane page takes, short enough to notice a hang.
const SLOWEST: u64 = 60_000_000;

/// Runs `read` for `time` or `max_requests`, whichever ends first.
pub fn measure(base: &str, read: &Read, connections: usize, time: Duration, max_requests: u64) -> Measured {
    let url = format!("{base}{}", read.path);
    let sent = AtomicU64::new(0);
    let started = Instant::now();
    let deadline = started + time;
    let results: Vec<(u64, u64, Histogram<u64>)> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..connections.max(1))
            .map(|_| {
                scope.spawn(|| {
                    let agent: ureq::Agent = ureq::Agent::config_builder()
                        .http_status_as_error(false)
                        .timeout_global(Some(Duration::from_micros(SLOWEST)))
                        .user_agent(concat!("backroad-bench/", env!("CARGO_PKG_VERSION")))
                        .build()
                        .into();
                    let mut latency = new_histogram();
                    let (mut requests, mut errors) = (0, 0);
                    while Instant::now() < deadline && sent.fetch_add(1, Ordering::Relaxed) < max_requests {
                        let began = Instant::now();
                        let mut request = agent.get(&url);
                        if let Some(token) = &read.token {
                            request = request.header("authorization", format!("Bearer {token}"));
                        }
                        // The whole body is read: a page is served when it has arrived.
                        let ok = match request.call() {
                            Ok(mut response) => {
                                let read = response.body_mut().read_to_vec().is_ok();
                                read && response.status() == 200
                            }
                            Err(_) => false,
                        };
                        let micros = began.elapsed().as_micros().min(u128::from(SLOWEST)) as u64;
                        latency.saturating_record(micros.max(1));
                        requests += 1;
                        errors += u64::from(!ok);
                    }
                    (requests, errors, latency)
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap_or_else(|_| (0, 0, new_histogram()))).collect()
    });
    let seconds = started.elapsed().as_secs_f64();
    let mut latency = new_histogram();
    let (mut requests, mut errors) = (0, 0);
    for (r, e, h) in results {
        requests += r;
        errors += e;
        latency.add(&h).expect("histograms of the same bounds add");
    }
    Measured { requests, errors, seconds, latency }
}

fn new_histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, SLOWEST, 3).expect("valid histogram bounds")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_come_from_every_thread_s_latencies() {
        let mut latency = new_histogram();
        for micros in [1_000, 2_000, 3_000, 4_000, 100_000] {
            latency.record(micros).unwrap();
        }
        let m = Measured { requests: 5, errors: 0, seconds: 2.0, latency };
        assert_eq!(m.per_second(), 2.5);
        assert!((m.ms(0.5) - 3.0).abs() < 0.01, "{}", m.ms(0.5));
        assert!((m.ms(0.99) - 100.0).abs() < 0.1, "{}", m.ms(0.99));
    }
}
