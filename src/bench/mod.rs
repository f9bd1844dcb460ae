//! `backroad bench URL --idea I`: a load test of any server that follows the
//! contract, so that a learner sees what an index or a worker count does.
//! It makes its own users and posts through the API ([`fill`]), then runs
//! each read the API serves for a fixed time ([`load`]) and reports
//! throughput and latency quantiles ([`report`]); with several sizes, it
//! fills up to each in turn and compares the median latency of each read.
//! Bounded: in time (seconds per read), in requests (per read) and in data
//! (posts), and it talks to the URL it is given, nothing else.

pub mod fill;
pub mod load;
pub mod report;

use std::time::Duration;

use serde_json::Value;
use ureq::http::Method;

use crate::catalog::Idea;
use crate::error::Error;
use crate::verify::client::{Client, Req, encode};
use fill::Population;
use load::Read;
use report::{Report, Size, Timed};

/// The most posts a bench makes: a million, a few minutes of filling.
pub const MAX_POSTS: u64 = 1_000_000;
pub const MAX_CONNECTIONS: usize = 256;
pub const MAX_SECONDS: u64 = 120;
/// Requests per read, whatever the time: a bound on what one bench sends.
pub const MAX_REQUESTS: u64 = 1_000_000;

#[derive(Debug, Clone)]
pub struct Options {
    /// The numbers of posts to measure at, ascending.
    pub sizes: Vec<u64>,
    pub users: usize,
    pub connections: usize,
    pub seconds: u64,
    /// The deep page of the feed and explore (1 = the first).
    pub deep_page: u32,
}

/// What the bench is doing, for a progress display.
pub enum Event<'a> {
    Users { users: usize, base: &'a str },
    Filling { done: u64, total: u64 },
    Reading { posts: u64, read: &'a str, seconds: u64 },
}

/// Fills and measures at every size in turn.
pub fn run(
    base_url: &str,
    idea: &Idea,
    options: &Options,
    events: &(dyn Fn(Event) + Sync),
) -> Result<Report, Error> {
    let mut client = Client::new(base_url)?;
    let base = client.base().to_string();
    client
        .send(Req::new(Method::GET, "/healthz"))
        .map_err(|reason| Error::Unreachable { url: base.clone(), reason })?;
    let failed = |reason: String| Error::Bench { url: base.clone(), reason };
    events(Event::Users { users: options.users, base: &base });
    let mut population = fill::people(&base, idea, options.users).map_err(failed)?;
    let mut sizes = Vec::new();
    // The deep pages are as deep at every size: as deep as the first allows.
    let mut depth: Option<(u32, u32)> = None;
    for &posts in &options.sizes {
        fill::posts(&base, idea, &mut population, posts, options.connections, &|done, total| {
            events(Event::Filling { done, total });
        })
        .map_err(failed)?;
        let (feed, explore) = match depth {
            Some(depth) => depth,
            None => {
                let viewer = population.viewer().token.clone();
                let feed =
                    reachable(&mut client, "/api/feed", Some(&viewer), options.deep_page).map_err(failed)?;
                let explore =
                    reachable(&mut client, "/api/posts", None, options.deep_page).map_err(failed)?;
                *depth.insert((feed, explore))
            }
        };
        let reads = reads(&mut client, idea, &population, feed, explore).map_err(failed)?;
        let mut timed = Vec::new();
        for read in reads {
            events(Event::Reading { posts, read: &read.name, seconds: options.seconds });
            let measured = load::measure(
                &base,
                &read,
                options.connections,
                Duration::from_secs(options.seconds),
                MAX_REQUESTS,
            );
            timed.push(Timed { read, measured });
        }
        sizes.push(Size { posts, reads: timed });
    }
    Ok(Report {
        url: base,
        idea: idea.name.clone(),
        users: options.users,
        follows: population.follows,
        connections: options.connections,
        seconds: options.seconds,
        sizes,
    })
}

/// Every list the API serves, first page and (for the feed and explore)
/// page `feed`/`explore`.
fn reads(
    client: &mut Client,
    idea: &Idea,
    people: &Population,
    feed: u32,
    explore: u32,
) -> Result<Vec<Read>, String> {
    let viewer = people.viewer();
    let author = &people.users[1];
    let read = |name: String, path: String, token: Option<&str>| Read {
        name,
        path,
        token: token.map(str::to_string),
    };
    let mut reads = vec![read("feed".into(), "/api/feed".into(), Some(&viewer.token))];
    if feed > 1 {
        let cursor = cursor_to(client, "/api/feed", Some(&viewer.token), feed)?;
        reads.push(read(
            format!("feed, page {feed}"),
            format!("/api/feed?cursor={}", encode(&cursor)),
            Some(&viewer.token),
        ));
    }
    reads.push(read("explore".into(), "/api/posts".into(), None));
    if explore > 1 {
        let cursor = cursor_to(client, "/api/posts", None, explore)?;
        reads.push(read(
            format!("explore, page {explore}"),
            format!("/api/posts?cursor={}", encode(&cursor)),
            None,
        ));
    }
    reads.push(read("a user's posts".into(), format!("/api/users/{}/posts", author.username), None));
    reads.push(read("followers".into(), format!("/api/users/{}/followers", author.username), None));
    reads.push(read("following".into(), format!("/api/users/{}/following", viewer.username), None));
    if idea.features.replies {
        reads.push(read("replies".into(), format!("/api/posts/{}/replies", people.thread), None));
    }
    if idea.features.comments {
        reads.push(read("comments".into(), format!("/api/posts/{}/comments", people.thread), None));
    }
    Ok(reads)
}

/// How many pages of `path` there are, up to `most`.
fn reachable(client: &mut Client, path: &str, token: Option<&str>, most: u32) -> Result<u32, String> {
    let mut cursor: Option<String> = None;
    for page in 1..most {
        match next_cursor(client, path, token, cursor.as_deref())? {
            Some(next) => cursor = Some(next),
            None => return Ok(page),
        }
    }
    Ok(most)
}

/// The cursor that asks for page `page` of `path`.
fn cursor_to(client: &mut Client, path: &str, token: Option<&str>, page: u32) -> Result<String, String> {
    let mut cursor = None;
    for at in 1..page {
        cursor = Some(
            next_cursor(client, path, token, cursor.as_deref())?
                .ok_or_else(|| format!("GET {path} has no page {} (it ended at page {at})", at + 1))?,
        );
    }
    cursor.ok_or_else(|| format!("page {page} of {path} needs no cursor"))
}

/// `next_cursor` of one page of `path` (from `cursor`, or the first page).
fn next_cursor(
    client: &mut Client,
    path: &str,
    token: Option<&str>,
    cursor: Option<&str>,
) -> Result<Option<String>, String> {
    let url = match cursor {
        Some(c) => format!("{path}?cursor={}", encode(c)),
        None => path.to_string(),
    };
    let r = client.send(Req::new(Method::GET, &url).bearer(token))?;
    client.log.clear();
    match (r.status, r.at("/next_cursor")) {
        (200, Some(Value::String(next))) => Ok(Some(next.clone())),
        (200, Some(Value::Null)) => Ok(None),
        _ => Err(format!("GET {url} answered {}, not a page with next_cursor", r.describe())),
    }
}
