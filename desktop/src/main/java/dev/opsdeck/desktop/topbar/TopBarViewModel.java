package dev.opsdeck.desktop.topbar;

import dev.opsdeck.desktop.bridge.BridgeStatus;
import dev.opsdeck.desktop.tickets.TicketRow;
import dev.opsdeck.desktop.tickets.TicketsViewModel;
import dev.opsdeck.desktop.workflow.WorkflowsViewModel;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The top bar's figures, all derived from the other ViewModels; nothing here is copied. */
public final class TopBarViewModel {

    private final ReadOnlyStringWrapper reasoning = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper server = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper bridge = new ReadOnlyStringWrapper(BridgeStatus.off().label());
    private final ReadOnlyStringWrapper people = new ReadOnlyStringWrapper("here: you");
    private final ReadOnlyStringWrapper peopleTip = new ReadOnlyStringWrapper("Nobody else is connected.");
    private final StringBinding total;
    private final StringBinding averageRca;
    private final StringBinding speedUp;
    private final StringBinding awaiting;
    private final StringBinding followups;
    private final BooleanBinding followupsWaiting;
    private final BooleanBinding attention;

    public TopBarViewModel(TicketsViewModel tickets, WorkflowsViewModel workflows) {
        total = tickets.totalProperty().asString();
        averageRca = Bindings.createStringBinding(() -> TicketRow.seconds(tickets.averageRcaProperty().get()),
                tickets.averageRcaProperty());
        speedUp = Bindings.createStringBinding(() -> {
            double s = workflows.speedUpProperty().get();
            return Double.isNaN(s) ? "—" : String.format(Locale.ROOT, "%.1f×", s);
        }, workflows.speedUpProperty());
        awaiting = tickets.awaitingHumanProperty().asString();
        attention = tickets.awaitingHumanProperty().greaterThan(0);
        followups = tickets.needsFollowupProperty().asString();
        followupsWaiting = tickets.needsFollowupProperty().greaterThan(0);
    }

    /** {@code rules} → "Offline rules"; a model backend → "Gemini · model". */
    /** The engine's backend name ({@code rules}, {@code gemini · gemini-2.5-flash}) as the badge shows it. */
    public void reasoning(String backend) {
        if ("rules".equals(backend)) {
            reasoning.set("Offline rules");
        } else if (backend.startsWith("gemini · ")) {
            reasoning.set("Gemini · " + backend.substring("gemini · ".length()));
        } else {
            reasoning.set(backend);
        }
    }

    /** Where the incidents run: this machine and its store, or the joined server (its store, its team name). */
    public void server(String where) {
        server.set(where);
    }

    public ReadOnlyStringProperty serverProperty() {
        return server.getReadOnlyProperty();
    }

    /** Who is connected now (the port's list), said around {@code you}, the name this console acts as. */
    public void people(java.util.List<dev.opsdeck.engine.presence.Person> now, String you) {
        PeopleLine line = PeopleLine.of(now, you);
        people.set(line.text());
        peopleTip.set(line.tooltip());
    }

    public ReadOnlyStringProperty peopleProperty() {
        return people.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty peopleTipProperty() {
        return peopleTip.getReadOnlyProperty();
    }

    public void bridge(BridgeStatus status) {
        bridge.set("bridge " + status.label());
    }

    public ReadOnlyStringProperty reasoningProperty() {
        return reasoning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bridgeProperty() {
        return bridge.getReadOnlyProperty();
    }

    public StringBinding totalProperty() {
        return total;
    }

    public StringBinding averageRcaProperty() {
        return averageRca;
    }

    public StringBinding speedUpProperty() {
        return speedUp;
    }

    public StringBinding awaitingProperty() {
        return awaiting;
    }

    public StringBinding followupsProperty() {
        return followups;
    }

    /** Tickets ended needing a person: the follow-up figure is highlighted. */
    public BooleanBinding followupsWaitingProperty() {
        return followupsWaiting;
    }

    /** Someone must act: the awaiting-you figure is highlighted. */
    public BooleanBinding attentionProperty() {
        return attention;
    }
}
