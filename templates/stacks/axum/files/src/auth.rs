//! Bearer tokens: issuing them at login, finding who is calling, and the
//! `AuthUser` extractor that handlers take to require a logged-in caller.
//!
//! A token is 32 random bytes from the operating system, handed to the client
//! once. The database keeps only its SHA-256: a copy of the database holds no
//! working tokens. A fast hash is enough here because a token is random; a
//! password is not (see passwords.rs). Logging out deletes the row.

use axum::extract::{FromRequestParts, OptionalFromRequestParts, Request, State};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::db;
use crate::error::ApiError;

/// The logged-in caller. As a handler argument, `AuthUser` answers 401 to a
/// request without a valid token; `Option<AuthUser>` lets anyone in.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: i64,
    /// The digest of the token the request came with (logging out revokes it).
    pub token_hash: String,
}

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a session for the user and returns its token, to give to the client.
pub async fn issue_token(db: &sqlx::SqlitePool, user_id: i64) -> Result<String, ApiError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|error| ApiError::Internal(error.into()))?;
    let token = hex::encode(bytes);
    db::tokens::create(db, user_id, &digest(&token)).await?;
    Ok(token)
}

/// Middleware, run before every route: finds the caller from the `Authorization`
/// header and hands it to the extractors below.
///
/// A token that is sent but not valid is a 401 everywhere, even where no token is
/// needed: treating the caller as a guest would hide a logged-out client's bug.
pub async fn authenticate(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    if let Some(header) = request.headers().get(AUTHORIZATION) {
        let token = header
            .to_str()
            .ok()
            .and_then(|value| value.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .filter(|token| !token.is_empty())
            .ok_or(ApiError::Unauthorized("the Authorization header must be: Bearer <token>"))?;
        let token_hash = digest(token);
        let id = db::tokens::user_id(&state.db, &token_hash)
            .await?
            .ok_or(ApiError::Unauthorized("this token is not valid (revoked by logging out, or mistyped)"))?;
        request.extensions_mut().insert(AuthUser { id, token_hash });
    }
    Ok(next.run(request).await)
}

impl<S: Send + Sync> FromRequestParts<S> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        parts.extensions.get::<Self>().cloned().ok_or(ApiError::Unauthorized("log in first"))
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Option<Self>, ApiError> {
        Ok(parts.extensions.get::<Self>().cloned())
    }
}
