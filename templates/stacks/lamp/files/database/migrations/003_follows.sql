-- Who follows whom. The unique key is the "follow once" rule: a second
-- INSERT of the same pair is refused by the database itself.
CREATE TABLE follows (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    follower_id BIGINT UNSIGNED NOT NULL,
    followee_id BIGINT UNSIGNED NOT NULL,
    created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    UNIQUE KEY follows_pair (follower_id, followee_id),
    -- "Followers of X, newest first" and "whom X follows, newest first".
    KEY follows_followee_created (followee_id, created_at, id),
    KEY follows_follower_created (follower_id, created_at, id),
    CONSTRAINT follows_follower FOREIGN KEY (follower_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT follows_followee FOREIGN KEY (followee_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
