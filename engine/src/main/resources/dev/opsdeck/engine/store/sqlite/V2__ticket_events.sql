-- Ticket changes journaled as events (the ticket table is their projection), the projection's open/running flags,
-- first-answer-wins sign-offs, and the debounce kept with the tickets.
CREATE TABLE event (id INTEGER PRIMARY KEY AUTOINCREMENT, origin TEXT NOT NULL, kind TEXT NOT NULL,
    json TEXT NOT NULL);
ALTER TABLE ticket ADD COLUMN open INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket ADD COLUMN running INTEGER NOT NULL DEFAULT 0;
UPDATE ticket SET open = CASE WHEN json_extract(json, '$.status') IN ('Resolved', 'Partially Resolved',
    'Needs Followup', 'Duplicate') THEN 0 ELSE 1 END;
UPDATE ticket SET running = open;
CREATE TABLE answer (channel_id TEXT PRIMARY KEY, outcome TEXT NOT NULL, decision TEXT, by_whom TEXT NOT NULL,
    at REAL NOT NULL);
CREATE TABLE inject (key TEXT PRIMARY KEY, at REAL NOT NULL);
