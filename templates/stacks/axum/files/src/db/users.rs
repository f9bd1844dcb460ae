//! The `users` table: accounts, profiles with their counts, bios.

use sqlx::{FromRow, QueryBuilder, Sqlite, SqlitePool};

/// A user with the counts of their profile, as `select` reads it.
#[derive(Debug, FromRow)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub bio: String,
    pub created_at: String,
    pub followers_count: i64,
    pub following_count: i64,
    pub posts_count: i64,
    /// Whether the viewer follows this user (false when there is no viewer).
    pub following: bool,
}

/// `SELECT` of a user's columns and counts, seen by `viewer`; callers add the
/// `FROM users u` and the rest. Each count is a subquery of the same statement, so
/// a page of 20 users is one query, not one plus 20 times three.
pub fn select(viewer: Option<i64>) -> QueryBuilder<Sqlite> {
    let mut query = QueryBuilder::new(
        "SELECT u.id, u.username, u.bio, u.created_at, \
         (SELECT count(*) FROM follows WHERE followee_id = u.id) AS followers_count, \
         (SELECT count(*) FROM follows WHERE follower_id = u.id) AS following_count, \
         (SELECT count(*) FROM posts WHERE author_id = u.id) AS posts_count, \
         EXISTS (SELECT 1 FROM follows WHERE followee_id = u.id AND follower_id = ",
    );
    query.push_bind(viewer).push(") AS following");
    query
}

pub async fn get(db: &SqlitePool, id: i64, viewer: Option<i64>) -> sqlx::Result<UserRow> {
    let mut query = select(viewer);
    query.push(" FROM users u WHERE u.id = ").push_bind(id);
    query.build_query_as().fetch_one(db).await
}

/// The id of the user with this name, ignoring case (the column is COLLATE NOCASE).
pub async fn id_by_name(db: &SqlitePool, username: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT id FROM users WHERE username = ?").bind(username).fetch_optional(db).await
}

/// The id and password hash of the user with this name, ignoring case.
pub async fn credentials(db: &SqlitePool, username: &str) -> sqlx::Result<Option<(i64, String)>> {
    sqlx::query_as("SELECT id, password_hash FROM users WHERE username = ?")
        .bind(username)
        .fetch_optional(db)
        .await
}

/// Creates the user and returns its id, or `None` when the name is taken.
pub async fn create(db: &SqlitePool, username: &str, password_hash: &str) -> sqlx::Result<Option<i64>> {
    // The UNIQUE column decides, even when two sign-ups race for the same name.
    sqlx::query_scalar(
        "INSERT INTO users (username, password_hash) VALUES (?, ?) \
         ON CONFLICT (username) DO NOTHING RETURNING id",
    )
    .bind(username)
    .bind(password_hash)
    .fetch_optional(db)
    .await
}

pub async fn set_bio(db: &SqlitePool, id: i64, bio: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET bio = ? WHERE id = ?").bind(bio).bind(id).execute(db).await?;
    Ok(())
}
