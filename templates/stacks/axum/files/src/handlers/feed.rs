//! GET /api/feed: the caller's posts and those of everyone they follow.

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::pagination::Page;
use crate::views::Post;
use crate::{AppState, db};

pub async fn feed(
    State(state): State<AppState>,
    caller: AuthUser,
    page: Page,
) -> Result<Json<Value>, ApiError> {
    let (rows, next_cursor) = db::posts::feed(&state.db, caller.id, &page).await?;
    let posts: Vec<Post> = rows.into_iter().map(Post::from).collect();
    Ok(Json(json!({"posts": posts, "next_cursor": next_cursor})))
}
