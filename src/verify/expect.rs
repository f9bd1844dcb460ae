//! What the contract's answers look like: statuses, error bodies and the JSON
//! objects of shared/API.md (User, Author, Post, Comment, page), as functions
//! that say in words what is wrong. They send nothing. User and Post have
//! exactly the fields of the parts on at the step: a field of a later part
//! is wrong (an unknown field is not).

use serde_json::{Map, Value};

use super::client::{Resp, shorten};
use super::parts::{POST_FIELDS, Parts, USER_FIELDS, later_fields};
use crate::catalog::Idea;

/// A check's result: `Ok(what the server did)` when it passed,
/// `Err(what the server did)` when it did not.
pub(crate) type Outcome = Result<String, String>;

/// Prefix a failure with the step it happened in.
pub(crate) trait Step<T> {
    fn step(self, what: &str) -> Result<T, String>;
}

impl<T> Step<T> for Result<T, String> {
    fn step(self, what: &str) -> Result<T, String> {
        self.map_err(|e| format!("{what}: {e}"))
    }
}

/// The status, or the whole answer described as the failure.
pub(crate) fn status(r: &Resp, want: u16) -> Result<(), String> {
    if r.status == want { Ok(()) } else { Err(r.describe()) }
}

/// A whole-number field of a JSON object equals `want`: Ok and Err both say
/// what was read ("like_count 2"), for the check's `got`.
pub(crate) fn count(v: &Value, field: &str, want: u64) -> Result<String, String> {
    let words = format!("{field} {}", v[field]);
    if v[field] == want { Ok(words) } else { Err(words) }
}

/// The words for an expected error, e.g. "422 validation_failed with fields.body".
pub(crate) fn error_words(status: u16, code: &str, field: Option<&str>) -> String {
    match field {
        Some(f) => format!("{status} {code} with fields.{f}"),
        None => format!("{status} {code}"),
    }
}

/// The answer is the error `code` with `status` and, when given, names `field`.
pub(crate) fn error(r: &Resp, status: u16, code: &str, field: Option<&str>) -> Outcome {
    if r.status != status {
        return Err(r.describe());
    }
    let got_code = r.str_at("/error/code");
    if got_code != Some(code) {
        return Err(format!("error.code {} in {}", got_code.unwrap_or("missing"), r.describe()));
    }
    if let Some(field) = field {
        let named = r.at("/error/fields").and_then(Value::as_object).is_some_and(|f| f.contains_key(field));
        if !named {
            return Err(format!("no fields.{field} in {}", r.describe()));
        }
    }
    Ok(error_words(status, code, field))
}

/// Whether a User object should carry `following`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Following {
    /// No token was sent.
    Absent,
    /// A valid token was sent: present, with this value when known.
    Present(Option<bool>),
    /// The contract does not say (e.g. the user returned with a new token).
    Either,
}

/// The count fields of a User at this step.
pub(crate) fn user_counts(parts: &Parts) -> Vec<&'static str> {
    let mut counts = Vec::new();
    if parts.has("follows") {
        counts.extend(["followers_count", "following_count"]);
    }
    if parts.has("posts") {
        counts.push("posts_count");
    }
    counts
}

/// A User object: `{"id","username","bio","created_at"}`, with `posts_count`
/// from `posts` and the other two counts and `following`? from `follows`.
pub(crate) fn user(v: &Value, following: Following, parts: &Parts) -> Result<(), String> {
    let o = object(v, "user")?;
    no_later_fields(o, &USER_FIELDS, parts, "user")?;
    string_id(o, "id", "user")?;
    text(o, "username", "user")?;
    text(o, "bio", "user")?;
    timestamp(o, "created_at", "user")?;
    for count in user_counts(parts) {
        count_of(o, count, "user")?;
    }
    if !parts.has("follows") {
        return Ok(());
    }
    match (following, o.get("following")) {
        (Following::Absent, Some(f)) => Err(format!("user.following is {f} although no token was sent")),
        (Following::Present(_), None) => {
            Err("user.following is missing although a valid token was sent".into())
        }
        (Following::Present(Some(want)), Some(f)) if f.as_bool() != Some(want) => {
            Err(format!("user.following is {f}, expected {want}"))
        }
        (_, Some(f)) if !f.is_boolean() => Err(format!("user.following is {f}, not a boolean")),
        _ => Ok(()),
    }
}

