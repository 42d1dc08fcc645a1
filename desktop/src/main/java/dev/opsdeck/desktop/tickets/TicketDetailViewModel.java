package dev.opsdeck.desktop.tickets;

import dev.opsdeck.desktop.fx.Commands;
import dev.opsdeck.desktop.port.ConsolePort;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.workflow.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The selected ticket: its latest state, its evidence feed (one line per envelope of its channels, read from the
 * journal and then kept live from the stream) and its incident report.
 */
public final class TicketDetailViewModel {

    private static final Logger log = LoggerFactory.getLogger(TicketDetailViewModel.class);

    private final ConsolePort engine;
    private final Commands commands;
    private final Function<String, List<String>> channelsOf;
    private final ReadOnlyObjectWrapper<Ticket> ticket = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> evidence = FXCollections.observableArrayList();
    private final ObservableList<String> evidenceView = FXCollections.unmodifiableObservableList(evidence);
    private final ReadOnlyStringWrapper report = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.BooleanProperty light = new javafx.beans.property.SimpleBooleanProperty();
    private final javafx.beans.property.BooleanProperty acking = new javafx.beans.property.SimpleBooleanProperty();
    private final javafx.beans.property.BooleanProperty commenting = new javafx.beans.property.SimpleBooleanProperty();
    private final javafx.beans.property.StringProperty draft = new javafx.beans.property.SimpleStringProperty("");
    private final javafx.beans.binding.BooleanBinding canAcknowledge;
    private final javafx.beans.binding.BooleanBinding canComment;
    private final javafx.beans.binding.StringBinding ackedLine;
    private final List<Envelope> journal = new ArrayList<>();
    private final Set<String> channels = new LinkedHashSet<>();
    private long loading;

