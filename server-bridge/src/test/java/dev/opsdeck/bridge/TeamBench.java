package dev.opsdeck.bridge;

import dev.opsdeck.bridge.bench.BenchTeamCommand;
import dev.opsdeck.engine.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code opsdeck bench team} on a throwaway PostgreSQL (Debian's binaries), for whoever has no database at hand. Not
 * a test (its name keeps it out of {@code mvn verify}); run it with
 * {@code mvn -q -pl engine,server-bridge verify -Dtest=TeamBench -Dsurefire.failIfNoSpecifiedTests=false} and read
 * the JSON line (options in {@code -Dbench.args}) in {@code server-bridge/target/surefire-reports/dev.opsdeck.bridge.TeamBench-output.txt}.
 */
class TeamBench {

    @Test
    void twoServersOnOnePostgres() throws Exception {
        PostgresServer pg = PostgresServer.shared();
        String url = "postgresql://" + PostgresServer.USER + ":@"
                + pg.url("postgres").substring("jdbc:postgresql://".length());
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--database", url));
        String more = System.getProperty("bench.args", "").strip(); // e.g. -Dbench.args="--injects 400 --rate 20"
        if (!more.isEmpty()) {
            args.addAll(java.util.List.of(more.split("\\s+")));
        }
        int exit = new CommandLine(new BenchTeamCommand()).execute(args.toArray(String[]::new));
        if (exit != 0) {
            throw new AssertionError("bench team exited " + exit);
        }
    }
}
