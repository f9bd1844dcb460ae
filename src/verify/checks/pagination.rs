//! Pagination: the default and largest `limit`, 422 for a bad `limit` or
//! `cursor`, `next_cursor` null on the last page, and paging that returns
//! every item exactly once, in order, while new items are being created.
//!
//! Uses its own user "p" with `page_default + 1` posts.

use super::profiles_follows::order;
use crate::verify::client::encode;
use crate::verify::context::{Ctx, User, id_of};
use crate::verify::expect::{self, Step};

/// Posts created between page requests while paging.
const CREATED_WHILE_PAGING: usize = 3;

fn setup(c: &mut Ctx<'_>, count: usize) -> Result<(User, Vec<String>), String> {
    let p = c.user("p")?;
    let mut newest_first = Vec::new();
    for i in 1..=count {
        newest_first.insert(0, id_of(&c.create_post(&p, &format!("page post {i}"))?)?);
    }
    Ok((p, newest_first))
}

pub(super) fn run(c: &mut Ctx<'_>) {
    let limits = c.idea.limits.clone();
    let (default, max) = (limits.page_default as usize, limits.page_max as usize);
    let setup = setup(c, default + 1).step("setup failed, cannot make posts to page through");
    let posts_path = |s: &(User, Vec<String>)| format!("/api/users/{}/posts", s.0.username);

    let mut first_cursor = None;
    c.check(
        format!("GET /api/users/{{name}}/posts without a limit -> {default} posts (the default), newest first, and a next_cursor"),
        format!("the {default} newest posts and a next_cursor"),
        |c| {
            let s = setup.as_ref().map_err(String::clone)?;
            let (items, cursor) = c.page(&posts_path(s), None, "posts")?;
            let want: Vec<&String> = s.1.iter().take(default).collect();
            order(&items, &want)?;
            first_cursor = cursor.clone();
            cursor.map(|_| format!("{default} posts and a next_cursor")).ok_or_else(|| "next_cursor null with a post left".into())
        },
    );

    c.check(
        "GET .../posts?cursor=<next_cursor> -> the remaining post, and next_cursor null on the last page",
        "the oldest post and next_cursor null",
        |c| {
            let s = setup.as_ref().map_err(String::clone)?;
            let cursor = first_cursor.ok_or("setup failed: no next_cursor from the first page")?;
            let (items, next) =
                c.page(&format!("{}?cursor={}", posts_path(s), encode(&cursor)), None, "posts")?;
            let oldest: Vec<&String> = s.1.iter().skip(default).collect();
            order(&items, &oldest)?;
            match next {
                None => Ok("the oldest post and next_cursor null".into()),
                Some(n) => Err(format!("next_cursor {n:?} on the last page")),
            }
        },
    );

    c.check(
        format!("GET .../posts?limit={max} -> all {} posts, newest first, and next_cursor null", default + 1),
        "every post on one page, next_cursor null",
        |c| {
            let s = setup.as_ref().map_err(String::clone)?;
            let (items, next) = c.page(&format!("{}?limit={max}", posts_path(s)), None, "posts")?;
            let all: Vec<&String> = s.1.iter().collect();
            order(&items, &all)?;
            match next {
                None => Ok("every post on one page, next_cursor null".into()),
                Some(n) => Err(format!("next_cursor {n:?} with nothing left")),
            }
        },
    );

    c.check(
        format!("paging with limit=2 through a user's posts returns each exactly once, newest first, \
                 while {CREATED_WHILE_PAGING} new posts are created between pages; next_cursor null at the end"),
        "the posts that existed when paging began, each once, in order",
        |c| {
            let (p, newest_first) = setup.clone()?;
            let mut seen = Vec::new();
            let mut cursor: Option<String> = None;
            // A generous bound, so that a cursor that never ends cannot loop forever.
            for page in 0..newest_first.len() + 5 {
                let query = cursor.as_ref().map_or(String::new(), |cur| format!("&cursor={}", encode(cur)));
                let (items, next) = c.page(&format!("/api/users/{}/posts?limit=2{query}", p.username), None, "posts")?;
                if items.len() > 2 {
                    return Err(format!("page {} has {} posts with limit=2", page + 1, items.len()));
                }
                seen.extend(expect::ids(&items));
                if page < CREATED_WHILE_PAGING {
                    c.create_post(&p, &format!("made while paging {page}"))?;
                }
                match next {
                    Some(next) => cursor = Some(next),
                    None => {
                        return if seen == newest_first {
                            Ok(format!("{} posts in {} pages, each once, in order", seen.len(), page + 1))
                        } else {
                            Err(format!("{} instead of {}", expect::list(&seen), expect::list(&newest_first)))
                        };
                    }
                }
            }
            Err(format!("still a next_cursor after {} pages", newest_first.len() + 5))
        },
    );

    c.check(
        "posts_count counts a user's posts",
        format!("posts_count {}", default + 1 + CREATED_WHILE_PAGING),
        |c| {
            let (p, _) = setup.clone()?;
            let count = c.count(&p.username, "posts_count")?;
            let want = (default + 1 + CREATED_WHILE_PAGING) as u64;
            if count == want {
                Ok(format!("posts_count {count}"))
            } else {
                Err(format!("posts_count {count}"))
            }
        },
    );

    if c.has("follows") {
        followers(c, &setup);
    }
    invalid(c, max);
}

