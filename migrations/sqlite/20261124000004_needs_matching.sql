-- Partnership needs, and the change log the in-memory matching index follows.

CREATE TABLE needs (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    title        TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    direction    TEXT    NOT NULL CHECK (direction IN ('seeking', 'offering')),
    -- A calendar date, YYYY-MM-DD (UTC): the need closes once it has passed.
    deadline     TEXT    NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'open'
                 CHECK (status IN ('draft', 'open', 'closed', 'fulfilled')),
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX needs_status ON needs (status, deadline);
CREATE INDEX needs_org ON needs (org_id, status);

CREATE TABLE need_types (
    need_id  INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    type     TEXT    NOT NULL,
    PRIMARY KEY (need_id, type)
);
CREATE INDEX need_types_value ON need_types (type, need_id);

CREATE TABLE need_sdgs (
    need_id  INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    sdg      INTEGER NOT NULL CHECK (sdg BETWEEN 1 AND 17),
    PRIMARY KEY (need_id, sdg)
);
CREATE INDEX need_sdgs_value ON need_sdgs (sdg, need_id);

CREATE TABLE need_countries (
    need_id  INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    country  TEXT    NOT NULL,
    PRIMARY KEY (need_id, country)
);
CREATE INDEX need_countries_value ON need_countries (country, need_id);

CREATE TABLE need_sectors (
    need_id  INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    sector   TEXT    NOT NULL,
    PRIMARY KEY (need_id, sector)
);
CREATE INDEX need_sectors_value ON need_sectors (sector, need_id);

CREATE TABLE need_partner_kinds (
    need_id  INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    kind     TEXT    NOT NULL,
    PRIMARY KEY (need_id, kind)
);
CREATE INDEX need_partner_kinds_value ON need_partner_kinds (kind, need_id);

CREATE TABLE need_languages (
    need_id   INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    language  TEXT    NOT NULL,
    PRIMARY KEY (need_id, language)
);
CREATE INDEX need_languages_value ON need_languages (language, need_id);

CREATE VIRTUAL TABLE need_search USING fts5 (
    title, description,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER needs_search_insert AFTER INSERT ON needs BEGIN
    INSERT INTO need_search (rowid, title, description) VALUES (new.id, new.title, new.description);
END;
CREATE TRIGGER needs_search_update AFTER UPDATE OF title, description ON needs BEGIN
    UPDATE need_search SET title = new.title, description = new.description WHERE rowid = new.id;
END;
CREATE TRIGGER needs_search_delete AFTER DELETE ON needs BEGIN
    DELETE FROM need_search WHERE rowid = old.id;
END;

-- Every write to a profile or an organization (their lists are always written with their
-- row) is noted here; each app server's matching index reloads what changed since it last looked.
CREATE TABLE match_changes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id  INTEGER,
    org_id     INTEGER
);
CREATE TRIGGER match_profile_insert AFTER INSERT ON profiles BEGIN
    INSERT INTO match_changes (member_id) VALUES (new.user_id);
END;
CREATE TRIGGER match_profile_update AFTER UPDATE ON profiles BEGIN
    INSERT INTO match_changes (member_id) VALUES (new.user_id);
END;
CREATE TRIGGER match_profile_delete AFTER DELETE ON profiles BEGIN
    INSERT INTO match_changes (member_id) VALUES (old.user_id);
END;
CREATE TRIGGER match_org_insert AFTER INSERT ON organizations BEGIN
    INSERT INTO match_changes (org_id) VALUES (new.id);
END;
CREATE TRIGGER match_org_update AFTER UPDATE ON organizations BEGIN
    INSERT INTO match_changes (org_id) VALUES (new.id);
END;
CREATE TRIGGER match_org_delete AFTER DELETE ON organizations BEGIN
    INSERT INTO match_changes (org_id) VALUES (old.id);
END;
