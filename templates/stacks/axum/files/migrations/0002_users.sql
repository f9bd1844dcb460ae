-- The users and their login sessions, created on the first start by
-- sqlx::migrate!() (see src/db/mod.rs). Each file of migrations/ is one change to
-- the schema, numbered after the tutorial's step that brought it; sqlx applies
-- them in order of their numbers, each once. To change the schema, add a new
-- file with a higher number: a migration that has run is never edited, because
-- sqlx checks that it still matches.
--
-- Times are text in RFC 3339 UTC, "2026-11-22T09:00:00.123Z", as the API sends
-- them; SQLite makes them (strftime), and they sort as text in time order.
-- AUTOINCREMENT: an id is never reused, even after its row is deleted.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    -- COLLATE NOCASE: "Alice" and "alice" are the same name, for UNIQUE and for
    -- every comparison with this column.
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    bio           TEXT NOT NULL DEFAULT '',
    -- argon2 output carries its own salt and cost: "$argon2id$v=19$m=19456,t=2,p=1$...".
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- A login session. Only the SHA-256 of the token is kept: a copy of the database
-- does not hand out working tokens.
CREATE TABLE tokens (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
