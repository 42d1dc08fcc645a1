package dev.opsdeck.bridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.store.DatabaseUrl;
import dev.opsdeck.engine.world.WorldLoader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code opsdeck bench team}: two {@code serve} processes on one PostgreSQL, C clients spread over both (in this
 * process, apart from the servers), incidents injected on both in turn at R per second, each sign-off answered on
 * the server that does not run its flow. Prints one JSON line: the extra delay an event takes to reach the other
 * server's clients (p50/p99 of arrival there − arrival at the flow's own server, over every ticket event), incidents
 * ended per second, the servers' CPU, and the takeover time after {@code kill -9} of the server running a flow with a
 * pending sign-off (until the survivor asks that sign-off again), median of K. It works in a new database it creates
 * beside the one named and drops afterwards.
 */
@Command(name = "team", mixinStandardHelpOptions = true,
        description = "Benchmark two servers on one PostgreSQL: cross-server delay, incidents/s, takeover after kill -9.")
public final class BenchTeamCommand implements Callable<Integer> {

    @Option(names = "--database", paramLabel = "URL", required = true,
            description = "A PostgreSQL the bench may create a database in: postgresql://USER:PASS@HOST:PORT/DB.")
    String database;

    @Option(names = "--clients", paramLabel = "C", defaultValue = "100", description = "Clients over both (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "10", description = "Injects per second over both (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--injects", paramLabel = "N", defaultValue = "200", description = "Incidents to run (default: ${DEFAULT-VALUE}).")
    int injects;

    @Option(names = "--takeovers", paramLabel = "K", defaultValue = "5", description = "Kills to time (default: ${DEFAULT-VALUE}).")
    int takeovers;

    /** The frames that tell a ticket's story (log lines and replies to one client aside), as they start. */
    private static final List<String> TICKET_EVENTS = java.util.stream.Stream.of("ticket_created", "ticket_status",
            "channel_opened", "envelope", "hitl_requested", "hitl_resolved", "channel_closed")
            .map(t -> "{\"type\":\"" + t + "\"").toList();

    private final PrintStream out;

    public BenchTeamCommand() {
        this(System.out);
    }

    public BenchTeamCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (clients < 2 || injects < 1 || rate <= 0 || takeovers < 1) {
            throw new IllegalArgumentException("--clients must be at least 2, --injects and --takeovers at least 1,"
                    + " --rate above 0");
        }
        DatabaseUrl given = DatabaseUrl.parse(database);
        String name = "opsdeck_bench_" + System.currentTimeMillis();
        admin(given, "CREATE DATABASE " + name);
        Path dir = Files.createTempDirectory("opsdeck-team-bench-");
        try {
            Path world = dir.resolve("world.json");
            Files.writeString(world, Json.write(BenchWorld.of(WorldLoader.bundled(), injects + takeovers)));
            List<String> options = List.of("--database", sibling(database, name), "--world", world.toString(),
                    "--debounce", "0", "--max-flows", String.valueOf(injects + takeovers), "--signoff-deadline", "10m");
            ObjectNode figures = Json.MAPPER.createObjectNode();
            load(options, dir, figures);
            takeovers(options, dir, figures);
            out.println(Json.MAPPER.writeValueAsString(figures));
        } finally {
            admin(given, "DROP DATABASE IF EXISTS " + name);
        }
        return 0;
    }

    private void load(List<String> options, Path dir, ObjectNode figures) throws Exception {
        try (ServerProcess a = ServerProcess.start(with(options, "--data-dir", dir.resolve("a")), Map.of());
                ServerProcess b = ServerProcess.start(with(options, "--data-dir", dir.resolve("b")), Map.of())) {
            ServerProcess[] servers = {a, b};
            HttpClient http = HttpClient.newHttpClient();
            LatencyHistogram ignored = new LatencyHistogram();
            ArrivalProbe[] probes = {new ArrivalProbe(), new ArrivalProbe()};
            Map<String, Integer> flowServer = new ConcurrentHashMap<>(); // ticket id → the server its flow runs on
            Map<String, Boolean> answered = new ConcurrentHashMap<>();
            CountDownLatch ended = new CountDownLatch(injects);
            List<CountingClient> all = new ArrayList<>();
            java.util.concurrent.atomic.AtomicLongArray ticketEvents = new java.util.concurrent.atomic.AtomicLongArray(
                    clients);
            CountingClient[] drivers = new CountingClient[2];
            for (int i = 0; i < clients; i++) {
                int side = i % 2;
                boolean probe = i < 2;
                int client = i;
                all.add(CountingClient.connect(http, URI.create(servers[side].url() + "?replay=0"), ignored, frame -> {
                    if (TICKET_EVENTS.stream().anyMatch(frame::startsWith)) {
                        ticketEvents.incrementAndGet(client);
                    }
                    if (!probe) {
                        return;
                    }
                    probes[side].arrived(frame, System.nanoTime());
                    onProbeFrame(frame, side, flowServer, answered, ended, drivers);
                }));
                if (probe) {
                    drivers[side] = all.get(i);
                }
            }
            for (CountingClient c : all) {
                c.snapshot.get(30, TimeUnit.SECONDS);
            }
            double cpu0 = a.cpuSeconds() + b.cpuSeconds();
            long start = System.nanoTime();
            for (int i = 0; i < injects; i++) {
                long due = start + (long) (i * 1e9 / rate);
                TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime())); // the pacing itself
                send(drivers[i % 2], "{\"type\":\"inject\",\"incident\":\"" + BenchWorld.key(i) + "\"}");
            }
            if (!ended.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException(ended.getCount() + " of " + injects + " incidents did not end in 300 s");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = a.cpuSeconds() + b.cpuSeconds() - cpu0;
            // The last events may still be on their way to the other server's clients: lost is what has not come
            // within 10 s more.
            long[] counts = new long[clients];
            long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            do {
                for (int i = 0; i < clients; i++) {
                    counts[i] = ticketEvents.get(i);
                }
            } while (Arrays.stream(counts).distinct().count() > 1 && System.nanoTime() < settle
                    && sleptAWhile());
            long most = Arrays.stream(counts).max().orElse(0);
            List<Double> delays = crossDelays(probes, flowServer, 0);
            List<Double> warm = crossDelays(probes, flowServer, start + TimeUnit.SECONDS.toNanos(5));
            figures.put("servers", 2);
            figures.put("clients", clients);
            figures.put("rate", rate);
            figures.put("injects", injects);
            figures.put("seconds", Math.round(seconds * 100) / 100.0);
            figures.put("incidents_per_s", Math.round(10 * injects / seconds) / 10.0);
            figures.put("events_compared", delays.size());
            figures.put("cross_delay_p50_ms", quantile(delays, 0.50));
            figures.put("cross_delay_p99_ms", quantile(delays, 0.99));
            figures.put("cross_delay_max_ms", quantile(delays, 1.0));
            figures.put("cross_delay_p99_after_5s_ms", warm.isEmpty() ? null : quantile(warm, 0.99)); // a short run
            figures.put("ticket_events_per_client", most);
            figures.put("lost", Arrays.stream(counts).map(n -> most - n).sum());
            figures.put("servers_cpu_pct", Math.round(100 * cpu / seconds));
            for (CountingClient c : all) {
                c.socket.abort();
            }
        }
    }

