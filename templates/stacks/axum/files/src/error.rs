//! One error type for the whole API. Handlers return `Result<_, ApiError>`, and
//! every error leaves the server as the same JSON:
//!
//! ```json
//! {"error": {"code": "not_found", "message": "no such post"}}
//! ```
//!
//! A failure the client cannot fix (the database, the disk) is logged with its
//! details and answered with a 500 that says nothing about them.

use std::collections::BTreeMap;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// Field name -> what is wrong with it, for 422 answers.
pub type FieldErrors = BTreeMap<&'static str, String>;

#[derive(Debug)]
pub enum ApiError {
    BadRequest(&'static str),
    Unauthorized(&'static str),
    Forbidden(&'static str),
    NotFound(&'static str),
    MethodNotAllowed,
    Conflict(&'static str),
    PayloadTooLarge(&'static str),
    UnsupportedMediaType(&'static str),
    /// A field is missing, of the wrong type or out of range: names every one.
    Validation(FieldErrors),
    /// A bug or an outage; the cause goes to the log, never to the client.
    Internal(Box<dyn std::error::Error + Send + Sync>),
}

impl ApiError {
    /// A 422 about a single field.
    pub fn invalid(field: &'static str, problem: impl Into<String>) -> Self {
        Self::Validation(BTreeMap::from([(field, problem.into())]))
    }

    fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The machine-readable code of the API, one per status.
    fn code(&self) -> &'static str {
        match self {
            Self::BadRequest(_) => "bad_request",
            Self::Unauthorized(_) => "unauthorized",
            Self::Forbidden(_) => "forbidden",
            Self::NotFound(_) => "not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::Conflict(_) => "conflict",
            Self::PayloadTooLarge(_) => "payload_too_large",
            Self::UnsupportedMediaType(_) => "unsupported_media_type",
            Self::Validation(_) => "validation_failed",
            Self::Internal(_) => "internal",
        }
    }

    fn message(&self) -> String {
        match self {
            Self::BadRequest(m)
            | Self::Unauthorized(m)
            | Self::Forbidden(m)
            | Self::NotFound(m)
            | Self::Conflict(m)
            | Self::PayloadTooLarge(m)
            | Self::UnsupportedMediaType(m) => (*m).to_string(),
            Self::MethodNotAllowed => "this route does not accept that method".to_string(),
            // "body must be 1-280 characters; reply_to must be ..."
            Self::Validation(fields) => fields
                .iter()
                .map(|(field, problem)| format!("{field} {problem}"))
                .collect::<Vec<_>>()
                .join("; "),
            Self::Internal(_) => "something went wrong on our side".to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Self::Internal(cause) = &self {
            tracing::error!(error = %cause, "request failed");
        }
        let mut error = json!({"code": self.code(), "message": self.message()});
        if let Self::Validation(fields) = &self {
            error["fields"] = json!(fields);
        }
        (self.status(), Json(json!({ "error": error }))).into_response()
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ApiError {}

// `?` on a database or file error inside a handler turns it into a 500.
impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        Self::Internal(error.into())
    }
}

impl From<std::io::Error> for ApiError {
    fn from(error: std::io::Error) -> Self {
        Self::Internal(error.into())
    }
}

/// The answer to a known path called with a method it does not serve (axum adds
/// the `Allow` header listing the methods that it does).
pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

/// The answer to any path under /api that no route matches.
pub async fn no_such_route() -> ApiError {
    ApiError::NotFound("no such route")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn internal_errors_tell_the_client_nothing() {
        let cause = "SELECT password_hash FROM users -- /srv/app/src/db.rs";
        let response = ApiError::Internal(cause.into()).into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        let expected = json!({"code": "internal", "message": "something went wrong on our side"});
        assert_eq!(body, json!({ "error": expected }));
    }

    #[test]
    fn validation_errors_name_every_field() {
        let mut fields = FieldErrors::new();
        fields.insert("body", "must be a string of 1-280 characters".to_string());
        fields.insert("reply_to", "must be the id of an existing post".to_string());
        let error = ApiError::Validation(fields);
        assert_eq!(error.code(), "validation_failed");
        assert_eq!(
            error.to_string(),
            "body must be a string of 1-280 characters; reply_to must be the id of an existing post"
        );
    }
}
