-- Email confirmation, password reset and change of address: single-use links.
-- Only a token's SHA-256 is stored; using one deletes it, and so do a newer token of the
-- same purpose and a password change.
-- Accounts made before confirmation existed count as confirmed when they were made.

ALTER TABLE users ADD COLUMN email_confirmed_at INTEGER;
UPDATE users SET email_confirmed_at = created_at;

CREATE TABLE account_tokens (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     TEXT    NOT NULL CHECK (purpose IN ('confirm', 'reset', 'email')),
    token_hash  TEXT    NOT NULL UNIQUE,
    -- The address the link was sent to: for 'email', the new address it confirms.
    email       TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose);

-- "Go invisible now": the profile's visibility to come back to, while it is hidden.
ALTER TABLE profiles ADD COLUMN paused_visibility INTEGER
    CHECK (paused_visibility BETWEEN 1 AND 2);

-- An erased account stays as a tombstone (its id, so introductions its other party
-- keeps can say "a former member"), holding none of the person's values.
ALTER TABLE users ADD COLUMN erased_at INTEGER;
