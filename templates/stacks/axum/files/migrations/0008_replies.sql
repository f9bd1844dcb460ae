-- A post may answer another. A column added to a table that has rows already: the
-- existing posts get NULL, a post that answers none. SQLite allows REFERENCES on
-- an added column only with a NULL default, which this one has.
-- Deleting a post keeps its replies: they just stop pointing at it.
ALTER TABLE posts ADD COLUMN reply_to_id INTEGER REFERENCES posts (id) ON DELETE SET NULL;
-- A thread's replies, oldest first.
CREATE INDEX posts_reply_to_created ON posts (reply_to_id, created_at, id);
