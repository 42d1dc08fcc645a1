package dev.opsdeck.bridge.hooks;

import dev.opsdeck.bridge.server.HttpReply;
import dev.opsdeck.bridge.wire.Documents;
import dev.opsdeck.engine.Engine;
import dev.opsdeck.engine.alert.AlertNotice;
import dev.opsdeck.engine.alert.AlertPayload;
import dev.opsdeck.engine.alert.AlertReceipt;
import dev.opsdeck.engine.alert.BadPayload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert hooks, {@code POST /hooks/alertmanager} and {@code POST /hooks/grafana}, on the HTTP port (the request
 * already screened by the bridge's gate). A delivery is parsed whole, then handed to the engine, which stores it
 * before the 202 goes out; a bad one is refused whole with a one-line reason.
 */
public final class AlertHooks {

    private static final Logger log = LoggerFactory.getLogger(AlertHooks.class);

    /** The largest delivery taken: Alertmanager's biggest groups stay far below it. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    public static final String ALERTMANAGER = "/hooks/alertmanager";
    public static final String GRAFANA = "/hooks/grafana";
    /** What is read and dropped of a refused body, so its sender sees the reply and not a reset connection. */
    private static final long DRAIN_BYTES = 16L << 20;

    private final Engine engine;

    public AlertHooks(Engine engine) {
        this.engine = engine;
    }

    /**
     * @param length the {@code Content-Length} header, empty when absent
     */
    public HttpReply answer(String method, String path, String length, InputStream body) throws IOException {
        AlertPayload.Source source = path.equals(ALERTMANAGER) ? AlertPayload.Source.ALERTMANAGER
                : path.equals(GRAFANA) ? AlertPayload.Source.GRAFANA : null;
        if (source == null) {
            return HttpReply.problem(404, "Not Found", "no such hook " + path + "; POST to " + ALERTMANAGER + " or " + GRAFANA);
        }
        if (!method.equals("POST")) {
            return HttpReply.problem(405, "Method Not Allowed", path + " takes a POST of the webhook's JSON")
                    .withHeader("Allow", "POST");
        }
        if (!length.isEmpty() && length.matches("\\d{1,18}") && Long.parseLong(length) > MAX_BODY_BYTES) {
            return tooLarge();
        }
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            return tooLarge();
        }
        List<AlertNotice> notices;
        try {
            notices = AlertPayload.parse(new String(bytes, StandardCharsets.UTF_8), source);
        } catch (BadPayload e) {
            return HttpReply.problem(400, "Bad Request", e.getMessage());
        }
        AlertReceipt receipt;
        try {
            receipt = engine.receiveAlerts(notices);
        } catch (RuntimeException e) {
            log.error("could not take an alert delivery", e);
            // A 5xx: Alertmanager retries it, and nothing of it was kept.
            return HttpReply.problem(503, "Service Unavailable", "the delivery could not be stored: " + e.getMessage());
        }
        return new HttpReply(202, "Accepted", java.util.Map.of(), Documents.alertReceipt(receipt));
    }

    private static HttpReply tooLarge() {
        return HttpReply.problem(413, "Payload Too Large", "the delivery is over " + MAX_BODY_BYTES
                + " bytes (1 MiB); lower Alertmanager's max_alerts for this receiver");
    }

    /** Reads and drops what is left of a refused body (bounded), so its sender reads the reply. */
    public static void drain(InputStream in) {
        byte[] buf = new byte[64 * 1024];
        long left = DRAIN_BYTES;
        try {
            for (int n = in.read(buf); n > 0 && left > 0; n = in.read(buf)) {
                left -= n;
            }
        } catch (IOException e) {
            log.debug("a refused body could not be drained: {}", e.toString());
        }
    }
}
