//! Requests that arrive at the same moment: rules that hold only when the
//! database keeps them (a unique index, an insert that ignores a duplicate, a
//! count derived from rows), not when the code asks first and writes after.
//!
//! Each check sends its requests from threads released together, in several
//! rounds with fresh names and posts, so that a race that is lost only now and
//! then still shows; the rounds stop early once a time budget is spent. A
//! server that handles one request at a time passes: it cannot race.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde_json::json;
use ureq::http::Method;

use crate::verify::client::{Req, Resp, random_alnum};
use crate::verify::context::{Ctx, User, id_of, new_password};
use crate::verify::expect::{self, Outcome, Step};

/// Rounds per check, each with a new name or post: a race lost one round in
/// three still shows 96 times in 100 (1 - (2/3)^8).
const ROUNDS: usize = 8;
/// No new round starts after this long (the first always runs).
/// Eight sign-ups hash eight passwords at once, slow on purpose: about a
/// second a round on two cores.
const BUDGET: Duration = Duration::from_secs(10);
/// Sign-ups of one name, and users liking one post, at once.
const AT_ONCE: usize = 8;
/// One user's likes of one post at once.
const SAME_USER_AT_ONCE: usize = 12;

pub(super) fn run(c: &mut Ctx<'_>) {
    if c.has("users") {
        signups(c);
    }
    if c.has("likes") {
        likes(c);
    }
}

/// Up to [`ROUNDS`] rounds of `round` (given its index), within [`BUDGET`];
/// the first failure ends the check.
fn rounds(c: &mut Ctx<'_>, mut round: impl FnMut(&mut Ctx<'_>, usize) -> Result<(), String>) -> Outcome {
    let start = Instant::now();
    let mut done = 0;
    while done < ROUNDS && (done == 0 || start.elapsed() < BUDGET) {
        round(c, done).map_err(|e| format!("round {} of {ROUNDS}: {e}", done + 1))?;
        done += 1;
    }
    Ok(format!("as expected in {done} rounds ({:.1} s)", start.elapsed().as_secs_f64()))
}

/// The statuses of a batch of answers, counted: "201 x1, 409 x7".
fn tally(answers: &[Resp]) -> String {
    let mut counts = BTreeMap::new();
    for r in answers {
        *counts.entry(r.status).or_insert(0) += 1;
    }
    counts.iter().map(|(status, n)| format!("{status} x{n}")).collect::<Vec<_>>().join(", ")
}

/// Every request answered, or the first that was not.
fn answered(results: Vec<Result<Resp, String>>) -> Result<Vec<Resp>, String> {
    results.into_iter().collect()
}

/// `n` spellings of `name` that differ only in case (`name` has at least
/// log2(n) letters): the i-th upper-cases the letters picked by the bits of i.
fn case_variants(name: &str, n: usize) -> Vec<String> {
    let lower = name.to_ascii_lowercase();
    (0..n)
        .map(|i| {
            let mut letter = 0;
            lower
                .chars()
                .map(|ch| {
                    if !ch.is_ascii_alphabetic() {
                        return ch;
                    }
                    letter += 1;
                    if (i >> (letter - 1)) & 1 == 1 { ch.to_ascii_uppercase() } else { ch }
                })
                .collect()
        })
        .collect()
}

fn signups(c: &mut Ctx<'_>) {
    c.check(
        format!(
            "POST /api/users: {AT_ONCE} sign-ups of one name in different case at once -> one 201, the rest 409 conflict"
        ),
        format!("one 201 and {} x 409 conflict, in every round", AT_ONCE - 1),
        |c| {
            rounds(c, |c, round| {
                let name = c.name(&format!("su{round}{}", random_alnum(3)));
                let names = case_variants(&name, AT_ONCE);
                let password = new_password();
                c.passwords.push(password.clone());
                let reqs = names
                    .iter()
                    .map(|username| {
                        Req::new(Method::POST, "/api/users")
                            .json(&json!({"username": username, "password": password}))
                    })
                    .collect();
                let answers = answered(c.send_together(reqs))?;
                let created = answers.iter().filter(|r| r.status == 201).count();
                let conflicts = answers
                    .iter()
                    .filter(|r| expect::error(r, 409, "conflict", None).is_ok())
                    .count();
                if created == 1 && conflicts == AT_ONCE - 1 {
                    return Ok(());
                }
                let odd = answers.iter().find(|r| r.status != 201 && r.status != 409);
                let example = odd.map(|r| format!(", e.g. {}", r.describe())).unwrap_or_default();
                Err(format!("{} for {}{example}", tally(&answers), names.join(", ")))
            })
        },
    );
}

/// The author of the race posts and the users who like them.
fn like_setup(c: &mut Ctx<'_>) -> Result<(User, Vec<User>), String> {
    let tags: Vec<String> =
        std::iter::once("ra".to_string()).chain((0..AT_ONCE).map(|i| format!("rl{i}"))).collect();
    let mut users = c.users_together(&tags)?;
    let author = users.remove(0);
    Ok((author, users))
}

