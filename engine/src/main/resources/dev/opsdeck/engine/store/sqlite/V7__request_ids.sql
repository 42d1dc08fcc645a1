-- The id a client gave its sign-off answer (a hitl_response's request_id, issue 24), kept with the answer so that the
-- server applying it (in a team, maybe not the one that took it) tells it back in hitl_resolved.
ALTER TABLE answer ADD COLUMN request_id TEXT;
