//! Liking a post: PUT and DELETE are idempotent, so a client can simply say
//! what it wants, however many times.

use axum::extract::State;
use axum::http::StatusCode;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::input::PostId;
use crate::{AppState, db};

/// PUT /api/posts/{id}/like
pub async fn like(
    State(state): State<AppState>,
    caller: AuthUser,
    PostId(id): PostId,
) -> Result<StatusCode, ApiError> {
    super::post_author(&state.db, id).await?;
    db::likes::like(&state.db, caller.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// DELETE /api/posts/{id}/like
pub async fn unlike(
    State(state): State<AppState>,
    caller: AuthUser,
    PostId(id): PostId,
) -> Result<StatusCode, ApiError> {
    super::post_author(&state.db, id).await?;
    db::likes::unlike(&state.db, caller.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