    /** @param channelsOf the channel ids this run saw a ticket open */
    public TicketDetailViewModel(ConsolePort engine, Commands commands, Function<String, List<String>> channelsOf) {
        this.engine = engine;
        this.commands = commands;
        this.channelsOf = channelsOf;
        this.canAcknowledge = javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            Ticket t = ticket.get();
            return t != null && t.acked() == null && !t.status().terminal() && !acking.get();
        }, ticket, acking);
        this.canComment = javafx.beans.binding.Bindings.createBooleanBinding(() -> ticket.get() != null
                && !draft.get().isBlank() && !commenting.get(), ticket, draft, commenting);
        this.ackedLine = javafx.beans.binding.Bindings.createStringBinding(() -> {
            Ticket t = ticket.get();
            return t == null || t.acked() == null ? "" : "acked by " + t.acked().by() + " " + hhmm(t.acked().at());
        }, ticket);
    }

    /** A time of the ticket's as the console shows it: the local clock, to the minute. */
    public static String hhmm(double epochSeconds) {
        return HHMM.format(java.time.Instant.ofEpochMilli(Math.round(epochSeconds * 1000)));
    }

    private static final java.time.format.DateTimeFormatter HHMM = java.time.format.DateTimeFormatter
            .ofPattern("HH:mm").withZone(java.time.ZoneId.systemDefault());

    /**
     * Takes the selected ticket ("I'm on it") as this console's user. Everyone sees it through the ticket's change;
     * a refusal (someone else was first) is said here.
     */
    public void acknowledge() {
        Ticket t = ticket.get();
        if (!canAcknowledge.get()) {
            return;
        }
        acking.set(true);
        commands.run("Acknowledging " + t.id(), () -> engine.acknowledge(t.id()), act -> {
            acking.set(false);
            message.set(act.accepted() ? "" : "Not acknowledged: " + act.reason());
        }, failed -> {
            acking.set(false);
            message.set(failed);
        });
    }

    /**
     * Sends the draft as a comment on the selected ticket (plain text: the engine strips escapes and bounds it); the
     * draft is cleared once it is kept, and stays, with the reason, when it is refused.
     */
    public void sendComment() {
        Ticket t = ticket.get();
        String text = draft.get();
        if (!canComment.get()) {
            return;
        }
        commenting.set(true);
        commands.run("Commenting on " + t.id(), () -> engine.comment(t.id(), text), act -> {
            commenting.set(false);
            if (act.accepted()) {
                if (text.equals(draft.get())) {
                    draft.set("");
                }
                message.set("");
            } else {
                message.set("Comment not kept: " + act.reason());
            }
        }, failed -> {
            commenting.set(false);
            message.set(failed);
        });
    }

    /** The comment being written. */
    public javafx.beans.property.StringProperty draftProperty() {
        return draft;
    }

    /** A ticket is selected, nobody took it yet, it has not ended, and no acknowledgement is on its way. */
    public javafx.beans.binding.BooleanBinding canAcknowledgeProperty() {
        return canAcknowledge;
    }

    public javafx.beans.binding.BooleanBinding canCommentProperty() {
        return canComment;
    }

    /** "acked by alice 02:14", or empty while nobody took it. */
    public javafx.beans.binding.StringBinding ackedProperty() {
        return ackedLine;
    }

    public void select(Ticket t) {
        ticket.set(t);
        journal.clear();
        evidence.clear();
        channels.clear();
        if (t == null) {
            report.set("");
            return;
        }
        channels.addAll(channelsOf.apply(t.id()));
        // Tickets from an earlier run: the engine names a ticket's channels after it and its stage.
        for (Stage s : Stage.values()) {
            channels.add(t.id() + "." + s.wire());
        }
        long mine = ++loading;
        List<String> ids = List.copyOf(channels);
        commands.run("Reading the journal of " + t.id(), () -> {
            List<Envelope> all = new ArrayList<>();
            ids.forEach(id -> all.addAll(engine.journal(id)));
            return all;
        }, loaded -> {
            if (mine == loading) {
                // Keep envelopes the stream delivered while the journal was being read.
                Set<String> seen = new java.util.HashSet<>();
                loaded.forEach(e -> seen.add(e.id()));
                List<Envelope> merged = new ArrayList<>(loaded);
                journal.stream().filter(e -> !seen.contains(e.id())).forEach(merged::add);
                merged.sort(java.util.Comparator.comparingDouble(Envelope::ts));
                journal.clear();
                journal.addAll(merged);
                evidence.setAll(merged.stream().map(Evidence::line).toList());
                render();
            }
        }, message::set);
        render();
    }

    /** The selected ticket changed. */
    public void changed(Ticket t) {
        if (ticket.get() != null && ticket.get().id().equals(t.id())) {
            ticket.set(t);
            render();
        }
    }

    public void channelOpened(String channelId, String ticketId) {
        if (ticket.get() != null && ticket.get().id().equals(ticketId)) {
            channels.add(channelId);
        }
    }

    public void posted(Envelope e) {
        if (ticket.get() != null && channels.contains(e.channelId())
                && journal.stream().noneMatch(j -> j.id().equals(e.id()))) {
            journal.add(e);
            evidence.add(Evidence.line(e));
            render();
        }
    }

    private void render() {
        Ticket t = ticket.get();
        report.set(t == null ? "" : IncidentReport.html(t, journal));
    }

    /** The selected ticket's diagnosis as Markdown, for a chat or an incident document; empty with none selected. */
    public String markdown() {
        Ticket t = ticket.get();
        if (t == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        b.append("### ").append(t.id()).append(" — ").append(t.issue()).append(" on ").append(t.system())
                .append(" (").append(t.sev().toUpperCase(java.util.Locale.ROOT)).append(", ")
                .append(t.status().label()).append(")\n\n");
        b.append("**Root cause**").append(t.confidence().isBlank() ? "" : " (" + t.confidence() + " confidence)")
                .append(": ").append(t.rca().isBlank() ? "not known yet" : t.rca()).append("\n");
        if (!t.recommendations().isEmpty()) {
            b.append("\n**Recommended steps**\n");
            int n = 1;
            for (String r : t.recommendations()) {
                b.append(n++).append(". ").append(r).append('\n');
            }
        }
        if (!t.actions().isEmpty()) {
            b.append("\n**Actions**\n");
            ActionLines.outcomes(t.actions()).forEach(l -> b.append("- ").append(l.replace("\n    ", "\n  ")).append('\n'));
        }
        if (!t.resolution().isBlank()) {
            b.append("\n**Resolution**: ").append(t.resolution()).append('\n');
        }
        return b.toString();
    }

    /** Writes the report as a standalone HTML file. */
    public void export(Path file) {
        String html = report.get();
        commands.run("Saving the report", () -> {
            try {
                Files.writeString(file, html, StandardCharsets.UTF_8);
                return "Report saved to " + file;
            } catch (IOException e) {
                log.error("could not write report {}", file, e);
                return "Could not save the report: " + e.getMessage();
            }
        }, message::set, message::set);
    }

    public ReadOnlyObjectProperty<Ticket> ticketProperty() {
        return ticket.getReadOnlyProperty();
    }

    public ObservableList<String> evidence() {
        return evidenceView;
    }

    public ReadOnlyStringProperty reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The console shows its light theme: the report follows. */
    public javafx.beans.property.BooleanProperty lightProperty() {
        return light;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