/// An Author: `{"id","username"}`.
pub(crate) fn author(v: &Value, whose: &str) -> Result<(), String> {
    let o = object(v, whose)?;
    string_id(o, "id", whose)?;
    text(o, "username", whose).map(|_| ())
}

/// A Post of this idea, with the fields of the parts on at the step.
pub(crate) fn post(v: &Value, idea: &Idea, parts: &Parts) -> Result<(), String> {
    let o = object(v, "post")?;
    no_later_fields(o, &POST_FIELDS, parts, "post")?;
    string_id(o, "id", "post")?;
    author(o.get("author").unwrap_or(&Value::Null), "post.author")?;
    timestamp(o, "created_at", "post")?;
    if parts.has("likes") {
        count_of(o, "like_count", "post")?;
        match o.get("liked") {
            Some(Value::Bool(_)) => {}
            other => return Err(format!("post.liked is {}, not a boolean", shown(other))),
        }
    }
    if idea.features.images {
        text(o, "caption", "post")?;
        let url = text(o, "image_url", "post")?;
        if !(url.starts_with('/') || url.starts_with("http://") || url.starts_with("https://")) {
            return Err(format!("post.image_url {url:?} is not a path or URL"));
        }
    } else {
        text(o, "body", "post")?;
    }
    if parts.has("replies") {
        match o.get("reply_to") {
            Some(Value::Null | Value::String(_)) => {}
            other => return Err(format!("post.reply_to is {}, not a string id or null", shown(other))),
        }
        count_of(o, "reply_count", "post")?;
    }
    if parts.has("comments") {
        count_of(o, "comment_count", "post")?;
    }
    Ok(())
}

/// A Comment: `{"id","author","body","created_at"}`.
pub(crate) fn comment(v: &Value) -> Result<(), String> {
    let o = object(v, "comment")?;
    string_id(o, "id", "comment")?;
    author(o.get("author").unwrap_or(&Value::Null), "comment.author")?;
    text(o, "body", "comment")?;
    timestamp(o, "created_at", "comment").map(|_| ())
}

/// A page: `{"<key>": [...], "next_cursor": string | null}`; the items and the cursor.
pub(crate) fn page(r: &Resp, key: &str) -> Result<(Vec<Value>, Option<String>), String> {
    status(r, 200)?;
    let o = r
        .json
        .as_ref()
        .and_then(Value::as_object)
        .ok_or_else(|| format!("not a JSON object: {}", r.describe()))?;
    let items = o
        .get(key)
        .and_then(Value::as_array)
        .ok_or_else(|| format!("no \"{key}\" array in {}", r.describe()))?;
    let cursor = match o.get("next_cursor") {
        Some(Value::Null) => None,
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        other => return Err(format!("next_cursor is {}, not a string or null", shown(other))),
    };
    Ok((items.clone(), cursor))
}

/// The `id` of each item, as strings ("?" for an item without one).
pub(crate) fn ids(items: &[Value]) -> Vec<String> {
    items.iter().map(|i| i.get("id").and_then(Value::as_str).unwrap_or("?").to_string()).collect()
}

/// A sequence of ids in a short readable form for reports.
pub(crate) fn list(ids: &[String]) -> String {
    shorten(&format!("[{}]", ids.join(", ")), 300)
}

/// Whether a timestamp is RFC 3339 in UTC with a `Z`
/// ("2026-11-22T09:00:00Z", fractional seconds allowed).
pub(crate) fn is_rfc3339_utc(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 20 || b[b.len() - 1] != b'Z' {
        return false;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(range)?;
        if part.bytes().all(|c| c.is_ascii_digit()) { part.parse().ok() } else { None }
    };
    let shape = b[4] == b'-' && b[7] == b'-' && b[10] == b'T' && b[13] == b':' && b[16] == b':';
    let fraction = &b[19..b.len() - 1];
    let fraction_ok = fraction.is_empty()
        || (fraction.len() > 1 && fraction[0] == b'.' && fraction[1..].iter().all(u8::is_ascii_digit));
    let in_range =
        |r: std::ops::Range<usize>, lo: u32, hi: u32| digits(r).is_some_and(|n| (lo..=hi).contains(&n));
    shape
        && fraction_ok
        && digits(0..4).is_some()
        && in_range(5..7, 1, 12)
        && in_range(8..10, 1, 31)
        && in_range(11..13, 0, 23)
        && in_range(14..16, 0, 59)
        && in_range(17..19, 0, 60)
}

