-- Accounts, log-in throttling, server secrets and the audit log.
-- Timestamps are UTC seconds since the Unix epoch.

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    email          TEXT    NOT NULL UNIQUE,
    display_name   TEXT    NOT NULL,
    password_hash  TEXT    NOT NULL,
    role           TEXT    NOT NULL DEFAULT 'member'
                           CHECK (role IN ('member', 'moderator', 'admin')),
    session_epoch  INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);

CREATE TABLE auth_throttle (
    key           TEXT    PRIMARY KEY,
    failures      INTEGER NOT NULL,
    window_start  INTEGER NOT NULL
);

CREATE TABLE server_secrets (
    name        TEXT    PRIMARY KEY,
    value       BLOB    NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    actor_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action    TEXT    NOT NULL,
    client    TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX audit_log_actor ON audit_log (actor_id, at);
