//! The `follows` table: who follows whom, and since when.

use sqlx::{FromRow, SqlitePool};

use crate::db::users::{self, UserRow};
use crate::pagination::{Order, Page, Paged, Position};

/// A user in a list of followers or followed, with when that follow began: the
/// lists run in the order of the follows, not of the users.
#[derive(Debug, FromRow)]
pub struct FollowRow {
    #[sqlx(flatten)]
    pub user: UserRow,
    pub follow_id: i64,
    pub followed_at: String,
}

/// Which side of the follows to list.
#[derive(Debug, Clone, Copy)]
pub enum Side {
    /// The users who follow someone.
    Followers,
    /// The users someone follows.
    Following,
}

/// Idempotent: following twice is following once (the first follow's time stays).
pub async fn follow(db: &SqlitePool, follower_id: i64, followee_id: i64) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO follows (follower_id, followee_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
        .bind(follower_id)
        .bind(followee_id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn unfollow(db: &SqlitePool, follower_id: i64, followee_id: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM follows WHERE follower_id = ? AND followee_id = ?")
        .bind(follower_id)
        .bind(followee_id)
        .execute(db)
        .await?;
    Ok(())
}

/// The followers of `user_id`, or the users it follows: newest follow first.
pub async fn list(
    db: &SqlitePool,
    user_id: i64,
    side: Side,
    viewer: Option<i64>,
    page: &Page,
) -> sqlx::Result<Paged<FollowRow>> {
    // Join each follow to the user on its other side.
    let (listed, given) = match side {
        Side::Followers => ("f.follower_id", "f.followee_id"),
        Side::Following => ("f.followee_id", "f.follower_id"),
    };
    let mut query = users::select(viewer);
    query.push(format_args!(
        ", f.id AS follow_id, f.created_at AS followed_at \
         FROM users u JOIN follows f ON u.id = {listed} WHERE {given} = "
    ));
    query.push_bind(user_id);
    page.push_to(&mut query, "f", Order::NewestFirst);
    let rows = query.build_query_as().fetch_all(db).await?;
    Ok(page.finish(rows, |row: &FollowRow| Position::new(&row.followed_at, row.follow_id)))
}
