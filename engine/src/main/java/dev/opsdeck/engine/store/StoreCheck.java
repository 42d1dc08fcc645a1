package dev.opsdeck.engine.store;

import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.ticket.Ticket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What the store is checked for before the engine trusts it. A damaged file must never start as a fresh store:
 * that silently loses journals and hands out ticket ids again. Each refusal is one line saying what is wrong and the
 * two ways forward.
 */
final class StoreCheck {

    static final List<String> TABLES = List.of("meta", "ticket", "channel", "envelope");

    private StoreCheck() {
    }

    /**
     * Before opening: a file that exists but is empty, with no write-ahead log holding its pages either, was an
     * OpsDeck store once (truncated), not a new one.
     */
    static void beforeOpen(Path file) {
        try {
            Path wal = file.resolveSibling(file.getFileName() + "-wal");
            boolean walHolds = Files.exists(wal) && Files.size(wal) > 0;
            if (Files.exists(file) && Files.size(file) == 0 && !walHolds) {
                throw refuse(file, "is empty (0 bytes): it was truncated, and starting it afresh would reuse ticket ids");
            }
        } catch (java.io.IOException e) {
            throw new StoreException("cannot read the size of " + file + ": " + e.getMessage());
        }
    }

    /** After opening an existing file: its pages are sound, its tables all there, its tickets readable. */
    static void existing(Path file, Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            try (ResultSet r = s.executeQuery("PRAGMA quick_check")) {
                String first = r.next() ? r.getString(1) : "no answer";
                if (!"ok".equalsIgnoreCase(first)) {
                    throw refuse(file, "is damaged (SQLite's quick_check: " + first.replaceAll("\\s+", " ") + ")");
                }
            }
            List<String> missing = new java.util.ArrayList<>();
            for (String table : TABLES) {
                try (ResultSet r = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '"
                        + table + "'")) {
                    if (!r.next()) {
                        missing.add(table);
                    }
                }
            }
            if (missing.size() == TABLES.size()) {
                throw new StoreException("data file " + file + " is not an OpsDeck data file (it has none of its "
                        + "tables); pass another --data-dir");
            }
            if (!missing.isEmpty()) {
                throw refuse(file, "has lost its " + String.join(", ", missing) + " table(s): recreating them empty "
                        + "would silently lose what they held");
            }
            try (ResultSet r = s.executeQuery("SELECT num, id, json FROM ticket ORDER BY num")) {
                while (r.next()) {
                    try {
                        Json.read(r.getString(3), Ticket.class);
                    } catch (RuntimeException e) {
                        throw refuse(file, "holds an unreadable ticket row (" + r.getString(2) + ", number "
                                + r.getInt(1) + ": " + firstLine(e) + ")");
                    }
                }
            }
        }
    }

    private static String firstLine(RuntimeException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }

    private static StoreException refuse(Path file, String what) {
        Path dir = file.getParent();
        return new StoreException("data file " + file + " " + what + ". Run 'opsdeck recover --data-dir " + dir
                + "' to salvage what can be read into a new data dir, or start with another --data-dir.");
    }
}
