-- Which account each signed-in session belongs to (the session store keeps it inside
-- the session's encoded data): erasing an account deletes its sessions on every device.
CREATE TABLE session_accounts (
    session_id TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX session_accounts_user ON session_accounts (user_id);
