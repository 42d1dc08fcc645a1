package dev.opsdeck.desktop.attention;

import dev.opsdeck.desktop.settings.Settings;
import dev.opsdeck.desktop.signoff.Waiting;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Reaches an operator who is not looking at the console: a notification and a sound when a sign-off arrives, again
 * when under a minute of it remains, and when one expires; the window title counts those waiting and the taskbar is
 * flagged. What happened within one tick of the clock is told once ("3 sign-offs need you"), so a burst is one
 * notification, not a hundred. A SEV1 nobody acknowledged in time (the engine's reminder) is told the same way.
 * Each way can be turned off ({@link Settings.Reach}).
 */
public final class AttentionViewModel {

    public static final String APP = "OpsDeck";
    static final long CLOSING_BELOW_SECONDS = 60;

    private final ObservableList<Waiting> waiting;
    private final Alerts alerts;
    private Settings.Reach reach;
    /**
     * Requests already told (arrival, closing deadline), kept after they leave the list: a reconnect empties the list
     * and the server's snapshot fills it again with the same requests, which must not be told twice. Bounded: the
     * oldest are forgotten first.
     */
    private final Set<String> announced = told();
    private final Set<String> warned = told();
    private final Set<String> arrived = new LinkedHashSet<>();
    private final List<String> closing = new ArrayList<>();
    private final List<String> expired = new ArrayList<>();
    /** SEV1s nobody acknowledged in time (the engine's reminder), told once each, like the sign-offs. */
    private final Set<String> overdueTold = told();
    private final List<String> overdue = new ArrayList<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(APP);

    public AttentionViewModel(ObservableList<Waiting> waiting, Alerts alerts, Settings.Reach reach) {
        this.waiting = waiting;
        this.alerts = alerts;
        this.reach = reach;
        waiting.addListener((ListChangeListener<Waiting>) c -> changed());
    }

    private static Set<String> told() {
        return java.util.Collections.newSetFromMap(new java.util.LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
                return size() > 10_000;
            }
        });
    }

    public void reach(Settings.Reach now) {
        reach = now;
        retitle();
    }

    private void changed() {
        Set<String> still = new HashSet<>();
        for (Waiting w : waiting) {
            still.add(w.channelId());
            if (announced.add(w.channelId())) {
                arrived.add(w.channelId());
            }
        }
        // One answered (or reset away) before the next tick is not announced at all.
        arrived.retainAll(still);
        retitle();
    }

    /** A clean slate: nothing gathered is told. */
    public void reset() {
        arrived.clear();
        closing.clear();
        expired.clear();
        overdue.clear();
    }

    /** The engine's reminder: a SEV1 is still not acknowledged {@code after} it opened (told once per ticket). */
    public void ackOverdue(String ticketId, String after) {
        if (overdueTold.add(ticketId)) {
            overdue.add(ticketId + " (" + after + ")");
        }
    }

    /** A sign-off ended unanswered at its deadline. */
    public void expired(String ticketId) {
        expired.add(ticketId);
    }

    /** The console's clock, once a second: warns of deadlines close, then tells what gathered since the last tick. */
    public void tick(double epochSeconds) {
        for (Waiting w : waiting) {
            long left = (long) Math.ceil(w.request().deadline() - epochSeconds);
            if (left < CLOSING_BELOW_SECONDS && warned.add(w.channelId())) {
                closing.add(w.ticketId() + " (" + Math.max(0, left) + " s left)");
            }
        }
        if (!arrived.isEmpty()) {
            List<Waiting> fresh = waiting.stream().filter(w -> arrived.contains(w.channelId())).toList();
            List<String> labels = fresh.stream().map(Waiting::label).toList();
            long sev1 = fresh.stream().filter(w -> w.sev().equals("sev1")).count();
            call(labels.size() == 1 ? "Sign-off needed: " + labels.get(0)
                    : labels.size() + " sign-offs need you" + (sev1 > 0 ? " (" + sev1 + " SEV1)" : ""),
                    "A disruptive step waits for your decision in OpsDeck.");
        }
        if (!closing.isEmpty()) {
            call("Sign-off closing: " + String.join(", ", closing),
                    "Unanswered, the disruptive step will not run and the ticket will need a follow-up.");
        }
        if (!expired.isEmpty()) {
            call("Sign-off expired: " + String.join(", ", expired),
                    "No answer before the deadline: the disruptive step was not applied.");
        }
        if (!overdue.isEmpty()) {
            call("Not acknowledged: SEV1 " + String.join(", ", overdue),
                    "Nobody has taken it yet: open it in OpsDeck and acknowledge it.");
        }
        arrived.clear();
        closing.clear();
        expired.clear();
        overdue.clear();
    }

    private void call(String headline, String body) {
        if (reach.notification()) {
            alerts.notify(headline, body);
        }
        if (reach.sound()) {
            alerts.sound();
        }
        if (reach.taskbar()) {
            alerts.flagTaskbar();
        }
    }

    private void retitle() {
        int n = waiting.size();
        title.set(reach.title() && n > 0 ? "(" + n + ") " + APP + " — " + n + " awaiting you" : APP);
    }

    /** The window's title: the count of sign-offs waiting, when that is on. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }
}