/// No field of a later part: a server at step K has only the fields so far.
fn no_later_fields(
    o: &Map<String, Value>,
    table: &[(&'static str, &'static [&'static str])],
    parts: &Parts,
    what: &str,
) -> Result<(), String> {
    match later_fields(table, parts).into_iter().find(|(field, _)| o.contains_key(*field)) {
        Some((field, part)) => Err(format!(
            "{what}.{field} is there, but it belongs to {part}, a later step than {}",
            parts.step
        )),
        None => Ok(()),
    }
}

fn object<'a>(v: &'a Value, what: &str) -> Result<&'a Map<String, Value>, String> {
    v.as_object().ok_or_else(|| format!("{what} is {}, not an object", shorten(&v.to_string(), 80)))
}

fn string_id(o: &Map<String, Value>, key: &str, what: &str) -> Result<(), String> {
    match o.get(key) {
        Some(Value::String(s)) if !s.is_empty() => Ok(()),
        other => Err(format!("{what}.{key} is {}, not a non-empty string", shown(other))),
    }
}

fn text<'a>(o: &'a Map<String, Value>, key: &str, what: &str) -> Result<&'a str, String> {
    match o.get(key) {
        Some(Value::String(s)) => Ok(s),
        other => Err(format!("{what}.{key} is {}, not a string", shown(other))),
    }
}

fn timestamp(o: &Map<String, Value>, key: &str, what: &str) -> Result<(), String> {
    let value = text(o, key, what)?;
    if is_rfc3339_utc(value) {
        Ok(())
    } else {
        Err(format!("{what}.{key} {value:?} is not RFC 3339 UTC with a Z"))
    }
}

fn count_of(o: &Map<String, Value>, key: &str, what: &str) -> Result<u64, String> {
    o.get(key)
        .and_then(Value::as_u64)
        .ok_or_else(|| format!("{what}.{key} is {}, not a count", shown(o.get(key))))
}

