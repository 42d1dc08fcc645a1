package dev.opsdeck.engine.store;

import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.workflow.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies what can still be read of a damaged store into a fresh one, row by row: a row that cannot be read is
 * skipped and counted, a table that cannot be read further is left where it broke. The new store keeps the highest
 * ticket number seen anywhere, so no id is ever handed out twice.
 */
public final class Salvage {

    /** What was saved and what was lost. */
    public record Report(Path into, int tickets, int channels, int envelopes, int highestNumber, List<String> lost) {
    }

    private Salvage() {
    }

    public static Report run(Path damagedDir, Path intoDir) {
        Path damaged = damagedDir.resolve("opsdeck.db");
        if (!Files.exists(damaged)) {
            throw new StoreException("no data file at " + damaged);
        }
        if (Files.exists(intoDir.resolve("opsdeck.db"))) {
            throw new StoreException(intoDir + " already holds a data file; choose an empty --into");
        }
        List<String> lost = new ArrayList<>();
        int tickets = 0;
        int channels = 0;
        int envelopes = 0;
        int highest = 0;
        try (Connection from = DriverManager.getConnection("jdbc:sqlite:file:" + damaged + "?mode=ro");
                SqliteStore into = SqliteStore.open(intoDir)) {
            try (Statement s = from.createStatement(); ResultSet r = s.executeQuery("SELECT num, id, json, archived FROM ticket")) {
                while (r.next()) {
                    highest = Math.max(highest, r.getInt(1));
                    try {
                        into.saveTicket(Json.read(r.getString(3), Ticket.class));
                        if (r.getInt(4) != 0) {
                            into.archive(r.getString(2));
                        }
                        tickets++;
                    } catch (RuntimeException e) {
                        lost.add("ticket " + r.getString(2));
                    }
                }
            } catch (SQLException e) {
                lost.add("the rest of the ticket table (" + e.getMessage() + ")");
            }
            try (Statement s = from.createStatement();
                    ResultSet r = s.executeQuery("SELECT id, ticket_id, stage, closed_reason, signoff_deadline FROM channel")) {
                while (r.next()) {
                    try {
                        into.openChannel(r.getString(1), r.getString(2), Stage.of(r.getString(3)));
                        if (r.getString(4) != null) {
                            into.closeChannel(r.getString(1), r.getString(4));
                        }
                        double deadline = r.getDouble(5);
                        if (!r.wasNull()) {
                            into.setSignOffDeadline(r.getString(1), deadline);
                        }
                        channels++;
                    } catch (RuntimeException e) {
                        lost.add("channel " + r.getString(1));
                    }
                }
            } catch (SQLException e) {
                lost.add("the rest of the channel table (" + e.getMessage() + ")");
            }
            try (Statement s = from.createStatement();
                    ResultSet r = s.executeQuery("SELECT channel_id, n, json FROM envelope ORDER BY channel_id, n")) {
                while (r.next()) {
                    try {
                        into.append(Json.read(r.getString(3), Envelope.class));
                        envelopes++;
                    } catch (RuntimeException e) {
                        lost.add("envelope " + r.getString(1) + "#" + r.getInt(2));
                    }
                }
            } catch (SQLException e) {
                lost.add("the rest of the envelope table (" + e.getMessage() + ")");
            }
            into.reserveNumbersUpTo(highest);
        } catch (SQLException e) {
            throw new StoreException("cannot read " + damaged + " at all (" + e.getMessage() + ")");
        }
        return new Report(intoDir, tickets, channels, envelopes, highest, lost);
    }
}
