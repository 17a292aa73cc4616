-- The change log is pruned to its latest changes; a reader whose position is below this
-- mark may have missed pruned ones and loads everything again.
CREATE TABLE change_log_pruned (below INTEGER NOT NULL);
INSERT INTO change_log_pruned (below) VALUES (0);
