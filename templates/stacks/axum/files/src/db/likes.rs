//! The `likes` table: which user likes which post.

use sqlx::SqlitePool;

/// Idempotent: liking twice is liking once.
pub async fn like(db: &SqlitePool, user_id: i64, post_id: i64) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO likes (user_id, post_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
        .bind(user_id)
        .bind(post_id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn unlike(db: &SqlitePool, user_id: i64, post_id: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM likes WHERE user_id = ? AND post_id = ?")
        .bind(user_id)
        .bind(post_id)
        .execute(db)
        .await?;
    Ok(())
}
