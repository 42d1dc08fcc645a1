package dev.opsdeck.desktop.app;

import dev.opsdeck.desktop.attention.Alerts;
import dev.opsdeck.desktop.attention.AttentionViewModel;
import dev.opsdeck.desktop.fx.Commands;
import dev.opsdeck.desktop.fx.Pacer;
import dev.opsdeck.desktop.monitoring.LogEntry;
import dev.opsdeck.desktop.monitoring.MonitoringViewModel;
import dev.opsdeck.desktop.settings.Settings;
import dev.opsdeck.desktop.signoff.SignOffViewModel;
import dev.opsdeck.desktop.tickets.TicketDetailViewModel;
import dev.opsdeck.desktop.tickets.TicketsViewModel;
import dev.opsdeck.desktop.topbar.TopBarViewModel;
import dev.opsdeck.desktop.workflow.WorkflowsViewModel;
import dev.opsdeck.desktop.port.ConsolePort;
import dev.opsdeck.engine.event.EngineEvent;
import dev.opsdeck.engine.event.Level;
import dev.opsdeck.engine.event.Outcome;
import dev.opsdeck.engine.event.Published;
import dev.opsdeck.engine.flow.Flow;
import dev.opsdeck.engine.ticket.Ticket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's state: every engine event lands here, in order, a batch at a time, and is handed to the ViewModel
 * it concerns. Changes to one ticket are folded into its last state until the tickets are next published, and log
 * lines gathered likewise: the {@link Pacer} decides when the table, the log and the workflow cards take what has
 * gathered, so a burst redraws each a few times a second, not once per event.
 */
public final class ConsoleViewModel {

    private final TicketsViewModel tickets = new TicketsViewModel();
    private final WorkflowsViewModel workflows;
    private final SignOffViewModel signOff;
    private final MonitoringViewModel monitoring;
    private final TicketDetailViewModel detail;
    private final TopBarViewModel topBar;
    private final Map<String, Ticket> pendingTickets = new LinkedHashMap<>();
    private final Map<String, Double> pendingTs = new HashMap<>();
    private final List<LogEntry> pendingLogs = new ArrayList<>();
    private final StatusLine status;
    /** The link to a joined server was said lost, and not yet said back (see {@code Remote}). */
    private boolean linkDown;
    private final AttentionViewModel attention;
    private final Runnable ticketsDue;
    private final Runnable logsDue;
    private final Runnable cardsDue;
    private final Runnable rowsDue;

    /**
     * @param alerts how a sign-off reaches an operator looking elsewhere, as far as {@code reach} allows
     * @param status where failures show; the commands report theirs there too
     */
    public ConsoleViewModel(ConsolePort engine, Commands commands, Pacer pacer, Alerts alerts, Settings.Reach reach,
            StatusLine status) {
        this.status = status;
        this.workflows = new WorkflowsViewModel(this::ticket);
        this.signOff = new SignOffViewModel(dev.opsdeck.desktop.signoff.Answering.of(engine), commands, this::ticket,
                () -> tickets.rows().stream().map(dev.opsdeck.desktop.tickets.TicketRow::ticket).toList(), pacer);
        this.attention = new AttentionViewModel(signOff.waiting(), alerts, reach);
        this.monitoring = new MonitoringViewModel(engine, commands);
        this.detail = new TicketDetailViewModel(engine, commands, workflows::channelsOf);
        this.topBar = new TopBarViewModel(tickets, workflows);
        this.ticketsDue = pacer.lane(this::publishTickets);
        this.logsDue = pacer.lane(this::publishLogs);
        this.cardsDue = pacer.lane(workflows::publishCards);
        this.rowsDue = pacer.lane(workflows::publishRows);
    }

    /** A ticket's newest state, including changes still being gathered in the current batch. */
    public Optional<Ticket> ticket(String id) {
        Ticket t = pendingTickets.get(id);
        return t != null ? Optional.of(t) : tickets.ticket(id);
    }

    /** The tickets as of subscribing. */
    public void snapshot(List<Ticket> all) {
        tickets.load(all);
    }

    public void apply(List<Published> batch) {
        for (Published p : batch) {
            apply(p.event(), p.ts());
        }
        flush();
    }

