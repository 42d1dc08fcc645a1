-- Fencing: a flow's lease is an advisory lock (freed with its server's session) and an epoch here, raised by every
-- server that takes the lock. Each write a flow makes checks, in its own transaction, that the epoch is still the one
-- its server took (FOR SHARE, so a take-over waits for that write rather than reading around it): a server whose
-- lease moved on while it was cut off finds its late writes refused instead of landing.
CREATE TABLE lease (num INTEGER PRIMARY KEY, epoch BIGINT NOT NULL, holder TEXT NOT NULL,
    taken_at DOUBLE PRECISION NOT NULL);

-- A terminal status is never undone, whoever writes and in whatever order: enforced where the ticket is stored.
CREATE FUNCTION ticket_keeps_terminal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.open = 0 AND OLD.archived = NEW.archived THEN
        IF (NEW.json::jsonb->>'status') IS DISTINCT FROM (OLD.json::jsonb->>'status') THEN
            RAISE EXCEPTION 'ticket % is % already: a terminal status is never undone', OLD.id,
                OLD.json::jsonb->>'status' USING ERRCODE = 'OD001';
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER ticket_keeps_terminal BEFORE UPDATE ON ticket FOR EACH ROW EXECUTE FUNCTION ticket_keeps_terminal();
