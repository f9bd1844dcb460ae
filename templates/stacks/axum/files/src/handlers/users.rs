//! Accounts: sign up, profiles, and the caller's own profile (/api/me).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::auth::{self, AuthUser};
use crate::error::ApiError;
use crate::input::{Checks, JsonObject, Username};
use crate::limits::{BIO_MAX, PASSWORD_MAX, PASSWORD_MIN, USERNAME_MAX, USERNAME_MIN};
use crate::views::User;
use crate::{AppState, db};

/// POST /api/users: `{"username", "password"}` -> 201 `{"user", "token"}`.
pub async fn sign_up(
    State(state): State<AppState>,
    JsonObject(body): JsonObject,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let mut checks = Checks::default();
    let username = body.get("username").and_then(Value::as_str).unwrap_or_default();
    if !is_username(username) {
        checks.fail(
            "username",
            format!("must be {USERNAME_MIN}-{USERNAME_MAX} letters, digits or underscores"),
        );
    }
    let password = checks.text(body.get("password"), "password", PASSWORD_MIN, PASSWORD_MAX);
    checks.finish()?;

    let taken = ApiError::Conflict("this username is already taken");
    // Checked first to spare the hashing; create() still refuses a name taken meanwhile.
    if db::users::id_by_name(&state.db, username).await?.is_some() {
        return Err(taken);
    }
    let hash = state.passwords.hash(password).await?;
    let id = db::users::create(&state.db, username, &hash).await?.ok_or(taken)?;
    let token = auth::issue_token(&state.db, id).await?;
    let user = User::new(db::users::get(&state.db, id, None).await?, None);
    Ok((StatusCode::CREATED, Json(json!({"user": user, "token": token}))))
}

/// 3 to 30 ASCII letters, digits or underscores: `char::is_alphanumeric` would also
/// let in letters of every alphabet.
fn is_username(name: &str) -> bool {
    (USERNAME_MIN..=USERNAME_MAX).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// GET /api/users/{username}
pub async fn profile(
    State(state): State<AppState>,
    caller: Option<AuthUser>,
    Username(username): Username,
) -> Result<Json<Value>, ApiError> {
    let id = super::user_id(&state.db, &username).await?;
    let viewer = caller.map(|caller| caller.id);
    let user = User::new(db::users::get(&state.db, id, viewer).await?, viewer);
    Ok(Json(json!({"user": user})))
}

/// GET /api/me
pub async fn me(State(state): State<AppState>, caller: AuthUser) -> Result<Json<Value>, ApiError> {
    let user = User::new(db::users::get(&state.db, caller.id, Some(caller.id)).await?, Some(caller.id));
    Ok(Json(json!({"user": user})))
}

/// PATCH /api/me: `{"bio"}`. A field left out stays as it is.
pub async fn update_me(
    State(state): State<AppState>,
    caller: AuthUser,
    JsonObject(body): JsonObject,
) -> Result<Json<Value>, ApiError> {
    if body.contains_key("bio") {
        let mut checks = Checks::default();
        let bio = checks.text(body.get("bio"), "bio", 0, BIO_MAX);
        checks.finish()?;
        db::users::set_bio(&state.db, caller.id, &bio).await?;
    }
    me(State(state), caller).await
}
