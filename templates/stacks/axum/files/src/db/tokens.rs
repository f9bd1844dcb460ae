//! The `tokens` table: login sessions, kept as SHA-256 digests of the tokens.

use sqlx::SqlitePool;

pub async fn create(db: &SqlitePool, user_id: i64, token_hash: &str) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO tokens (user_id, token_hash) VALUES (?, ?)")
        .bind(user_id)
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(())
}

/// The id of the user the token was issued to, if it is still valid.
pub async fn user_id(db: &SqlitePool, token_hash: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT user_id FROM tokens WHERE token_hash = ?")
        .bind(token_hash)
        .fetch_optional(db)
        .await
}

pub async fn delete(db: &SqlitePool, token_hash: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM tokens WHERE token_hash = ?").bind(token_hash).execute(db).await?;
    Ok(())
}
