package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * If the listening socket dies anyway (the socket library closes it, silently, when an accept fails), the bridge
 * says so and tells its owner, which for {@code opsdeck serve} means exiting non-zero for the supervisor.
 */
class ListenerLostTest {

    @TempDir
    Path dir;

    @Test
    void aListeningSocketClosedUnderTheBridge_isReportedToItsOwner() throws Exception {
        try (TestBridge t = TestBridge.start(dir)) {
            CountDownLatch lost = new CountDownLatch(1);
            t.bridge.onListenerLost(lost::countDown);
            assertThat(lost.getCount()).isEqualTo(1);
            // What the library does on a failed accept: close its listening channel and carry on.
            Field server = WebSocketServer.class.getDeclaredField("server");
            server.setAccessible(true);
            Field inner = Bridge.class.getDeclaredField("server");
            inner.setAccessible(true);
            ((ServerSocketChannel) server.get(inner.get(t.bridge))).close();
            assertThat(lost.await(10, TimeUnit.SECONDS)).as("the owner was told").isTrue();
        }
    }
}
