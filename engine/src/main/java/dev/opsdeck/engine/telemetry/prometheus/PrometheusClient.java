package dev.opsdeck.engine.telemetry.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.engine.Json;
import dev.opsdeck.engine.telemetry.Reading;
import dev.opsdeck.engine.telemetry.Telemetry;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The telemetry port on Prometheus' HTTP API ({@code GET /api/v1/query}, an instant query), with the JDK's HTTP
 * client: one timeout bounds the whole call, so a probe never hangs a turn. Down, a refused query, a timeout or an
 * answer that is not Prometheus' all come back as a failed {@link Reading} saying which.
 */
public final class PrometheusClient implements Telemetry {

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;
    /** The moment every query is evaluated at, for a diagnosis replayed at an alert's time; null: Prometheus' now. */
    private final Instant evaluation;

    public PrometheusClient(URI base, Duration timeout) {
        this(base, timeout, null, HttpClient.newBuilder().connectTimeout(timeout).build());
    }

    private PrometheusClient(URI base, Duration timeout, Instant evaluation, HttpClient http) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.timeout = timeout;
        this.evaluation = evaluation;
        this.http = http;
    }

    /** The same Prometheus with every query evaluated at {@code when}, as if it were then (the exam's cases). */
    public PrometheusClient at(Instant when) {
        return new PrometheusClient(base, timeout, when, http);
    }

    /** @throws IllegalArgumentException if {@code url} is not an http(s) URL */
    public static PrometheusClient of(String url, Duration timeout) {
        URI u;
        try {
            u = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--prometheus: '" + url + "' is not a URL; e.g. http://127.0.0.1:9090");
        }
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                || u.getHost() == null) {
            throw new IllegalArgumentException("--prometheus: '" + url + "' is not an http(s) URL; e.g. http://127.0.0.1:9090");
        }
        return new PrometheusClient(u, timeout);
    }

    @Override
    public String name() {
        return "Prometheus at " + base;
    }

    @Override
    public Reading instant(String promql) {
        return query(promql, evaluation);
    }

    @Override
    public Reading instantAt(String promql, Instant when) {
        return query(promql, when);
    }

    @Override
    public Optional<Instant> evaluationTime() {
        return Optional.ofNullable(evaluation);
    }

    private Reading query(String promql, Instant when) {
        // Prometheus' own timeout a little under ours, so a slow query is told by Prometheus rather than cut.
        long serverMs = Math.max(100, timeout.toMillis() * 9 / 10);
        URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&timeout=" + serverMs + "ms" + (when == null ? "" : "&time=" + seconds(when)));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return Reading.failed(name() + " did not answer within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return Reading.failed(name() + " is unreachable (" + (e.getMessage() == null ? "connection refused"
                    : e.getMessage()) + ")");
        } catch (IOException e) {
            return Reading.failed(name() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reading.failed("interrupted while asking " + name());
        }
        return read(response.statusCode(), response.body());
    }

    /** Prometheus' time parameter: Unix seconds with milliseconds. */
    private static String seconds(Instant when) {
        return BigDecimal.valueOf(when.toEpochMilli()).movePointLeft(3).toPlainString();
    }

    Reading read(int status, String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Reading.failed(name() + " answered HTTP " + status + " with something that is not its API's JSON");
        }
        if (root == null || !"success".equals(root.path("status").asText())) {
            String error = root == null ? "" : root.path("error").asText("");
            return Reading.failed(name() + " refused the query (HTTP " + status + ")"
                    + (error.isEmpty() ? "" : ": " + error));
        }
        JsonNode data = root.path("data");
        String type = data.path("resultType").asText();
        List<Reading.Sample> samples = new ArrayList<>();
        if (type.equals("vector")) {
            for (JsonNode series : data.path("result")) {
                samples.add(new Reading.Sample(labels(series.path("metric")), value(series.path("value"))));
            }
        } else if (type.equals("scalar")) {
            samples.add(new Reading.Sample(Map.of(), value(data.path("result"))));
        } else {
            return Reading.failed("the query returns a " + type + ", not an instant vector or a scalar");
        }
        return Reading.of(samples);
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metric.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /** {@code [timestamp, "value"]}; Prometheus writes values as strings ({@code "NaN"}, {@code "+Inf"} too). */
    private static double value(JsonNode pair) {
        String v = pair.path(1).asText("NaN");
        switch (v) {
            case "+Inf": return Double.POSITIVE_INFINITY;
            case "-Inf": return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
        }
    }
}
