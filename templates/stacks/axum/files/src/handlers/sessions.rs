//! Logging in (a new token each time) and out (revoking the token used).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::auth::{self, AuthUser};
use crate::error::ApiError;
use crate::input::{Checks, JsonObject};
use crate::views::User;
use crate::{AppState, db};

/// POST /api/sessions: `{"username", "password"}` -> 200 `{"user", "token"}`.
pub async fn log_in(
    State(state): State<AppState>,
    JsonObject(body): JsonObject,
) -> Result<Json<Value>, ApiError> {
    let mut checks = Checks::default();
    let username = checks.string(body.get("username"), "username");
    let password = checks.string(body.get("password"), "password");
    checks.finish()?;

    let (id, hash) = db::users::credentials(&state.db, &username).await?.unzip();
    // The password is checked even when the user does not exist (against a decoy
    // hash), and both cases get the same answer: neither the time taken nor the
    // message tells anyone whether an account exists.
    let matches = state.passwords.verify(hash, password).await?;
    let id = id.filter(|_| matches).ok_or(ApiError::Unauthorized("wrong username or password"))?;
    let token = auth::issue_token(&state.db, id).await?;
    let user = User::new(db::users::get(&state.db, id, None).await?, None);
    Ok(Json(json!({"user": user, "token": token})))
}

/// DELETE /api/sessions: revokes the token the request came with.
pub async fn log_out(State(state): State<AppState>, caller: AuthUser) -> Result<StatusCode, ApiError> {
    db::tokens::delete(&state.db, &caller.token_hash).await?;
    Ok(StatusCode::NO_CONTENT)
}
