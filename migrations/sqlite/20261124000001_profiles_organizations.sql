-- Member profiles, organizations, their people and their verification.
-- Visibility columns hold levels: 0 hidden, 1 members only, 2 public. A viewer
-- sees a row or field when its level is at least the viewer's audience level
-- (2 for anonymous visitors, 1 for signed-in accounts).

CREATE TABLE profiles (
    user_id             INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    headline            TEXT    NOT NULL DEFAULT '',
    bio                 TEXT    NOT NULL DEFAULT '',
    residence           TEXT,
    city                TEXT    NOT NULL DEFAULT '',
    links               TEXT    NOT NULL DEFAULT '[]',
    contact_email       TEXT    NOT NULL DEFAULT '',
    visibility          INTEGER NOT NULL DEFAULT 1 CHECK (visibility BETWEEN 0 AND 2),
    origin_visibility   INTEGER NOT NULL DEFAULT 0 CHECK (origin_visibility BETWEEN 0 AND 2),
    city_visibility     INTEGER NOT NULL DEFAULT 0 CHECK (city_visibility BETWEEN 0 AND 2),
    contact_visibility  INTEGER NOT NULL DEFAULT 0 CHECK (contact_visibility BETWEEN 0 AND 2),
    updated_at          INTEGER NOT NULL
);
CREATE INDEX profiles_listing ON profiles (visibility, residence);

CREATE TABLE profile_photos (
    user_id     INTEGER PRIMARY KEY REFERENCES profiles (user_id) ON DELETE CASCADE,
    image       BLOB    NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE profile_origins (
    user_id  INTEGER NOT NULL REFERENCES profiles (user_id) ON DELETE CASCADE,
    country  TEXT    NOT NULL,
    PRIMARY KEY (user_id, country)
);
CREATE INDEX profile_origins_value ON profile_origins (country, user_id);

CREATE TABLE profile_languages (
    user_id   INTEGER NOT NULL REFERENCES profiles (user_id) ON DELETE CASCADE,
    language  TEXT    NOT NULL,
    PRIMARY KEY (user_id, language)
);
CREATE INDEX profile_languages_value ON profile_languages (language, user_id);

CREATE TABLE profile_sectors (
    user_id  INTEGER NOT NULL REFERENCES profiles (user_id) ON DELETE CASCADE,
    sector   TEXT    NOT NULL,
    PRIMARY KEY (user_id, sector)
);
CREATE INDEX profile_sectors_value ON profile_sectors (sector, user_id);

CREATE TABLE profile_offers (
    user_id  INTEGER NOT NULL REFERENCES profiles (user_id) ON DELETE CASCADE,
    offer    TEXT    NOT NULL,
    PRIMARY KEY (user_id, offer)
);
CREATE INDEX profile_offers_value ON profile_offers (offer, user_id);

CREATE TABLE profile_sdgs (
    user_id  INTEGER NOT NULL REFERENCES profiles (user_id) ON DELETE CASCADE,
    sdg      INTEGER NOT NULL CHECK (sdg BETWEEN 1 AND 17),
    PRIMARY KEY (user_id, sdg)
);
CREATE INDEX profile_sdgs_value ON profile_sdgs (sdg, user_id);

-- Full text over what every viewer of a listed profile may see: name, headline, bio.
CREATE VIRTUAL TABLE member_search USING fts5 (
    name, headline, bio,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER profiles_search_insert AFTER INSERT ON profiles BEGIN
    INSERT INTO member_search (rowid, name, headline, bio)
    SELECT new.user_id, u.display_name, new.headline, new.bio FROM users u WHERE u.id = new.user_id;
END;
CREATE TRIGGER profiles_search_update AFTER UPDATE OF headline, bio ON profiles BEGIN
    UPDATE member_search SET headline = new.headline, bio = new.bio WHERE rowid = new.user_id;
END;
CREATE TRIGGER profiles_search_delete AFTER DELETE ON profiles BEGIN
    DELETE FROM member_search WHERE rowid = old.user_id;
END;
CREATE TRIGGER users_search_rename AFTER UPDATE OF display_name ON users BEGIN
    UPDATE member_search SET name = new.display_name WHERE rowid = new.id;
END;

CREATE TABLE organizations (
    id                 INTEGER PRIMARY KEY,
    slug               TEXT    NOT NULL UNIQUE,
    name               TEXT    NOT NULL,
    name_key           TEXT    NOT NULL UNIQUE,
    kind               TEXT    NOT NULL,
    hq_country         TEXT    NOT NULL,
    description        TEXT    NOT NULL DEFAULT '',
    website            TEXT,
    year_founded       INTEGER,
    size               TEXT,
    public_contact     TEXT,
    verification       TEXT    NOT NULL DEFAULT 'unverified'
                       CHECK (verification IN ('unverified', 'pending', 'verified', 'rejected')),
    verification_note  TEXT,
    created_by         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);
CREATE INDEX organizations_kind ON organizations (kind, verification);
CREATE INDEX organizations_name ON organizations (name_key);

-- Headquarters country included, so "present in" filters, facets and the map agree.
CREATE TABLE org_countries (
    org_id   INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    country  TEXT    NOT NULL,
    PRIMARY KEY (org_id, country)
);
CREATE INDEX org_countries_value ON org_countries (country, org_id);

CREATE TABLE org_sectors (
    org_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    sector  TEXT    NOT NULL,
    PRIMARY KEY (org_id, sector)
);
CREATE INDEX org_sectors_value ON org_sectors (sector, org_id);

CREATE TABLE org_sdgs (
    org_id  INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    sdg     INTEGER NOT NULL CHECK (sdg BETWEEN 1 AND 17),
    PRIMARY KEY (org_id, sdg)
);
CREATE INDEX org_sdgs_value ON org_sdgs (sdg, org_id);

CREATE TABLE org_members (
    org_id      INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        TEXT    NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX org_members_user ON org_members (user_id);

CREATE TABLE org_join_requests (
    org_id      INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (org_id, user_id)
);

CREATE TABLE verification_requests (
    id            INTEGER PRIMARY KEY,
    org_id        INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    requested_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    requested_at  INTEGER NOT NULL,
    status        TEXT    NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'approved', 'rejected')),
    decided_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_at    INTEGER,
    note          TEXT
);
CREATE INDEX verification_requests_queue ON verification_requests (status, requested_at);

CREATE VIRTUAL TABLE org_search USING fts5 (
    name, description,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER organizations_search_insert AFTER INSERT ON organizations BEGIN
    INSERT INTO org_search (rowid, name, description) VALUES (new.id, new.name, new.description);
END;
CREATE TRIGGER organizations_search_update AFTER UPDATE OF name, description ON organizations BEGIN
    UPDATE org_search SET name = new.name, description = new.description WHERE rowid = new.id;
END;
CREATE TRIGGER organizations_search_delete AFTER DELETE ON organizations BEGIN
    DELETE FROM org_search WHERE rowid = old.id;
END;
