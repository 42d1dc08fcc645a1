package dev.opsdeck.bridge.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import dev.opsdeck.engine.Notices;
import dev.opsdeck.engine.testing.PostgresServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notification claimed by a server that never delivered it (it died in between) is sent by another server of the
 * team once the claim is stale, once, and that server's health says it did. Two engines of one team on a real
 * PostgreSQL, in this process; the second's clock runs {@link Notices#STALE} ahead, so the first's claim is stale to
 * it at once instead of after half a minute.
 */
class NoticeTakeOverTest {

    @TempDir
    Path dir;

    @Test
    void aClaimLeftUndone_isSentByAnotherServerOfTheTeam_once() throws Exception {
        LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        receiver.createContext("/hook", x -> {
            got.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        receiver.start();
        URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        String db = PostgresServer.shared().newDatabase();
        Clock ahead = Clock.offset(Clock.systemUTC(), Notices.STALE.plusSeconds(1));
        try (Engine dead = Engine.start(EngineConfig.defaults(dir.resolve("a")).withDatabase(db));
                Engine alive = Engine.start(EngineConfig.defaults(dir.resolve("b")).withDatabase(db).withClock(ahead))) {
            String body = "{\"text\":\"OpsDeck: SEV1 opened: INC-042 db-primary-01 db_down\"}";
            // The first server claims it and dies before sending: nothing of it but the claim is left.
            assertThat(dead.notices().claim("ticket_created:INC-042", Notifier.receiver(hook), body)).isTrue();

            try (Notifier notifier = Notifier.start(alive, List.of(hook.toString()))) {
                String sent = got.poll(Notifier.SWEEP.multipliedBy(6).toSeconds(), TimeUnit.SECONDS);
                assertThat(sent).as("sent by the other server's sweep").isEqualTo(body);
                assertThat(notifier.takenOver()).as("said in its /healthz").isEqualTo(1);
                assertThat(dead.notices().claim("ticket_created:INC-042", Notifier.receiver(hook), body))
                        .as("its first holder, back, sends it no more: the claim is the other's now").isFalse();
            }
            assertThat(got).as("once").isEmpty();
        } finally {
            receiver.stop(0);
        }
    }
}
