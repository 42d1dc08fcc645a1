package dev.opsdeck.desktop.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.EngineConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's bridge controls drive the real server-bridge and report what a remote client does. */
class EmbeddedBridgeTest {

    @TempDir
    Path dir;

    @Test
    void startedFromTheConsole_theBridgeServes_andCountsItsClients() throws Exception {
        BlockingQueue<BridgeStatus> seen = new LinkedBlockingQueue<>();
        try (Engine engine = Engine.start(EngineConfig.defaults(dir));
             EmbeddedBridge bridge = new EmbeddedBridge(engine)) {
            bridge.onStatus(seen::add);
            bridge.start(0, "");
            BridgeStatus running = seen.poll(10, TimeUnit.SECONDS);
            assertThat(running).isNotNull();
            assertThat(running.running()).isTrue();
            assertThat(running.label()).matches("ws://127\\.0\\.0\\.1:\\d+/ws · 0 clients");

            WebSocket client = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(running.url()), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            ws.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            BridgeStatus connected = seen.poll(10, TimeUnit.SECONDS);
            assertThat(connected).isNotNull();
            assertThat(connected.label()).endsWith(" · 1 client");
            client.abort();

            bridge.stop();
            BridgeStatus last = null;
            for (BridgeStatus s = seen.poll(10, TimeUnit.SECONDS); s != null; s = seen.poll(1, TimeUnit.SECONDS)) {
                last = s;
                if (!s.running()) {
                    break;
                }
            }
            assertThat(last).isEqualTo(BridgeStatus.off());
        }
    }

    @Test
    void aPortInUse_isReportedInTheStatus_notThrown() throws Exception {
        try (Engine engine = Engine.start(EngineConfig.defaults(dir));
             EmbeddedBridge first = new EmbeddedBridge(engine);
             EmbeddedBridge second = new EmbeddedBridge(engine)) {
            first.start(0, "");
            int port = Integer.parseInt(first.status().url().replaceAll(".*:(\\d+)/ws", "$1"));
            second.start(port, "");
            assertThat(second.status().running()).isFalse();
            assertThat(second.status().label()).startsWith("off · cannot listen on 127.0.0.1:" + port);
        }
    }
}
