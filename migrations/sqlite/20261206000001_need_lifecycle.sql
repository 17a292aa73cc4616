-- A need closes as fulfilled, withdrawn (by its organization) or expired (its deadline
-- passed): before, the last two were one "closed". An introduction keeps the title of
-- the need it answered, so that it can still say what it was about once the need is
-- deleted.
--
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt the way
-- SQLite's documentation says (ALTER TABLE, "making other kinds of table schema
-- changes"): a new table, the rows copied, the old one dropped, the new one renamed.
-- Migrations run with foreign keys off (db::migrate), so dropping the old table
-- deletes nothing in the tables that point at `needs` (its lists, introductions); they
-- point at the new table once it takes the name, and db::migrate checks every foreign
-- key afterwards.
CREATE TABLE needs_lifecycle (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    title        TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    direction    TEXT    NOT NULL CHECK (direction IN ('seeking', 'offering')),
    -- A calendar date, YYYY-MM-DD (UTC): the need expires once it has passed.
    deadline     TEXT    NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'open'
                 CHECK (status IN ('draft', 'open', 'fulfilled', 'withdrawn', 'expired')),
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);

-- A need closed before its deadline was withdrawn; one closed after, expired.
INSERT INTO needs_lifecycle (id, org_id, title, description, direction, deadline, status,
                             created_by, created_at, updated_at)
SELECT id, org_id, title, description, direction, deadline,
       CASE WHEN status <> 'closed' THEN status
            WHEN deadline < strftime('%Y-%m-%d', 'now') THEN 'expired'
            ELSE 'withdrawn' END,
       created_by, created_at, updated_at
FROM needs;

DROP TABLE needs;
ALTER TABLE needs_lifecycle RENAME TO needs;

CREATE INDEX needs_status ON needs (status, deadline);
CREATE INDEX needs_org ON needs (org_id, status);

CREATE TRIGGER needs_search_insert AFTER INSERT ON needs BEGIN
    INSERT INTO need_search (rowid, title, description) VALUES (new.id, new.title, new.description);
END;
CREATE TRIGGER needs_search_update AFTER UPDATE OF title, description ON needs BEGIN
    UPDATE need_search SET title = new.title, description = new.description WHERE rowid = new.id;
END;
CREATE TRIGGER needs_search_delete AFTER DELETE ON needs BEGIN
    DELETE FROM need_search WHERE rowid = old.id;
END;
CREATE TRIGGER change_need_insert AFTER INSERT ON needs BEGIN
    INSERT INTO match_changes (need_id) VALUES (new.id);
END;
CREATE TRIGGER change_need_update AFTER UPDATE ON needs BEGIN
    INSERT INTO match_changes (need_id) VALUES (new.id);
END;
CREATE TRIGGER change_need_delete AFTER DELETE ON needs BEGIN
    INSERT INTO match_changes (need_id) VALUES (old.id);
END;

ALTER TABLE introductions ADD COLUMN need_title TEXT;
UPDATE introductions SET need_title = (SELECT title FROM needs WHERE needs.id = introductions.need_id)
WHERE need_id IS NOT NULL;