fn shown(v: Option<&Value>) -> String {
    v.map_or("missing".to_string(), |v| shorten(&v.to_string(), 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_say_what_they_read() {
        let post = serde_json::json!({"like_count": 2, "reply_count": "2"});
        assert_eq!(count(&post, "like_count", 2), Ok("like_count 2".into()));
        assert_eq!(count(&post, "like_count", 1), Err("like_count 2".into()));
        assert_eq!(
            count(&post, "reply_count", 2),
            Err("reply_count \"2\"".into()),
            "a string is not a count"
        );
        assert_eq!(count(&post, "comment_count", 0), Err("comment_count null".into()));
    }

    #[test]
    fn rfc3339_utc_timestamps() {
        for good in ["2026-11-22T09:00:00Z", "2026-11-22T09:00:00.123456Z", "1999-12-31T23:59:60Z"] {
            assert!(is_rfc3339_utc(good), "{good}");
        }
        for bad in [
            "2026-11-22T09:00:00",
            "2026-11-22T09:00:00+00:00",
            "2026-11-22 09:00:00Z",
            "2026-13-22T09:00:00Z",
            "2026-11-22T09:00:00.Z",
            "1764000000",
            "2026-11-22T9:00:00Z",
        ] {
            assert!(!is_rfc3339_utc(bad), "{bad}");
        }
    }

    use crate::catalog::Catalog;

    /// The idea and its parts at `step`.
    fn at(idea: &str, step: &str) -> (Idea, Parts) {
        let catalog = Catalog::embedded().unwrap();
        let idea = catalog.idea(idea).unwrap().clone();
        let parts = Parts::at(&idea, idea.step(step).unwrap());
        (idea, parts)
    }

    #[test]
    fn user_shape_follows_the_token_rule() {
        let (_, parts) = at("twitter", "ship");
        let mut u = serde_json::json!({"id": "7", "username": "alice", "bio": "",
            "created_at": "2026-11-22T09:00:00Z", "followers_count": 0, "following_count": 0, "posts_count": 0});
        assert!(user(&u, Following::Absent, &parts).is_ok());
        assert!(user(&u, Following::Present(None), &parts).is_err());
        u["following"] = Value::Bool(true);
        assert!(user(&u, Following::Absent, &parts).is_err());
        assert!(user(&u, Following::Present(Some(false)), &parts).is_err());
        assert!(user(&u, Following::Present(Some(true)), &parts).is_ok());
        u["id"] = serde_json::json!(7);
        assert!(user(&u, Following::Either, &parts).unwrap_err().contains("user.id"));
    }

    #[test]
    fn a_user_has_exactly_the_fields_of_the_parts_so_far() {
        let base = serde_json::json!({"id": "7", "username": "alice", "bio": "", "created_at": "2026-11-22T09:00:00Z"});
        let (_, users) = at("twitter", "users");
        assert_eq!(user(&base, Following::Present(None), &users), Ok(()), "no following before follows");
        let mut counted = base.clone();
        counted["posts_count"] = serde_json::json!(0);
        let err = user(&counted, Following::Absent, &users).unwrap_err();
        assert!(err.contains("user.posts_count is there, but it belongs to posts"), "{err}");

        let (_, posts) = at("twitter", "posts");
        assert!(user(&base, Following::Absent, &posts).unwrap_err().contains("posts_count"), "missing");
        assert_eq!(user(&counted, Following::Present(None), &posts), Ok(()));
        let mut following = counted.clone();
        following["following"] = Value::Bool(false);
        let err = user(&following, Following::Present(None), &posts).unwrap_err();
        assert!(err.contains("user.following is there, but it belongs to follows"), "{err}");
        assert_eq!(user_counts(&posts), ["posts_count"]);
        assert_eq!(user_counts(&at("twitter", "follows").1).len(), 3);
    }

    #[test]
    fn a_post_has_exactly_the_fields_of_the_parts_so_far() {
        let twitter = serde_json::json!({"id": "42", "author": {"id": "7", "username": "alice"},
            "body": "hi", "created_at": "2026-11-22T09:00:00Z"});
        let (idea, posts) = at("twitter", "posts");
        assert_eq!(post(&twitter, &idea, &posts), Ok(()));
        let mut liked = twitter.clone();
        liked["like_count"] = serde_json::json!(0);
        liked["liked"] = Value::Bool(false);
        let err = post(&liked, &idea, &posts).unwrap_err();
        assert!(err.contains("post.like_count is there, but it belongs to likes"), "{err}");

        let (_, likes) = at("twitter", "likes");
        assert_eq!(post(&liked, &idea, &likes), Ok(()));
        assert!(post(&twitter, &idea, &likes).unwrap_err().contains("post.like_count"), "missing");
        let mut replied = liked.clone();
        replied["reply_to"] = Value::Null;
        assert!(post(&replied, &idea, &likes).unwrap_err().contains("post.reply_to is there"));
        replied["reply_count"] = serde_json::json!(0);
        assert_eq!(post(&replied, &idea, &at("twitter", "replies").1), Ok(()));
        let mut other = replied.clone();
        other["comment_count"] = serde_json::json!(0);
        assert_eq!(
            post(&other, &idea, &at("twitter", "ship").1),
            Ok(()),
            "another idea's field is not later"
        );

        let (instagram, posts) = at("instagram", "posts");
        let mut image = serde_json::json!({"id": "42", "author": {"id": "7", "username": "alice"},
            "caption": "", "image_url": "/uploads/a.png", "created_at": "2026-11-22T09:00:00Z"});
        assert_eq!(post(&image, &instagram, &posts), Ok(()));
        image["comment_count"] = serde_json::json!(0);
        assert!(post(&image, &instagram, &posts).unwrap_err().contains("belongs to comments"));
    }
}
