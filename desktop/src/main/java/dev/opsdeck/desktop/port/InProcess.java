package dev.opsdeck.desktop.port;

import dev.opsdeck.engine.Engine;
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

/** The console on the engine in its own process: every call is the engine's own. */
public final class InProcess implements ConsolePort {

    private final Engine engine;

    /** Who answers from a console that runs the engine itself: the OS user (a server names a joined one's). */
    public static final String USER = System.getProperty("user.name", "operator");

    public InProcess(Engine engine) {
        this.engine = engine;
    }


    @Override
    public String name() {
        return "this machine · " + engine.whereabouts() + " · user " + USER;
    }

    @Override
    public String reasoning() {
        return engine.reasoning();
    }

    @Override
    public World world() {
        return engine.world();
    }

    @Override
    public boolean simulationRunning() {
        return engine.simulationRunning();
    }

    @Override
    public InjectResult inject(Injection injection) {
        return engine.inject(injection);
    }

    @Override
    public Answer answer(String channelId, Outcome verdict, String note, String by) {
        return engine.answer(channelId, verdict, note, by);
    }

    @Override
    public Answer requestChanges(String channelId, String feedback, String by) {
        return engine.requestChanges(channelId, feedback, by);
    }

    @Override
    public Answer override(String channelId, String action, String note, String by) {
        return engine.override(channelId, action, note, by);
    }

    @Override
    public Answer doneByHand(String channelId, String action, String note, String by) {
        return engine.doneByHand(channelId, action, note, by);
    }

    @Override
    public List<Fitting> fittingActions(String ticketId) {
        return engine.fittingActions(ticketId).stream().map(p -> new Fitting(p.id(), p.action().title(),
                p.action().risk().wire(), p.shown())).toList();
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public Act acknowledge(String ticketId) {
        return engine.acknowledge(ticketId, USER, null);
    }

    @Override
    public Act comment(String ticketId, String text) {
        return engine.comment(ticketId, USER, text, null);
    }

    /** The embedded bridge's clients (this console is not one: it is the engine's own). */
    @Override
    public void onPresence(Consumer<List<Person>> listener) {
        engine.presence().listen(listener);
        listener.accept(engine.presence().people());
    }

    @Override
    public void resumeSimulation() {
        engine.resumeSimulation();
    }

    @Override
    public void stopSimulation() {
        engine.stopSimulation();
    }

    @Override
    public void reset() {
        engine.reset();
    }

    @Override
    public List<Ticket> archivedTickets() {
        return engine.archivedTickets();
    }

    @Override
    public List<Envelope> journal(String channelId) {
        return engine.journal(channelId);
    }

    @Override
    public Subscription subscribe(String name, boolean replay, Consumer<List<Ticket>> snapshot, Subscriber subscriber) {
        return engine.subscribe(name, replay, snapshot, subscriber);
    }

    @Override
    public void close() {
        engine.close();
    }
}
