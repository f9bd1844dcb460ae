//! Following people, and the lists of who follows whom (newest follow first).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::auth::AuthUser;
use crate::db::follows::Side;
use crate::error::ApiError;
use crate::input::Username;
use crate::pagination::Page;
use crate::views::User;
use crate::{AppState, db};

/// PUT /api/users/{username}/follow. PUT is idempotent: following twice is
/// following once, so a client can simply say what it wants.
pub async fn follow(
    State(state): State<AppState>,
    caller: AuthUser,
    Username(username): Username,
) -> Result<StatusCode, ApiError> {
    let target = super::user_id(&state.db, &username).await?;
    if target == caller.id {
        return Err(ApiError::invalid("username", "is you: you cannot follow yourself"));
    }
    db::follows::follow(&state.db, caller.id, target).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// DELETE /api/users/{username}/follow, idempotent too.
pub async fn unfollow(
    State(state): State<AppState>,
    caller: AuthUser,
    Username(username): Username,
) -> Result<StatusCode, ApiError> {
    let target = super::user_id(&state.db, &username).await?;
    db::follows::unfollow(&state.db, caller.id, target).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// GET /api/users/{username}/followers
pub async fn followers(
    state: State<AppState>,
    caller: Option<AuthUser>,
    username: Username,
    page: Page,
) -> Result<Json<Value>, ApiError> {
    list(state, caller, username, page, Side::Followers).await
}

/// GET /api/users/{username}/following
pub async fn following(
    state: State<AppState>,
    caller: Option<AuthUser>,
    username: Username,
    page: Page,
) -> Result<Json<Value>, ApiError> {
    list(state, caller, username, page, Side::Following).await
}

async fn list(
    State(state): State<AppState>,
    caller: Option<AuthUser>,
    Username(username): Username,
    page: Page,
    side: Side,
) -> Result<Json<Value>, ApiError> {
    let id = super::user_id(&state.db, &username).await?;
    let viewer = caller.map(|caller| caller.id);
    let (rows, next_cursor) = db::follows::list(&state.db, id, side, viewer, &page).await?;
    let users: Vec<User> = rows.into_iter().map(|row| User::new(row.user, viewer)).collect();
    Ok(Json(json!({"users": users, "next_cursor": next_cursor})))
}
