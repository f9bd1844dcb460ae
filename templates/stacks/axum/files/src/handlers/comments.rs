//! Comments under a post: listed oldest first, like a conversation.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::input::{Checks, JsonObject, PostId};
use crate::limits::COMMENT_MAX;
use crate::pagination::Page;
use crate::views::Comment;
use crate::{AppState, db};

/// GET /api/posts/{id}/comments
pub async fn list(
    State(state): State<AppState>,
    PostId(id): PostId,
    page: Page,
) -> Result<Json<Value>, ApiError> {
    super::post_author(&state.db, id).await?;
    let (rows, next_cursor) = db::comments::list(&state.db, id, &page).await?;
    let comments: Vec<Comment> = rows.into_iter().map(Comment::from).collect();
    Ok(Json(json!({"comments": comments, "next_cursor": next_cursor})))
}

/// POST /api/posts/{id}/comments: `{"body"}` -> 201 `{"comment"}`.
pub async fn create(
    State(state): State<AppState>,
    caller: AuthUser,
    PostId(id): PostId,
    JsonObject(body): JsonObject,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    super::post_author(&state.db, id).await?;
    let mut checks = Checks::default();
    let text = checks.text(body.get("body"), "body", 1, COMMENT_MAX);
    checks.not_blank(&text, "body");
    checks.finish()?;
    let comment = Comment::from(db::comments::create(&state.db, id, caller.id, &text).await?);
    Ok((StatusCode::CREATED, Json(json!({"comment": comment}))))
}
