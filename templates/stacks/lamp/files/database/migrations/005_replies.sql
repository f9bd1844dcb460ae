-- Replies: a post may answer another. Deleting that post keeps its replies:
-- they just stop pointing at it (ON DELETE SET NULL). A new column on a table
-- that already holds rows: NULL for every post written before, none of which
-- answers anything.
ALTER TABLE posts
    ADD COLUMN reply_to_id BIGINT UNSIGNED NULL AFTER body,
    -- A conversation: the replies to a post, oldest first.
    ADD KEY posts_reply_to_created (reply_to_id, created_at, id),
    ADD CONSTRAINT posts_reply_to FOREIGN KEY (reply_to_id) REFERENCES posts (id) ON DELETE SET NULL;
