package dev.opsdeck.bridge.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opsdeck.engine.alert.AlertReceipt;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.world.Incident;
import dev.opsdeck.engine.world.World;
import java.util.List;
import java.util.Map;

/** The JSON documents of the plain HTTP endpoints: {@code /healthz}, {@code /snapshot}, {@code /world}. */
public final class Documents {

    private Documents() {
    }

    /** @param problem why the engine cannot do its work (the store takes no writes), or null when it can */
    public static String health(int clients, int tickets, String problem) {
        return health(clients, tickets, problem, 0);
    }

    /** With {@code hooks_port} (ext), the port of the alert hooks, when they listen. */
    public static String health(int clients, int tickets, String problem, int hooksPort) {
        return health(clients, tickets, problem, hooksPort, -1);
    }

    /**
     * With {@code stalled_closed} (ext): how many clients the bridge's writer has closed (1008) since it started because
     * they took none of the events waiting for them for the stall limit, or never finished joining. Negative: not told.
     */
    public static String health(int clients, int tickets, String problem, int hooksPort, long stalledClosed) {
        ObjectNode n = WireFormat.MAPPER.createObjectNode();
        n.put("ok", problem == null);
        if (problem != null) {
            n.put("problem", problem);
        }
        n.put("clients", clients);
        n.put("tickets", tickets);
        if (hooksPort > 0) {
            n.put("hooks_port", hooksPort);
        }
        if (stalledClosed >= 0) {
            n.put("stalled_closed", stalledClosed);
        }
        return WireFormat.write(n);
    }

    /**
     * {@code /server} (ext; behind the token, unlike {@code /healthz}, since it says where the data is): what a joining
     * console names the server by.
     */
    public static String server(String store, String instance, boolean team, String reasoning, String you) {
        ObjectNode n = WireFormat.MAPPER.createObjectNode();
        n.put("store", store);
        n.put("instance", instance);
        n.put("team", team);
        n.put("reasoning", reasoning);
        if (you != null) {
            n.put("you", you); // the name this server records for the caller's acts: a console shows it as its user
        }
        return WireFormat.write(n);
    }

    /** An alert hook's 202: {@code {"tickets":[…],"ignored":[{"fingerprint":…,"reason":…}]}}. */
    public static String alertReceipt(AlertReceipt r) {
        ObjectNode n = WireFormat.MAPPER.createObjectNode();
        ArrayNode tickets = n.putArray("tickets");
        r.tickets().forEach(tickets::add);
        ArrayNode ignored = n.putArray("ignored");
        for (AlertReceipt.Ignored i : r.ignored()) {
            ignored.addObject().put("fingerprint", i.fingerprint()).put("reason", i.reason());
        }
        return WireFormat.write(n);
    }

    /** Tickets in view, oldest first. */
    public static String snapshot(List<Ticket> tickets) {
        return WireFormat.tickets(tickets);
    }

    /** What a UI needs of the world: systems, ambient lines, and the incident catalogue without its internals. */
    public static String world(World world) {
        ObjectNode n = WireFormat.MAPPER.createObjectNode();
        ArrayNode systems = n.putArray("systems");
        for (World.SystemInfo s : world.systems()) {
            systems.addObject().put("id", s.id()).put("kind", s.kind()).put("status", s.status());
        }
        ObjectNode ambient = n.putObject("ambient_logs");
        for (Map.Entry<String, List<String>> e : world.ambientLogs().entrySet()) {
            ambient.set(e.getKey(), strings(e.getValue()));
        }
        ArrayNode incidents = n.putArray("incidents");
        for (Incident i : world.incidents()) {
            ObjectNode o = incidents.addObject();
            o.put("key", i.key()).put("system", i.system()).put("issue", i.issue()).put("sev", i.sev())
                    .put("title", i.title());
            o.set("error_logs", strings(i.errorLogs()));
        }
        return WireFormat.write(n);
    }

    private static ArrayNode strings(List<String> lines) {
        if (lines == null) {
            return null; // written as null, as a missing list always was
        }
        ArrayNode a = WireFormat.MAPPER.createArrayNode();
        lines.forEach(a::add);
        return a;
    }

    /** The body of a refused or unknown request. */
    /** A document with more fields (none: the same text). */
    public static String withFields(String json, java.util.Map<String, ?> fields) {
        if (fields.isEmpty()) {
            return json;
        }
        try {
            ObjectNode n = (ObjectNode) WireFormat.MAPPER.readTree(json);
            fields.forEach((k, v) -> n.set(k, WireFormat.MAPPER.valueToTree(v)));
            return WireFormat.write(n);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot add to a document", e);
        }
    }

    public static String problem(String detail) {
        ObjectNode n = WireFormat.MAPPER.createObjectNode();
        n.put("error", detail);
        return WireFormat.write(n);
    }
}