    private void apply(EngineEvent event, double ts) {
        if (event instanceof EngineEvent.TicketCreated e) {
            gather(e.ticket(), ts);
        } else if (event instanceof EngineEvent.TicketChanged e) {
            gather(e.ticket(), ts);
        } else if (event instanceof EngineEvent.LogLine e) {
            if (linkDown && ConsolePort.LINK.equals(e.service())) {
                // The joined server is there again: the loss said on the status line is over.
                linkDown = false;
                status.clear();
            }
            pendingLogs.add(monitoring.entry(e, ts));
        } else if (event instanceof EngineEvent.ChannelOpened e) {
            workflows.apply(e, ts);
            detail.channelOpened(e.channelId(), e.ticketId());
        } else if (event instanceof EngineEvent.EnvelopePosted e) {
            workflows.apply(e, ts);
            detail.posted(e.envelope());
        } else if (event instanceof EngineEvent.SignOffRequested e) {
            workflows.apply(e, ts);
            signOff.requested(e, ts);
        } else if (event instanceof EngineEvent.SignOffResolved e) {
            workflows.apply(e, ts);
            signOff.resolved(e);
            if (e.outcome() == Outcome.EXPIRED && "deadline".equals(e.by())) {
                attention.expired(Flow.ticketIdOf(e.channelId()));
            }
        } else if (event instanceof EngineEvent.AckOverdue e) {
            attention.ackOverdue(e.ticketId(), dev.opsdeck.engine.ticket.Durations.say(
                    java.time.Duration.ofSeconds(e.afterSeconds())));
        } else if (event instanceof EngineEvent.ChannelClosed e) {
            workflows.apply(e, ts);
        } else if (event instanceof EngineEvent.SimState e) {
            monitoring.simState(e.running());
        } else if (event instanceof EngineEvent.Reset e) {
            publishAll();
            tickets.clear();
            workflows.apply(e, ts);
            signOff.reset();
            attention.reset();
            monitoring.reset();
            detail.select(null);
        } else if (event instanceof EngineEvent.ErrorReported e) {
            // A client's refused message is that client's business (it got the error); the operator hears of flows.
            linkDown |= ConsolePort.LINK.equals(e.where());
            if (!"client".equals(e.where())) {
                status.error("Engine error (" + e.where() + "): " + e.detail());
                pendingLogs.add(new LogEntry(ts, "opsdeck", Level.ERROR, e.where() + ": " + e.detail(), null));
            }
        } else if (event instanceof EngineEvent.Snapshot e) {
            tickets.load(e.tickets());
        }
        // InjectIgnored reaches the operator through the inject's own result; Pong is never published.
    }

    private void gather(Ticket t, double ts) {
        pendingTickets.put(t.id(), t);
        pendingTs.putIfAbsent(t.id(), ts);
        if (!t.rca().isBlank()) {
            // The first change that carries the RCA dates it; later ones must not move it.
            pendingTs.putIfAbsent(t.id() + "#rca", ts);
        }
    }

    private void flush() {
        if (workflows.hasCardChanges()) {
            cardsDue.run();
        }
        if (workflows.hasRowChanges()) {
            rowsDue.run();
        }
        if (!pendingTickets.isEmpty()) {
            ticketsDue.run();
        }
        if (!pendingLogs.isEmpty()) {
            logsDue.run();
        }
    }

    /** What has gathered, published now whatever the pacing (before a reset wipes the lists). */
    void publishAll() {
        workflows.publish();
        signOff.publish();
        publishTickets();
        publishLogs();
    }

    private void publishTickets() {
        if (!pendingTickets.isEmpty()) {
            Map<String, Double> rcaTs = new HashMap<>();
            pendingTickets.keySet().forEach(id -> {
                Double at = pendingTs.get(id + "#rca");
                if (at != null) {
                    rcaTs.put(id, at);
                }
            });
            tickets.update(pendingTickets, rcaTs);
            pendingTickets.values().forEach(detail::changed);
            pendingTickets.clear();
            pendingTs.clear();
        }
    }

    private void publishLogs() {
        if (!pendingLogs.isEmpty()) {
            monitoring.logs(pendingLogs);
            pendingLogs.clear();
        }
    }

    /** The operator selected a ticket: its detail shows, and if it waits for a sign-off, so does its request. */
    public void selectTicket(String id) {
        detail.select(id == null ? null : tickets.ticket(id).orElse(null));
        if (id != null) {
            signOff.select(id);
        }
    }

    /** The console's clock, once a second: countdowns and deadline warnings. */
    public void tick(double epochSeconds) {
        signOff.tick(epochSeconds);
        attention.tick(epochSeconds);
    }

    public StatusLine status() {
        return status;
    }

    public AttentionViewModel attention() {
        return attention;
    }

    public TicketsViewModel tickets() {
        return tickets;
    }

    public WorkflowsViewModel workflows() {
        return workflows;
    }

    public SignOffViewModel signOff() {
        return signOff;
    }

    public MonitoringViewModel monitoring() {
        return monitoring;
    }

    public TicketDetailViewModel detail() {
        return detail;
    }

    public TopBarViewModel topBar() {
        return topBar;
    }
}
