-- Needs join the change log, so the anonymous page cache forgets a page of needs as soon
-- as one is posted, edited or closed. The indexes skip these rows (no member, no org).
ALTER TABLE match_changes ADD COLUMN need_id INTEGER;

CREATE TRIGGER change_need_insert AFTER INSERT ON needs BEGIN
    INSERT INTO match_changes (need_id) VALUES (new.id);
END;
CREATE TRIGGER change_need_update AFTER UPDATE ON needs BEGIN
    INSERT INTO match_changes (need_id) VALUES (new.id);
END;
CREATE TRIGGER change_need_delete AFTER DELETE ON needs BEGIN
    INSERT INTO match_changes (need_id) VALUES (old.id);
END;
