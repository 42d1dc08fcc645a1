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
 * The workflow channels of both stages: open ones first (a card stays where it is while it progresses; a finished
 * card's place goes to the longest-running workflow not yet shown, see {@link #fill}), then the newest finished
 * ones, which the view collapses to a row.
 * At most {@link #SHOW_OPEN} open cards are listed (the rest are counted: nobody reads a
 * thousand rails during a burst, and a list that long makes every change costly to lay out), and finished channels
 * beyond {@link #KEEP_FINISHED} drop off (their tickets keep everything). Events are folded as they come; the cards
 * and lists change only in {@link #publishCards()} and {@link #publishRows()}, which the console paces, not once per
 * event.
 */
public final class WorkflowsViewModel {

    static final int KEEP_FINISHED = 40;
    static final int SHOW_OPEN = 25;

    private final Function<String, Optional<Ticket>> tickets;
    private final Map<String, ChannelViewModel> channels = new HashMap<>();
    private final Map<String, List<String>> channelsOfTicket = new HashMap<>();
    private final Map<Stage, Shown> shown = Map.of(Stage.DIAGNOSIS, new Shown(), Stage.REMEDIATION, new Shown());
    private final ReadOnlyIntegerWrapper openDiagnosis = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper openRemediation = new ReadOnlyIntegerWrapper();
    private final Map<Stage, List<ChannelViewModel>> open = Map.of(Stage.DIAGNOSIS, new ArrayList<>(),
            Stage.REMEDIATION, new ArrayList<>());
    private final Map<Stage, java.util.ArrayDeque<ChannelViewModel>> finished = Map.of(
            Stage.DIAGNOSIS, new java.util.ArrayDeque<>(), Stage.REMEDIATION, new java.util.ArrayDeque<>());
    private final ReadOnlyIntegerWrapper hiddenDiagnosis = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper hiddenRemediation = new ReadOnlyIntegerWrapper();
    /** The cards have something to show: a workflow opened or finished, or a listed open one folded envelopes. */
    private boolean cardsChanged;
    /** The finished rows have something to show: a workflow finished, or a finished one folded a late event. */
    private boolean rowsChanged;
    private final ReadOnlyIntegerWrapper waitingSignOffs = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper attention = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper sev1Diagnosing = new ReadOnlyIntegerWrapper();
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
                folded(c);
            }
        } else if (event instanceof EngineEvent.SignOffRequested e) {
            ChannelViewModel c = channels.get(e.channelId());
            // A restarted server asks again for a sign-off still waiting (its flow resumed): one request, counted once.
            boolean again = c != null && c.signOffPending();
            if (c != null) {
                c.signOffRequested();
                folded(c);
            }
            if (!again) {
                waitingSignOffs.set(waitingSignOffs.get() + 1);
            }
        } else if (event instanceof EngineEvent.SignOffResolved e) {
            ChannelViewModel c = channels.get(e.channelId());
            if (c != null) {
                c.signOffResolved(e.outcome());
                folded(c);
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
        if (channels.containsKey(e.channelId())) {
            return; // already shown (a channel's ids are never reused): a second card would count it twice
        }
        Optional<Ticket> t = tickets.apply(e.ticketId());
        ChannelViewModel c = new ChannelViewModel(e.channelId(), e.ticketId(), e.stage(),
                t.map(Ticket::issue).orElse(""), t.map(Ticket::sev).orElse(""), ts, this::bandJoined);
        channels.put(e.channelId(), c);
        channelsOfTicket.computeIfAbsent(e.ticketId(), k -> new ArrayList<>()).add(e.channelId());
        open.get(e.stage()).add(c);
        counter(e.stage()).set(counter(e.stage()).get() + 1);
        if (isSev1Diagnosis(c)) {
            sev1Diagnosing.set(sev1Diagnosing.get() + 1);
        }
        cardsChanged = true;
    }

    /** A channel took an event: its card or row has something new, if it has one (see {@link #publishCards}). */
    private void folded(ChannelViewModel c) {
        if (c.isClosed()) {
            rowsChanged = true;
        } else if (shown.get(c.stage()).open.contains(c)) {
            cardsChanged = true;
        }
    }

    /** Moves a closed channel below the open ones and forgets the oldest finished ones. */
    private void finished(ChannelViewModel c) {
        open.get(c.stage()).remove(c);
        ReadOnlyIntegerWrapper count = counter(c.stage());
        count.set(count.get() - 1);
        if (isSev1Diagnosis(c)) {
            sev1Diagnosing.set(sev1Diagnosing.get() - 1);
        }
        java.util.ArrayDeque<ChannelViewModel> done = finished.get(c.stage());
        done.addFirst(c);
        while (done.size() > KEEP_FINISHED) {
            channels.remove(done.removeLast().channelId());
        }
        cardsChanged = true;
        rowsChanged = true;
    }

    private static boolean isSev1Diagnosis(ChannelViewModel c) {
        return c.stage() == Stage.DIAGNOSIS && "sev1".equals(c.sev());
    }

    /** Whether the open cards have something to show. */
    public boolean hasCardChanges() {
        return cardsChanged;
    }

    /** Whether the finished rows have something to show. */
    public boolean hasRowChanges() {
        return rowsChanged;
    }

    /** Shows everything folded: the cards, then the finished rows. */
    public void publish() {
        publishCards();
        publishRows();
    }

    /**
     * Shows the open cards: the list with one change per stage, then each listed card that changed, once. A
     * workflow without a card keeps its changes folded until it gets one: during a burst hundreds of workflows
     * change between two publishes, and building their rails took most of the lane's time. The console paces the
     * cards and the rows as two lanes: each redraws a list of the selected tab, and together they made the slowest
     * frames of a burst.
     */
    public void publishCards() {
        if (!cardsChanged) {
            return;
        }
        cardsChanged = false;
        for (Stage stage : Stage.values()) {
            List<ChannelViewModel> openNow = open.get(stage);
            Shown lists = shown.get(stage);
            fill(lists.open, openNow);
            hidden(stage).set(openNow.size() - lists.open.size());
            lists.open.forEach(ChannelViewModel::publish);
        }
    }

    /** Shows the finished rows, newest first: the list with one change per stage, each changed row once. */
    public void publishRows() {
        if (!rowsChanged) {
            return;
        }
        rowsChanged = false;
        for (Stage stage : Stage.values()) {
            Shown lists = shown.get(stage);
            List<ChannelViewModel> rows = new ArrayList<>(finished.get(stage));
            if (!rows.equals(lists.finished)) {
                lists.finished.setAll(rows);
            }
            lists.finished.forEach(ChannelViewModel::publish);
        }
    }

    /**
     * Cards keep their place while their workflow runs: a finished card's place goes to the longest-running
     * workflow not yet shown, and only when none is waiting do the cards below it move up. Besides letting the
     * operator read a card without it jumping, this redraws one card per finished workflow during a burst instead
     * of every card below it.
     */
    private static void fill(ObservableList<ChannelViewModel> cards, List<ChannelViewModel> openNow) {
        java.util.Set<ChannelViewModel> stillOpen = new java.util.HashSet<>(openNow);
        java.util.Set<ChannelViewModel> onShow = new java.util.HashSet<>(cards);
        java.util.Iterator<ChannelViewModel> waiting = openNow.stream().filter(c -> !onShow.contains(c)).iterator();
        for (int i = 0; i < cards.size(); i++) {
            if (!stillOpen.contains(cards.get(i)) && waiting.hasNext()) {
                cards.set(i, waiting.next());
            }
        }
        cards.removeIf(c -> !stillOpen.contains(c));
        while (cards.size() < SHOW_OPEN && waiting.hasNext()) {
            cards.add(waiting.next());
        }
    }

    private ReadOnlyIntegerWrapper hidden(Stage stage) {
        return stage == Stage.DIAGNOSIS ? hiddenDiagnosis : hiddenRemediation;
    }

    /** Open workflows not listed as cards. */
    public ReadOnlyIntegerProperty hiddenOpenProperty(Stage stage) {
        return hidden(stage).getReadOnlyProperty();
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
        shown.values().forEach(l -> {
            l.open.clear();
            l.finished.clear();
        });
        open.values().forEach(List::clear);
        finished.values().forEach(java.util.ArrayDeque::clear);
        hiddenDiagnosis.set(0);
        hiddenRemediation.set(0);
        cardsChanged = false;
        rowsChanged = false;
        openDiagnosis.set(0);
        openRemediation.set(0);
        waitingSignOffs.set(0);
        sev1Diagnosing.set(0);
        memberSeconds = 0;
        wallSeconds = 0;
        speedUp.set(Double.NaN);
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

    /** The open workflows listed as cards, longest-running first. */
    public ObservableList<ChannelViewModel> openChannels(Stage stage) {
        return shown.get(stage).openView;
    }

    /** The newest finished workflows, newest first, shown as one row each. */
    public ObservableList<ChannelViewModel> finishedChannels(Stage stage) {
        return shown.get(stage).finishedView;
    }

    /**
     * One stage's two lists. Kept apart because every item of each has the same height, which lets the view give
     * each list a fixed cell size (a list of mixed heights measures cells on every change).
     */
    private static final class Shown {
        final ObservableList<ChannelViewModel> open = FXCollections.observableArrayList();
        final ObservableList<ChannelViewModel> finished = FXCollections.observableArrayList();
        // Made once: a read-only wrapper listens to its source weakly.
        final ObservableList<ChannelViewModel> openView = FXCollections.unmodifiableObservableList(open);
        final ObservableList<ChannelViewModel> finishedView = FXCollections.unmodifiableObservableList(finished);
    }

    public ReadOnlyIntegerProperty openProperty(Stage stage) {
        return counter(stage).getReadOnlyProperty();
    }

    /** A sign-off waits somewhere. */
    /** Open SEV1 diagnoses: the Diagnosis tab points at them, whichever tab the operator is on. */
    public ReadOnlyIntegerProperty sev1DiagnosingProperty() {
        return sev1Diagnosing.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty attentionProperty() {
        return attention.getReadOnlyProperty();
    }

    /** Member-seconds of band work per wall-second over every band joined so far; NaN before the first. */
    public ReadOnlyDoubleProperty speedUpProperty() {
        return speedUp.getReadOnlyProperty();
    }
}
