package dev.opsdeck.engine;

import dev.opsdeck.engine.alert.AlertNotice;
import dev.opsdeck.engine.alert.AlertPlan;
import dev.opsdeck.engine.alert.AlertReceipt;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.EventStream;
import dev.opsdeck.engine.event.Level;
import dev.opsdeck.engine.store.Store;
import dev.opsdeck.engine.store.StoreException;
import dev.opsdeck.engine.ticket.Status;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.ticket.Tickets;
import dev.opsdeck.engine.world.Incident;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which incidents become tickets, and whether their flows start now: an injection is debounced and refused at the
 * flow cap; an alert beyond the cap waits for a slot instead. The cap is counted under the store's admission lock
 * ({@link Store#exclusively}), across the team when the store is shared.
 *
 * <p>Every method here is called under the engine's lock (its {@code synchronized} entry points), which is taken
 * before the store's admission lock, always in that order.
 */
final class Admission {

    private final EngineConfig config;
    private final Store store;
    private final Tickets tickets;
    private final EventStream stream;
    private final FlowSlots slots;
    private final RoomWatch room;

    Admission(EngineConfig config, Store store, Tickets tickets, EventStream stream, FlowSlots slots) {
        this.config = config;
        this.store = store;
        this.tickets = tickets;
        this.stream = stream;
        this.slots = slots;
        this.room = slots.room();
    }

    /** Starts a flow, unless it is debounced, over the flow cap, or invalid; a refusal is also published. */
    InjectResult inject(Injection injection) {
        Optional<String> invalid = injection.invalid();
        if (invalid.isPresent()) {
            return InjectResult.refused(Incident.CUSTOM, invalid.get());
        }
        Incident resolved = injection.resolve(config.world());
        String id = injection.requestId();
        if (room.problem().isPresent()) {
            return refuse(resolved, id, "not started: " + room.problem().get());
        }
        try {
            return store.exclusively(() -> injectAdmitted(slots.measured(resolved), id));
        } catch (StoreException e) {
            if (!e.retryable()) {
                throw e;
            }
            room.noRoom(e.getMessage());
            return refuse(resolved, id, "not started: " + room.problem().orElse(""));
        }
    }

    /** Debounce and cap (across the team when the store is shared, under its admission lock), then the ticket. */
    private InjectResult injectAdmitted(Incident incident, String requestId) {
        String key = incident.debounceKey();
        double now = tickets.now();
        java.util.OptionalDouble last = store.lastInject(key);
        if (last.isPresent() && now - last.getAsDouble() < config.debounce().toMillis() / 1000.0) {
            return refuse(incident, requestId, "debounced — injected a moment ago");
        }
        if (slots.open() >= config.maxFlows()) {
            return refuse(incident, requestId, "at concurrency cap (" + config.maxFlows() + " flows running)");
        }
        store.injected(key, now);
        for (String line : incident.errorLogs()) {
            stream.publish(new EngineEvent.LogLine(incident.system(), line, Level.ERROR));
        }
        Ticket ticket = tickets.open(incident.system(), incident.issue(), incident.sev());
        slots.start(ticket.id(), incident);
        return InjectResult.opened(ticket.id(), incident.key());
    }

    /** Injects the system and issue of the newest non-duplicate ticket again, so diagnosis finds it a duplicate. */
    InjectResult injectRepeat() {
        List<Ticket> all = tickets.all();
        for (int i = all.size() - 1; i >= 0; i--) {
            Ticket t = all.get(i);
            if (t.status() != Status.DUPLICATE) {
                Incident known = config.world().incidentFor(t.system(), t.issue());
                return inject(known.isCustom() ? Injection.custom(t.system(), t.issue(), t.sev(), "")
                        : Injection.of(known.key()));
            }
        }
        return refuse("duplicate", "nothing to duplicate: no ticket in view yet");
    }

    /** A refusal that names what was refused: which incident (a custom one by its system and issue), which request. */
    private InjectResult refuse(Incident incident, String requestId, String reason) {
        stream.publish(new EngineEvent.InjectIgnored(incident.key(), reason, incident.system(), incident.issue(),
                requestId));
        return InjectResult.refused(incident.key(), reason);
    }

    private InjectResult refuse(String incident, String reason) {
        stream.publish(new EngineEvent.InjectIgnored(incident, reason));
        return InjectResult.refused(incident, reason);
    }

    /** {@link Engine#receiveAlerts}: one delivery, planned and written under the store's admission lock. */
    AlertReceipt receive(List<AlertNotice> notices) {
        return store.exclusively(() -> receiveAdmitted(notices));
    }

    private AlertReceipt receiveAdmitted(List<AlertNotice> notices) {
        AlertPlan plan = AlertPlan.of(notices, tickets::forAlert);
        int free = Math.max(0, config.maxFlows() - slots.open());
        List<Tickets.Opening> openings = new ArrayList<>();
        for (Tickets.Opening o : plan.openings()) {
            openings.add(openings.size() < free ? o
                    : o.noting(Ticket.WAITING_NOTE + " (" + config.maxFlows() + " flows at once)"));
        }
        List<Ticket> opened;
        try {
            opened = tickets.record(openings, plan.changes());
        } catch (StoreException e) {
            if (e.retryable()) {
                room.noRoom(e.getMessage()); // unhealthy until a write goes through; the sender retries the delivery
            }
            throw e;
        }
        for (int i = 0; i < opened.size(); i++) {
            Ticket t = opened.get(i);
            if (i < free) {
                slots.start(t.id(), slots.incidentOf(t));
            } else {
                slots.queue(t.id());
            }
        }
        // A flow that ended while this delivery was planned found no one waiting yet: its slot is taken up here.
        slots.startWaitingAdmitted();
        return plan.receipt(opened.stream().map(Ticket::id).toList());
    }
}
