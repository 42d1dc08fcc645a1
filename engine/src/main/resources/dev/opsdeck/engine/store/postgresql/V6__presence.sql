-- Presence (issue 24): who is connected to which server of the team. Each server replaces its own rows when its list
-- changes and beats every few seconds; readers take only the rows of servers whose beat is fresh, by the database's
-- clock (the servers' clocks may differ), so a server that died drops out after the lease without anyone cleaning up.
-- (V6, not V5: the version beside this one was kept free for another branch of the same issue.)
CREATE TABLE presence_beat (server TEXT PRIMARY KEY, beat TIMESTAMPTZ NOT NULL);
CREATE TABLE presence (server TEXT NOT NULL, name TEXT NOT NULL, via TEXT NOT NULL, since DOUBLE PRECISION NOT NULL,
    connections INTEGER NOT NULL);
CREATE INDEX presence_by_server ON presence (server);
