//! Reading requests: JSON bodies, post ids and usernames in paths, and checking
//! fields.
//!
//! axum's own extractors (`Json`, `Path`) answer mistakes in plain text with
//! their own status codes. These answer with the API's JSON errors instead: 400
//! for a body that is not a JSON object, 404 for an id or a name that cannot
//! exist, and 422 naming every invalid field at once, so a client learns all its
//! mistakes in one round trip.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde_json::{Map, Value};

use crate::error::{ApiError, FieldErrors};

/// A request body that is a JSON object. Its fields are checked one by one, so
/// that a field of the wrong type is a 422 about that field, not a 400.
///
/// The body is read as JSON whatever its Content-Type says, or without one (the
/// contract, API.md "Requests at the edges"): a client that forgot the header
/// still gets its account. What is not one JSON object in UTF-8 is refused here,
/// once, before any field is looked at: serde_json refuses a byte-order mark,
/// bytes that are not UTF-8 and a lone surrogate such as `"\ud800"` (half of
/// a character, which no string in Rust can hold).
pub struct JsonObject(pub Map<String, Value>);

impl<S: Send + Sync> FromRequest<S> for JsonObject {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        // Bytes stops reading at the body limit of the route (see routes.rs).
        let bytes = Bytes::from_request(request, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge("the request body is too large")
            } else {
                ApiError::BadRequest("the request body could not be read")
            }
        })?;
        // serde_json refuses input nested more than 128 deep: "[[[[...]]]]" is an
        // error, not a stack overflow.
        match serde_json::from_slice(&bytes) {
            Ok(Value::Object(object)) => Ok(Self(object)),
            _ => Err(ApiError::BadRequest("the body must be a JSON object")),
        }
    }
}

/// The `{id}` of a post in the path. An id that is not a positive number cannot
/// name a post: 404, like an id that names none.
pub struct PostId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for PostId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let no_such_post = ApiError::NotFound("no such post");
        let Ok(Path(text)) = Path::<String>::from_request_parts(parts, state).await else {
            return Err(no_such_post);
        };
        // Digits only: parse() alone would also take "+5".
        match text.parse() {
            Ok(id) if id > 0 && text.bytes().all(|b| b.is_ascii_digit()) => Ok(Self(id)),
            _ => Err(no_such_post),
        }
    }
}

/// The `{username}` in the path. A name whose percent-encoding is not UTF-8
/// (`/api/users/%FF`) cannot name anyone: 404, like a name nobody has, where
/// axum's `Path` would answer a plain-text 400.
pub struct Username(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Username {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Path::<String>::from_request_parts(parts, state).await {
            Ok(Path(name)) => Ok(Self(name)),
            Err(_) => Err(ApiError::NotFound("no such user")),
        }
    }
}

/// Collects what is wrong with a request's fields; `finish` answers them all in
/// one 422.
#[derive(Default)]
pub struct Checks {
    errors: FieldErrors,
}

impl Checks {
    /// Records a problem with a field (the first one found for it is kept).
    pub fn fail(&mut self, field: &'static str, problem: impl Into<String>) {
        self.errors.entry(field).or_insert_with(|| problem.into());
    }

    /// The string in `value`, if it has `min` to `max` characters (code points, as
    /// `chars()` counts them: "é" and "😀" are one each).
    pub fn text(&mut self, value: Option<&Value>, field: &'static str, min: usize, max: usize) -> String {
        match value.and_then(Value::as_str) {
            Some(text) if (min..=max).contains(&text.chars().count()) => text.to_string(),
            _ => {
                self.fail(field, format!("must be a string of {min}-{max} characters"));
                String::new()
            }
        }
    }

    /// Records a problem with `field` when `text` is only white space: a post or a
    /// comment must say something. `char::is_whitespace` is Unicode's White_Space,
    /// so U+00A0 and U+3000 (the ideographic space) are blank too, not only " ".
    pub fn not_blank(&mut self, text: &str, field: &'static str) {
        if !text.is_empty() && text.chars().all(char::is_whitespace) {
            self.fail(field, "must not be only white space");
        }
    }

    /// The string in `value`, of any length.
    pub fn string(&mut self, value: Option<&Value>, field: &'static str) -> String {
        match value.and_then(Value::as_str) {
            Some(text) => text.to_string(),
            None => {
                self.fail(field, "must be a string");
                String::new()
            }
        }
    }

    /// Ok when no problem was recorded; otherwise the 422 that names them all.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(self.errors)) }
    }
}