/// PUT or DELETE /api/posts/{id}/like by each user, all at once; Ok when every one is 204.
fn like_together(c: &mut Ctx<'_>, method: Method, id: &str, users: &[&User]) -> Result<(), String> {
    let path = format!("/api/posts/{id}/like");
    let reqs = users.iter().map(|u| Req::new(method.clone(), &path).bearer(u.token())).collect();
    let answers = answered(c.send_together(reqs))?;
    match answers.iter().find(|r| r.status != 204) {
        None => Ok(()),
        Some(r) => Err(format!("{method} answers {}, e.g. {}", tally(&answers), r.describe())),
    }
}

/// A new post by `author` for one round.
fn race_post(c: &mut Ctx<'_>, author: &User, round: usize) -> Result<String, String> {
    id_of(&c.create_post(author, &format!("race {round}"))?)
}

/// Posts of the race checks are only scaffolding: deleting them keeps feeds
/// small. Whether that works is checked elsewhere.
fn remove_post(c: &mut Ctx<'_>, author: &User, id: &str) {
    let _ = c.bare(Method::DELETE, &format!("/api/posts/{id}"), author.token());
}

fn likes(c: &mut Ctx<'_>) {
    let setup = like_setup(c).step("setup failed, cannot make the users who like");

    c.check(
        format!("PUT /api/posts/{{id}}/like: {AT_ONCE} users like one post at once -> 204 each, like_count {AT_ONCE}"),
        format!("204 x{AT_ONCE} and like_count {AT_ONCE}, in every round"),
        |c| {
            let (author, likers) = setup.clone()?;
            let likers: Vec<&User> = likers.iter().collect();
            rounds(c, |c, round| {
                let id = race_post(c, &author, round)?;
                like_together(c, Method::PUT, &id, &likers)?;
                let post = c.fetch_post(&id, None)?;
                expect::count(&post, "like_count", AT_ONCE as u64)?;
                remove_post(c, &author, &id);
                Ok(())
            })
        },
    );

    c.check(
        format!(
            "PUT /api/posts/{{id}}/like: one user likes one post {SAME_USER_AT_ONCE} times at once -> 204 each, \
             like_count 1"
        ),
        format!("204 x{SAME_USER_AT_ONCE} and like_count 1, in every round"),
        |c| {
            let (author, likers) = setup.clone()?;
            let liker = &likers[0];
            rounds(c, |c, round| {
                let id = race_post(c, &author, round)?;
                like_together(c, Method::PUT, &id, &[liker; SAME_USER_AT_ONCE])?;
                let post = c.fetch_post(&id, liker.token())?;
                expect::count(&post, "like_count", 1)?;
                if post["liked"] != true {
                    return Err(format!("liked {} for the user who liked it", post["liked"]));
                }
                remove_post(c, &author, &id);
                Ok(())
            })
        },
    );

    c.check(
        format!(
            "DELETE /api/posts/{{id}}/like: {AT_ONCE} users who like one post unlike it at once -> 204 each, like_count 0"
        ),
        format!("like_count {AT_ONCE}, then 204 x{AT_ONCE} and like_count 0, in every round"),
        |c| {
            let (author, likers) = setup.clone()?;
            rounds(c, |c, round| {
                let id = race_post(c, &author, round)?;
                for liker in &likers {
                    let r = c.bare(Method::PUT, &format!("/api/posts/{id}/like"), liker.token())?;
                    expect::status(&r, 204).step("liking one at a time")?;
                }
                let post = c.fetch_post(&id, None)?;
                expect::count(&post, "like_count", AT_ONCE as u64).step("after the likes one at a time")?;
                like_together(c, Method::DELETE, &id, &likers.iter().collect::<Vec<_>>())?;
                let post = c.fetch_post(&id, None)?;
                expect::count(&post, "like_count", 0)?;
                remove_post(c, &author, &id);
                Ok(())
            })
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_variants_differ_only_in_case() {
        let names = case_variants("vf_ab_c1", 8);
        assert_eq!(names.len(), 8);
        assert_eq!(names[0], "vf_ab_c1");
        assert_eq!(names[1], "Vf_ab_c1");
        assert_eq!(names[7], "VF_Ab_c1");
        let distinct: std::collections::BTreeSet<_> = names.iter().collect();
        assert_eq!(distinct.len(), 8);
        assert!(names.iter().all(|n| n.eq_ignore_ascii_case("vf_ab_c1")));
    }

    #[test]
    fn tallies_count_statuses() {
        let resp = |status| Resp {
            method: "POST".into(),
            path: "/api/users".into(),
            status,
            headers: Vec::new(),
            body: Vec::new(),
            json: None,
        };
        assert_eq!(tally(&[resp(409), resp(201), resp(409)]), "201 x1, 409 x2");
    }
}