    /** The probe client of each server drives: it answers each sign-off asked on the server not running the flow. */
    private static void onProbeFrame(String frame, int side, Map<String, Integer> flowServer,
            Map<String, Boolean> answered, CountDownLatch ended, CountingClient[] drivers) {
        JsonNode f = read(frame);
        String type = f.path("type").asText();
        JsonNode p = f.path("payload");
        if (type.equals("ticket_created")) {
            String id = p.path("id").asText();
            int n = Integer.parseInt(p.path("issue").asText().replaceFirst(".*_run", ""));
            flowServer.putIfAbsent(id, n % 2);
        } else if (type.equals("hitl_requested")) {
            String ticket = p.path("ticket_id").asText();
            Integer runs = flowServer.get(ticket);
            if (runs != null && side != runs && answered.putIfAbsent(ticket, true) == null) {
                send(drivers[side], "{\"type\":\"hitl_response\",\"channel_id\":\""
                        + p.path("channel_id").asText() + "\",\"decision\":\"approve\"}");
            }
        } else if (type.equals("ticket_status") && side == 0 && isTerminal(p.path("status").asText())) {
            ended.countDown();
        }
    }

    /** One frame at a time per socket (the JDK's WebSocket refuses a send while one is pending). */
    private static void send(CountingClient client, String frame) {
        synchronized (client) {
            client.socket.sendText(frame, true).join();
        }
    }

    private static boolean isTerminal(String status) {
        return dev.opsdeck.engine.ticket.Status.terminalLabel(status);
    }

