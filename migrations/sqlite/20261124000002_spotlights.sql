-- Spotlights: stories about organizations, drafted by their admins and published by moderators.

CREATE TABLE spotlights (
    id            INTEGER PRIMARY KEY,
    slug          TEXT    NOT NULL UNIQUE,
    org_id        INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    title         TEXT    NOT NULL,
    summary       TEXT    NOT NULL,
    body_markdown TEXT    NOT NULL,
    -- Rendered from body_markdown and sanitized when saved; never raw user HTML.
    body_html     TEXT    NOT NULL,
    region        TEXT    NOT NULL,
    status        TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
    published_at  INTEGER,
    created_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX spotlights_published ON spotlights (status, published_at);
CREATE INDEX spotlights_region ON spotlights (region, status, published_at);
