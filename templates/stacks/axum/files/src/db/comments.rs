//! The `comments` table: comments under a post, oldest first.

use sqlx::{FromRow, QueryBuilder, SqlitePool};

use crate::pagination::{Order, Page, Paged, Position};

#[derive(Debug, FromRow)]
pub struct CommentRow {
    pub id: i64,
    pub author_id: i64,
    pub author_username: String,
    pub body: String,
    pub created_at: String,
}

const SELECT: &str = "SELECT c.id, c.author_id, u.username AS author_username, c.body, c.created_at \
                      FROM comments c JOIN users u ON u.id = c.author_id";

pub async fn list(db: &SqlitePool, post_id: i64, page: &Page) -> sqlx::Result<Paged<CommentRow>> {
    let mut query = QueryBuilder::new(SELECT);
    query.push(" WHERE c.post_id = ").push_bind(post_id);
    page.push_to(&mut query, "c", Order::OldestFirst);
    let rows = query.build_query_as().fetch_all(db).await?;
    Ok(page.finish(rows, |row: &CommentRow| Position::new(&row.created_at, row.id)))
}

/// Adds the comment and returns it as `list` would.
pub async fn create(db: &SqlitePool, post_id: i64, author_id: i64, body: &str) -> sqlx::Result<CommentRow> {
    let id: i64 =
        sqlx::query_scalar("INSERT INTO comments (post_id, author_id, body) VALUES (?, ?, ?) RETURNING id")
            .bind(post_id)
            .bind(author_id)
            .bind(body)
            .fetch_one(db)
            .await?;
    let mut query = QueryBuilder::new(SELECT);
    query.push(" WHERE c.id = ").push_bind(id);
    query.build_query_as().fetch_one(db).await
}
