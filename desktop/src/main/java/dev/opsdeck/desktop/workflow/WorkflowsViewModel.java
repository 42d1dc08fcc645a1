package dev.opsdeck.desktop.workflow;

import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The workflow channels of both stages: open ones first (newest on top), then the newest finished ones, which the
 * view collapses to a row. Finished channels beyond {@link #KEEP_FINISHED} per stage drop off the list (their
 * tickets keep everything), so a long shift does not grow the window without bound.
 */
public final class WorkflowsViewModel {

    static final int KEEP_FINISHED = 40;

    private final Function<String, Optional<Ticket>> tickets;
    private final Map<String, ChannelViewModel> channels = new HashMap<>();
    private final Map<String, List<String>> channelsOfTicket = new HashMap<>();
    private final ObservableList<ChannelViewModel> diagnosis = FXCollections.observableArrayList();
    private final ObservableList<ChannelViewModel> remediation = FXCollections.observableArrayList();
    private final ObservableList<ChannelViewModel> diagnosisView = FXCollections.unmodifiableObservableList(diagnosis);
    private final ObservableList<ChannelViewModel> remediationView = FXCollections.unmodifiableObservableList(remediation);
    private final ReadOnlyIntegerWrapper openDiagnosis = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper openRemediation = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper waitingSignOffs = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper attention = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper speedUp = new ReadOnlyDoubleWrapper(Double.NaN);
    private double memberSeconds;
    private double wallSeconds;

    /** @param tickets finds a ticket's latest state (for the card's issue and severity) */
    public WorkflowsViewModel(Function<String, Optional<Ticket>> tickets) {
        this.tickets = tickets;
    }

    public void apply(EngineEvent event, double ts) {
        if (event instanceof EngineEvent.ChannelOpened e) {
            opened(e, ts);
        } else if (event instanceof EngineEvent.EnvelopePosted e) {
            ChannelViewModel c = channels.get(e.envelope().channelId());
            if (c != null) {
                c.posted(e.envelope(), ts);
            }
        } else if (event instanceof EngineEvent.SignOffRequested e) {
            ChannelViewModel c = channels.get(e.channelId());
            if (c != null) {
                c.signOffRequested();
            }
            waitingSignOffs.set(waitingSignOffs.get() + 1);
        } else if (event instanceof EngineEvent.SignOffResolved e) {
            ChannelViewModel c = channels.get(e.channelId());
            if (c != null) {
                c.signOffResolved(e.outcome());
            }
            waitingSignOffs.set(Math.max(0, waitingSignOffs.get() - 1));
        } else if (event instanceof EngineEvent.ChannelClosed e) {
            ChannelViewModel c = channels.get(e.channelId());
            if (c != null && !c.isClosed()) {
                c.closed(e.reason(), ts);
                finished(c);
            }
        } else if (event instanceof EngineEvent.Reset) {
            clear();
        }
        attention.set(waitingSignOffs.get() > 0);
    }

    private void opened(EngineEvent.ChannelOpened e, double ts) {
        Optional<Ticket> t = tickets.apply(e.ticketId());
        ChannelViewModel c = new ChannelViewModel(e.channelId(), e.ticketId(), e.stage(),
                t.map(Ticket::issue).orElse(""), t.map(Ticket::sev).orElse(""), ts, this::bandJoined);
        channels.put(e.channelId(), c);
        channelsOfTicket.computeIfAbsent(e.ticketId(), k -> new ArrayList<>()).add(e.channelId());
        list(e.stage()).add(0, c);
        counter(e.stage()).set(counter(e.stage()).get() + 1);
    }

    /** Moves a closed channel below the open ones and trims the oldest finished ones. */
    private void finished(ChannelViewModel c) {
        ObservableList<ChannelViewModel> list = list(c.stage());
        ReadOnlyIntegerWrapper open = counter(c.stage());
        open.set(open.get() - 1);
        list.remove(c);
        list.add(open.get(), c);
        int finished = list.size() - open.get();
        if (finished > KEEP_FINISHED) {
            List<ChannelViewModel> gone = new ArrayList<>(list.subList(open.get() + KEEP_FINISHED, list.size()));
            list.remove(open.get() + KEEP_FINISHED, list.size());
            gone.forEach(g -> channels.remove(g.channelId()));
        }
    }

    private void bandJoined(double member, double wall) {
        memberSeconds += member;
        wallSeconds += wall;
        // Below a millisecond of wall time the ratio is noise (the offline rules answer instantly).
        speedUp.set(wallSeconds < 0.001 ? Double.NaN : memberSeconds / wallSeconds);
    }

    private void clear() {
        channels.clear();
        channelsOfTicket.clear();
        diagnosis.clear();
        remediation.clear();
        openDiagnosis.set(0);
        openRemediation.set(0);
        waitingSignOffs.set(0);
        memberSeconds = 0;
        wallSeconds = 0;
        speedUp.set(Double.NaN);
    }

    private ObservableList<ChannelViewModel> list(Stage stage) {
        return stage == Stage.DIAGNOSIS ? diagnosis : remediation;
    }

    private ReadOnlyIntegerWrapper counter(Stage stage) {
        return stage == Stage.DIAGNOSIS ? openDiagnosis : openRemediation;
    }

    public Optional<ChannelViewModel> channel(String channelId) {
        return Optional.ofNullable(channels.get(channelId));
    }

    /** The channels a ticket opened in this run, oldest first. */
    public List<String> channelsOf(String ticketId) {
        return List.copyOf(channelsOfTicket.getOrDefault(ticketId, List.of()));
    }

    public ObservableList<ChannelViewModel> channels(Stage stage) {
        // Made once each: a read-only wrapper listens to its source weakly.
        return stage == Stage.DIAGNOSIS ? diagnosisView : remediationView;
    }

    public ReadOnlyIntegerProperty openProperty(Stage stage) {
        return counter(stage).getReadOnlyProperty();
    }

    /** A sign-off waits somewhere. */
    public ReadOnlyBooleanProperty attentionProperty() {
        return attention.getReadOnlyProperty();
    }

    /** Member-seconds of band work per wall-second over every band joined so far; NaN before the first. */
    public ReadOnlyDoubleProperty speedUpProperty() {
        return speedUp.getReadOnlyProperty();
    }
}
