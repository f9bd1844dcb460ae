//! Cursor pagination, for every list of the API.
//!
//! A list is ordered by (created_at, id): creation time first, the id to break
//! ties, so the order is total. A page ends with a cursor: the position of its
//! last item, hex-encoded so that clients treat it as opaque. The next page asks
//! for the items strictly after that position. Unlike `OFFSET`, nothing is skipped
//! or shown twice when new items arrive while someone is paging, and the database
//! jumps to the position through an index instead of counting rows.

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use sqlx::{QueryBuilder, Sqlite};

use crate::error::{ApiError, FieldErrors};
use crate::limits::{PAGE_DEFAULT, PAGE_MAX};

/// Which way a list runs.
#[derive(Debug, Clone, Copy)]
pub enum Order {
    NewestFirst,
    OldestFirst,
}

/// Where a page ends: the creation time and id of its last item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub created_at: String,
    pub id: i64,
}

impl Position {
    pub fn new(created_at: &str, id: i64) -> Self {
        Self { created_at: created_at.to_string(), id }
    }

    pub fn to_cursor(&self) -> String {
        hex::encode(format!("{}|{}", self.created_at, self.id))
    }

    /// The position in a cursor this server made, or `None` for anything else.
    pub fn from_cursor(cursor: &str) -> Option<Self> {
        let text = String::from_utf8(hex::decode(cursor).ok()?).ok()?;
        let (created_at, id) = text.split_once('|')?;
        let timestamp = |c: char| c.is_ascii_digit() || "-:.TZ".contains(c);
        if created_at.is_empty() || created_at.len() > 32 || !created_at.chars().all(timestamp) {
            return None;
        }
        let id = id.parse().ok().filter(|id| *id > 0)?;
        Some(Self::new(created_at, id))
    }
}

/// A page of items, and the cursor of the next page (`None` on the last one).
pub type Paged<T> = (Vec<T>, Option<String>);

/// The `limit` and `cursor` of a list request, read from its query string.
#[derive(Debug, Clone)]
pub struct Page {
    pub limit: u32,
    pub after: Option<Position>,
}

impl<S: Send + Sync> FromRequestParts<S> for Page {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        // Every name=value pair in order, not a struct: a struct would keep one of
        // `limit=1&limit=2` and drop the other, and the client would never learn
        // which one counted. A parameter given twice is a mistake about it (422);
        // parameters the API does not know are ignored.
        let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
            .map_err(|_| ApiError::BadRequest("the query string cannot be read"))?;
        let mut errors = FieldErrors::new();
        let limit = match only(&pairs, "limit", &mut errors) {
            None => PAGE_DEFAULT,
            // Digits only: parse() alone would also take "+5". An empty `limit=` is
            // not a number either.
            Some(text) => match text.parse() {
                Ok(n) if text.bytes().all(|b| b.is_ascii_digit()) && (1..=PAGE_MAX).contains(&n) => n,
                _ => {
                    errors.insert("limit", format!("must be a whole number from 1 to {PAGE_MAX}"));
                    PAGE_DEFAULT
                }
            },
        };
        let after = only(&pairs, "cursor", &mut errors).and_then(|cursor| {
            let position = Position::from_cursor(cursor);
            if position.is_none() {
                errors.insert("cursor", "is not a cursor this server handed out".to_string());
            }
            position
        });
        if errors.is_empty() { Ok(Self { limit, after }) } else { Err(ApiError::Validation(errors)) }
    }
}

/// The value of the parameter `name` when it is given once; `None` when it is
/// not given, or given more than once (recorded in `errors`).
fn only<'a>(pairs: &'a [(String, String)], name: &'static str, errors: &mut FieldErrors) -> Option<&'a str> {
    let mut values = pairs.iter().filter(|(key, _)| key == name).map(|(_, value)| value.as_str());
    let first = values.next()?;
    if values.next().is_some() {
        errors.insert(name, "is given more than once: give it once".to_string());
        return None;
    }
    Some(first)
}

impl Page {
    /// Finishes `query`, which must end in a `WHERE` clause, for the table known in
    /// it as `table`: only the rows after the cursor, in order, and one row more
    /// than the limit, to learn whether there is a next page without counting.
    pub fn push_to(&self, query: &mut QueryBuilder<Sqlite>, table: &'static str, order: Order) {
        let (beyond, direction) = match order {
            Order::NewestFirst => ("<", "DESC"),
            Order::OldestFirst => (">", "ASC"),
        };
        if let Some(after) = &self.after {
            query.push(format_args!(" AND ({table}.created_at, {table}.id) {beyond} ("));
            query.push_bind(after.created_at.clone()).push(", ").push_bind(after.id).push(")");
        }
        query.push(format_args!(" ORDER BY {table}.created_at {direction}, {table}.id {direction} LIMIT "));
        query.push_bind(i64::from(self.limit) + 1);
    }

    /// The rows of this page, and the cursor of the next one (`None` on the last
    /// page), given the rows `push_to` selected and where each one stands.
    pub fn finish<T>(&self, mut rows: Vec<T>, position: impl Fn(&T) -> Position) -> Paged<T> {
        let limit = self.limit as usize;
        if rows.len() <= limit {
            return (rows, None);
        }
        rows.truncate(limit);
        let next = rows.last().map(|row| position(row).to_cursor());
        (rows, next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip() {
        let position = Position::new("2026-11-22T09:00:00.123Z", 42);
        assert_eq!(Position::from_cursor(&position.to_cursor()), Some(position));
    }

    #[test]
    fn cursors_this_server_did_not_make_are_refused() {
        for cursor in [
            "",
            "vf-not-a-cursor",
            "zz",
            &hex::encode("no separator"),
            &hex::encode("x|1"),
            &hex::encode("2026-11-22T09:00:00.123Z|-1"),
        ] {
            assert_eq!(Position::from_cursor(cursor), None, "{cursor}");
        }
    }
}
