package dev.opsdeck.engine.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, throwaway PostgreSQL (Debian's binaries): its own data dir under /tmp and a free loopback port, stopped
 * and deleted on close. PostgreSQL refuses to run as root, so as root it runs as the {@code postgres} user. Where the
 * binaries are missing the test is skipped saying so, unless {@code OPSDECK_REQUIRE_POSTGRES} is set (CI sets it:
 * there a missing binary fails the run rather than skip it).
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "opsdeck";

    private final Path dir;
    private final int port;
    private volatile Process process;
    /** Where it listens: loopback, and any address a test gave (a veth of a network namespace's link). */
    private String listen = "127.0.0.1";

    private PostgresServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    private static Path bin() {
        File[] versions = new File("/usr/lib/postgresql").listFiles();
        if (versions == null) {
            return null;
        }
        return java.util.Arrays.stream(versions).map(v -> v.toPath().resolve("bin"))
                .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres")))
                .max(Comparator.naturalOrder()).orElse(null);
    }

    private static PostgresServer shared;

    /**
     * One server for every test class in this JVM (each test makes its own database): started on first use, stopped
     * and deleted when the JVM exits.
     */
    public static synchronized PostgresServer shared() throws Exception {
        if (shared == null) {
            PostgresServer s = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    s.close();
                } catch (Exception e) {
                    // the JVM is going; the data dir is under /tmp
                }
            }, "opsdeck-test-postgres-stop"));
            shared = s;
        }
        return shared;
    }

    public static PostgresServer start() throws Exception {
        return start(null, null);
    }

    /**
     * A server listening on {@code address} besides loopback, trusting clients from {@code clients} (a CIDR): for a
     * team server in a network namespace of its own, reaching the database over a veth.
     */
    public static PostgresServer start(String address, String clients) throws Exception {
        Path bin = bin();
        if (bin == null && System.getenv("OPSDECK_REQUIRE_POSTGRES") != null) {
            throw new IllegalStateException("PostgreSQL binaries missing: apt-get install postgresql");
        }
        Assumptions.assumeTrue(bin != null, "PostgreSQL binaries missing (apt-get install postgresql)");
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("opsdeck-pg-");
        if (root) {
            run("chown", "postgres", dir.toString());
        }
        Path data = dir.resolve("data");
        if (run(as(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", USER,
                "--no-sync")) != 0) {
            throw new IllegalStateException("initdb failed in " + dir);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createFile(dir.resolve("server.log"));
        if (root) {
            run("chown", "postgres", dir.resolve("server.log").toString());
        }
        PostgresServer server = new PostgresServer(dir, port, null);
        if (address != null) {
            server.listen = "127.0.0.1," + address;
            Files.writeString(data.resolve("pg_hba.conf"), "host all all " + clients + " trust\n",
                    java.nio.file.StandardOpenOption.APPEND);
        }
        server.process = server.postmaster();
        server.awaitUp();
        return server;
    }

    private Process postmaster() throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        return new ProcessBuilder(as(root, bin().resolve("postgres").toString(), "-D", dir.resolve("data").toString(),
                "-p", String.valueOf(port), "-h", listen, "-k", dir.toString(), "-F"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("server.log").toFile())).start();
    }

    private void awaitUp() throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection c = DriverManager.getConnection(url("postgres"), USER, "")) {
                return;
            } catch (SQLException notYet) {
                if (!process.isAlive() || System.nanoTime() > end) {
                    String log = Files.readString(dir.resolve("server.log"));
                    close();
                    throw new IllegalStateException("PostgreSQL did not start (" + notYet.getMessage() + "): " + log);
                }
                // Not a sleep as synchronisation: the condition is the connection above; this only spaces the tries.
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    /**
     * Stops the server as an administrator does ({@code pg_ctl stop -m fast}: sessions ended, a clean checkpoint;
     * {@code immediate}: every process quit at once, crash recovery at the next start) and waits until it is gone.
     */
    public void stop(String mode) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (run(as(root, bin().resolve("pg_ctl").toString(), "stop", "-D", dir.resolve("data").toString(), "-m", mode,
                "-w", "-t", "30")) != 0) {
            throw new IllegalStateException("pg_ctl stop -m " + mode + " failed; see " + dir.resolve("server.log"));
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("PostgreSQL did not stop");
        }
    }

    /** Starts the server again on its data dir and port, once stopped; returns once it takes connections. */
    public void startAgain() throws Exception {
        process = postmaster();
        awaitUp();
    }

    /** {@code pg_ctl restart -m mode}: stopped, then started again on the same port. */
    public void restart(String mode) throws Exception {
        stop(mode);
        startAgain();
    }

    private static String[] as(boolean root, String... cmd) {
        List<String> all = new ArrayList<>();
        if (root) {
            all.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        all.addAll(List.of(cmd));
        return all.toArray(String[]::new);
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    public int port() {
        return port;
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private final java.util.concurrent.atomic.AtomicInteger created = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A new, empty database with a fresh name, as the URL a user passes to {@code --database}
     * ({@code postgresql://opsdeck:@127.0.0.1:PORT/NAME}).
     */
    public String newDatabase() throws SQLException {
        String jdbc = createDatabase("db" + created.incrementAndGet());
        return "postgresql://" + USER + ":@" + jdbc.substring("jdbc:postgresql://".length());
    }

    /** A new, empty database; returns its JDBC URL. */
    public String createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
