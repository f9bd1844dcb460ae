//! Reading requests: JSON bodies, post ids in paths, and checking fields.
//!
//! axum's own extractors (`Json`, `Path`) answer mistakes in plain text with
//! their own status codes. These answer with the API's JSON errors instead: 400
//! for a body that is not a JSON object, 404 for an id that cannot exist, and 422
//! naming every invalid field at once, so a client learns all its mistakes in one
//! round trip.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use serde_json::{Map, Value};

use crate::error::{ApiError, FieldErrors};

/// A request body that is a JSON object. Its fields are checked one by one, so
/// that a field of the wrong type is a 422 about that field, not a 400.
pub struct JsonObject(pub Map<String, Value>);

impl<S: Send + Sync> FromRequest<S> for JsonObject {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        if !is_json(request.headers()) {
            return Err(ApiError::BadRequest("send JSON, with Content-Type: application/json"));
        }
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

/// `application/json`, or a type like `application/problem+json`, with any parameters.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(CONTENT_TYPE).and_then(|value| value.to_str().ok()) else {
        return false;
    };
    let media_type = value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    media_type == "application/json"
        || (media_type.starts_with("application/") && media_type.ends_with("+json"))
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