/// Paging through followers, with the user "p" of `setup`.
fn followers(c: &mut Ctx<'_>, setup: &Result<(User, Vec<String>), String>) {
    c.check(
        "GET /api/users/{name}/followers?limit=1, then its next_cursor -> one follower per page, newest first",
        "[c] then [b] with next_cursor null",
        |c| {
            let (p, _) = setup.clone()?;
            let (b, cc) = (c.user("b")?, c.user("c")?);
            c.follow(&b, &p.username)?;
            c.follow(&cc, &p.username)?;
            let path = format!("/api/users/{}/followers", p.username);
            let (first, cursor) = c.page(&format!("{path}?limit=1"), None, "users")?;
            order(&first, &[&cc.id]).step("first page")?;
            let cursor = cursor.ok_or("first page: next_cursor is null with a follower left")?;
            let (second, next) = c.page(&format!("{path}?limit=1&cursor={}", encode(&cursor)), None, "users")?;
            order(&second, &[&b.id]).step("second page")?;
            match next {
                None => Ok("[c] then [b] with next_cursor null".into()),
                Some(n) => Err(format!("next_cursor {n:?} on the last page")),
            }
        },
    );
}

fn invalid(c: &mut Ctx<'_>, max: usize) {
    let too_many = (max + 1).to_string();
    let bad_limits = [
        ("posts", "/api/posts", "0"),
        ("posts", "/api/posts", too_many.as_str()),
        ("posts", "/api/posts", "x"),
        ("posts", "/api/posts", "-1"),
        ("feed", "/api/feed", too_many.as_str()),
        ("follows", "/api/users/{name}/followers", "0"),
    ];
    for (part, path, limit) in bad_limits {
        if !c.has(part) {
            continue;
        }
        c.check_error(
            format!("GET {path}?limit={limit} -> 422 validation_failed with fields.limit"),
            422,
            "validation_failed",
            Some("limit"),
            move |c| {
                let p = c.user("p")?;
                c.get(&format!("{}?limit={limit}", path.replace("{name}", &p.username)), p.token())
            },
        );
    }
    for (part, path) in [("posts", "/api/users/{name}/posts"), ("feed", "/api/feed")] {
        if !c.has(part) {
            continue;
        }
        c.check_error(
            format!("GET {path}?cursor=vf-not-a-cursor -> 422 validation_failed with fields.cursor"),
            422,
            "validation_failed",
            Some("cursor"),
            move |c| {
                let p = c.user("p")?;
                c.get(&format!("{}?cursor=vf-not-a-cursor", path.replace("{name}", &p.username)), p.token())
            },
        );
    }
}
