package dev.opsdeck.desktop.port;

import dev.opsdeck.engine.InjectResult;
import dev.opsdeck.engine.Injection;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.event.Subscriber;
import dev.opsdeck.engine.event.Subscription;
import dev.opsdeck.engine.flow.Answer;
import dev.opsdeck.engine.presence.Person;
import dev.opsdeck.engine.ticket.Act;
import dev.opsdeck.engine.ticket.Ticket;
import dev.opsdeck.engine.workflow.Envelope;
import dev.opsdeck.engine.world.World;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything the console asks of an OpsDeck, in one port: the ViewModels take this, never the engine itself, so the
 * same console can run on the in-process engine ({@link InProcess}) or, as issue 14 asks, on a server it joins
 * over the wire; and a ViewModel test can run on a fake.
 */
public interface ConsolePort {

    /**
     * The {@code where} of an {@code error} saying the link to a joined server is lost, and the service of the log
     * line saying it is back (see {@link Remote}).
     */
    String LINK = "link";

    /** What the top bar names: where the incidents run. */
    String name();

    /** The server this console joined ({@code --connect}), or empty when the engine runs in this process. */
    default java.util.Optional<java.net.URI> joined() {
        return java.util.Optional.empty();
    }

    /** Which reasoning the agents use: {@code rules}, or the model backend's name. */
    String reasoning();

    World world();

    boolean simulationRunning();

    InjectResult inject(Injection injection);

    /** The operator's explicit verdict, with a note that never decides (see the engine's explicit-verdict answer). */
    Answer answer(String channelId, Outcome verdict, String note, String by);

    /**
     * Feedback instead of a verdict: nothing of the proposal runs, and a new one is made with it for a sign-off of its
     * own (the engine's {@code requestChanges}).
     */
    Answer requestChanges(String channelId, String feedback, String by);

    /** Another fitting runbook action instead of the proposal: it is dry-run and shown for a sign-off of its own. */
    Answer override(String channelId, String action, String note, String by);

    /** A step {@code by} did by hand ({@code action}: the runbook action it stands for, or null). */
    Answer doneByHand(String channelId, String action, String note, String by);

    /**
     * The runbook actions that fit a ticket now, for an override to choose from; empty when this side cannot tell (a
     * joined server's refusal then names them).
     */
    default List<Fitting> fittingActions(String ticketId) {
        return List.of();
    }

    /** A runbook action that fits a ticket: its id, title, risk and exactly what it would run. */
    record Fitting(String id, String title, String risk, String run) {
    }

    /** The name this console's acts are recorded as: the OS user in-process, the token's user when joined. */
    String user();

    /** Takes a ticket ("I'm on it") as {@link #user()}: done, or refused with the reason (taken by someone else). */
    Act acknowledge(String ticketId);

    /** Comments on a ticket as {@link #user()}: plain text, cleaned and bounded by the engine, or refused. */
    Act comment(String ticketId, String text);

    /**
     * Hears who is connected after every change (from a thread of the port's), starting with who is now: the server's
     * people when joined (this console among them); in-process, the clients of the embedded bridge.
     */
    void onPresence(Consumer<List<Person>> listener);

    /** Starts the ambient simulation where the view stands. */
    void resumeSimulation();

    void stopSimulation();

    /** A clean board: flows cancelled, tickets archived. */
    void reset();

    List<Ticket> archivedTickets();

    /** One channel's journal, oldest first. */
    List<Envelope> journal(String channelId);

    /** The tickets in view to {@code snapshot}, then (if {@code replay}) the retained history, then live events. */
    Subscription subscribe(String name, boolean replay, Consumer<List<Ticket>> snapshot, Subscriber subscriber);

    /** Lets go of what is behind the port (the in-process engine shuts down; a remote one is only left). */
    void close();
}
