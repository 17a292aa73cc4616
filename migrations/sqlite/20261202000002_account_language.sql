-- The language an account reads Passerelle in: chosen at registration (the page's
-- language then) and changed with the language switcher. Emails are written in it.
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
