-- Team mode: the event log every server reads (in the order of the writing transactions' ids, and only below the
-- oldest transaction still writing: a row a slower transaction commits later can then never be skipped), the
-- ticket projection's open/running flags (the flow cap across servers), first-answer-wins sign-offs, debounce
-- across servers, and ticket numbers from a sequence so two servers never issue the same one.
CREATE TABLE event (id BIGSERIAL PRIMARY KEY, tx xid8 NOT NULL DEFAULT pg_current_xact_id(), origin TEXT NOT NULL,
    kind TEXT NOT NULL, json TEXT NOT NULL);
CREATE INDEX event_order ON event (tx, id);
ALTER TABLE ticket ADD COLUMN open INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket ADD COLUMN running INTEGER NOT NULL DEFAULT 0;
UPDATE ticket SET open = CASE WHEN json::jsonb->>'status' IN ('Resolved', 'Partially Resolved', 'Needs Followup',
    'Duplicate') THEN 0 ELSE 1 END;
UPDATE ticket SET running = open;
CREATE INDEX ticket_open ON ticket (open) WHERE open = 1 AND archived = 0;
CREATE TABLE answer (channel_id TEXT PRIMARY KEY, outcome TEXT NOT NULL, decision TEXT, by_whom TEXT NOT NULL,
    at DOUBLE PRECISION NOT NULL);
CREATE TABLE inject (key TEXT PRIMARY KEY, at DOUBLE PRECISION NOT NULL);
CREATE SEQUENCE ticket_number START 7;
SELECT setval('ticket_number', GREATEST(6, (SELECT COALESCE(MAX(num), 0) FROM ticket),
    (SELECT COALESCE(MAX(value::integer), 0) FROM meta WHERE key = 'reserved')));