    /** Polling the clients' counts while the last events arrive: the condition is the counts, this spaces the looks. */
    private static boolean sleptAWhile() throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(50);
        return true;
    }

    /**
     * For every event both probes saw, the first arriving at or after {@code from} (nanoTime): arrival on the far
     * server's client − arrival on the flow's own server's.
     */
    private static List<Double> crossDelays(ArrivalProbe[] probes, Map<String, Integer> flowServer, long from) {
        Map<String, Long> zero = probes[0].arrivals();
        Map<String, Long> one = probes[1].arrivals();
        List<Double> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : zero.entrySet()) {
            Long other = one.get(e.getKey());
            Integer runs = ticketOf(e.getKey()).map(flowServer::get).orElse(null);
            if (other == null || runs == null) {
                continue;
            }
            long near = runs == 0 ? e.getValue() : other;
            long far = runs == 0 ? other : e.getValue();
            if (near >= from) {
                out.add((far - near) / 1e6);
            }
        }
        out.sort(Double::compare);
        return out;
    }

    private static java.util.Optional<String> ticketOf(String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(?:id|ticket_id|channel_id)\":\"(INC-\\d+)")
                .matcher(key);
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    /**
     * K times: a server runs a flow to its pending sign-off and is killed; the time until the survivor's client is
     * asked that sign-off again is the takeover (the survivor has leased the flow, read the log, resumed it).
     */
    private void takeovers(List<String> options, Path dir, ObjectNode figures) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Double> times = new ArrayList<>();
        try (ServerProcess survivor = ServerProcess.start(with(options, "--data-dir", dir.resolve("s")), Map.of())) {
            for (int k = 0; k < takeovers; k++) {
                ServerProcess victim = ServerProcess.start(with(options, "--data-dir", dir.resolve("v" + k)), Map.of());
                String incident = BenchWorld.key(injects + k);
                java.util.concurrent.CompletableFuture<String> asked = new java.util.concurrent.CompletableFuture<>();
                java.util.concurrent.CompletableFuture<Long> askedAgain = new java.util.concurrent.CompletableFuture<>();
                CountingClient watcher = CountingClient.connect(http, URI.create(survivor.url() + "?replay=0"),
                        new LatencyHistogram(), frame -> {
                            JsonNode f = read(frame);
                            if (f.path("type").asText().equals("hitl_requested")) {
                                if (!asked.isDone()) {
                                    asked.complete(f.path("payload").path("channel_id").asText());
                                } else {
                                    askedAgain.complete(System.nanoTime());
                                }
                            }
                        });
                watcher.snapshot.get(30, TimeUnit.SECONDS);
                CountingClient injector = CountingClient.connect(http, URI.create(victim.url() + "?replay=0"),
                        new LatencyHistogram(), frame -> { });
                injector.snapshot.get(30, TimeUnit.SECONDS);
                injector.socket.sendText("{\"type\":\"inject\",\"incident\":\"" + incident + "\"}", true).join();
                String channel = asked.get(60, TimeUnit.SECONDS);
                long killed = System.nanoTime();
                victim.kill();
                long again = askedAgain.get(60, TimeUnit.SECONDS);
                times.add((again - killed) / 1e6);
                watcher.socket.sendText("{\"type\":\"hitl_response\",\"channel_id\":\"" + channel
                        + "\",\"decision\":\"approve\"}", true).join();
                watcher.socket.abort();
            }
        }
        times.sort(Double::compare);
        figures.put("takeovers", times.size());
        figures.put("takeover_median_ms", Math.round(times.get(times.size() / 2)));
        figures.put("takeover_max_ms", Math.round(times.get(times.size() - 1)));
    }

    private static double quantile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int at = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(q * sorted.size()) - 1));
        return Math.round(sorted.get(at) * 10) / 10.0;
    }

    private static JsonNode read(String frame) {
        try {
            return Json.MAPPER.readTree(frame);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable frame: " + frame, e);
        }
    }

    private static List<String> with(List<String> options, String name, Path value) {
        List<String> all = new ArrayList<>(options);
        all.add(name);
        all.add(value.toString());
        return all;
    }

    /** The same server and credentials, another database: what the servers are given. */
    static String sibling(String url, String db) throws java.net.URISyntaxException {
        URI u = URI.create(url.trim());
        return new URI(u.getScheme(), u.getRawUserInfo(), u.getHost(), u.getPort(), "/" + db, null, null).toString();
    }

    /** A statement on the named database's server, or one line saying why it could not run. */
    private static void admin(DatabaseUrl given, String sql) {
        try (Connection c = DriverManager.getConnection(given.jdbc(), given.user(), given.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new dev.opsdeck.engine.store.StoreException("bench team: cannot run \"" + sql + "\" on "
                    + given.jdbc().replaceFirst("^jdbc:", "") + " (" + e.getMessage().replaceAll("\\s+", " ")
                    + "); it needs a PostgreSQL where this user may create a database");
        }
    }
}
