//! GET /api/posts/{id}/replies: the replies to a post, oldest first.

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::input::PostId;
use crate::pagination::Page;
use crate::views::Post;
use crate::{AppState, db};

pub async fn replies(
    State(state): State<AppState>,
    caller: Option<AuthUser>,
    PostId(id): PostId,
    page: Page,
) -> Result<Json<Value>, ApiError> {
    super::post_author(&state.db, id).await?;
    let viewer = caller.map(|caller| caller.id);
    let (rows, next_cursor) = db::posts::replies(&state.db, id, viewer, &page).await?;
    let posts: Vec<Post> = rows.into_iter().map(Post::from).collect();
    Ok(Json(json!({"posts": posts, "next_cursor": next_cursor})))
}
