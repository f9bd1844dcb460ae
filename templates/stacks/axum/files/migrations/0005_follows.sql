-- Who follows whom, and since when: one row per follow, at most one per pair.

CREATE TABLE follows (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    follower_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    followee_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (follower_id, followee_id)
);
-- "Followers of X, newest first" and "whom X follows, newest first".
CREATE INDEX follows_followee_created ON follows (followee_id, created_at, id);
CREATE INDEX follows_follower_created ON follows (follower_id, created_at, id);
