-- Introductions (contact only once the other side accepts), blocks, in-app events, and
-- the outbox every email goes through.

CREATE TABLE introductions (
    id                 INTEGER PRIMARY KEY,
    -- The account that sent it, and the organization it spoke for (if any).
    sender_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    sender_org_id      INTEGER REFERENCES organizations (id) ON DELETE CASCADE,
    -- Exactly one recipient: a member or an organization.
    recipient_user_id  INTEGER REFERENCES users (id) ON DELETE CASCADE,
    recipient_org_id   INTEGER REFERENCES organizations (id) ON DELETE CASCADE,
    need_id            INTEGER REFERENCES needs (id) ON DELETE SET NULL,
    message            TEXT    NOT NULL,
    status             TEXT    NOT NULL DEFAULT 'pending'
                       CHECK (status IN ('pending', 'accepted', 'declined')),
    answered_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at         INTEGER NOT NULL,
    answered_at        INTEGER,
    CHECK ((recipient_user_id IS NULL) <> (recipient_org_id IS NULL))
);
-- No second open request for the same pair and need.
CREATE UNIQUE INDEX introductions_one_open ON introductions (
    sender_id, COALESCE(sender_org_id, 0), COALESCE(recipient_user_id, 0),
    COALESCE(recipient_org_id, 0), COALESCE(need_id, 0)
) WHERE status = 'pending';
CREATE INDEX introductions_sender ON introductions (sender_id, created_at);
CREATE INDEX introductions_to_user ON introductions (recipient_user_id, created_at);
CREATE INDEX introductions_to_org ON introductions (recipient_org_id, created_at);
CREATE INDEX introductions_from_org ON introductions (sender_org_id, created_at);

-- A recipient (a member, or an organization) refuses further requests from an account.
CREATE TABLE blocks (
    blocker_user_id  INTEGER REFERENCES users (id) ON DELETE CASCADE,
    blocker_org_id   INTEGER REFERENCES organizations (id) ON DELETE CASCADE,
    blocked_user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at       INTEGER NOT NULL,
    CHECK ((blocker_user_id IS NULL) <> (blocker_org_id IS NULL))
);
CREATE UNIQUE INDEX blocks_pair ON blocks (
    COALESCE(blocker_user_id, 0), COALESCE(blocker_org_id, 0), blocked_user_id
);

-- What happened that an account should know: shown in /inbox, counted in the header.
CREATE TABLE events (
    id               INTEGER PRIMARY KEY,
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind             TEXT    NOT NULL
                     CHECK (kind IN ('intro_received', 'intro_accepted', 'verification_granted')),
    introduction_id  INTEGER REFERENCES introductions (id) ON DELETE CASCADE,
    org_id           INTEGER REFERENCES organizations (id) ON DELETE CASCADE,
    created_at       INTEGER NOT NULL,
    read_at          INTEGER
);
CREATE INDEX events_unread ON events (user_id, read_at);

-- Every outgoing email, written in the same transaction as what caused it; a worker
-- sends it and retries until it goes. Nothing is deleted before it is sent.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    to_address      TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    -- A worker that claimed the message owns it until then (several app servers may run).
    claimed_until   INTEGER,
    sent_at         INTEGER,
    last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
