package dev.opsdeck.engine.runbook.exec;

import dev.opsdeck.engine.runbook.Step;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

/** One HTTP request of an action (a Rundeck or AWX job, a webhook): success is a status the action lists as ok. */
final class HttpRun {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpRun() {
    }

    static Result run(Step.Http h, Secrets.Expanded secrets) {
        long t0 = System.nanoTime();
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(h.url())).timeout(h.timeout());
            h.headers().forEach(b::header);
            b.method(h.method(), h.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(h.body()));
        } catch (IllegalArgumentException e) {
            return new Result(null, false, "", ProcessRun.millis(t0), "not sent: " + secrets.mask(e.getMessage()));
        }
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            String body = r.body() == null ? "" : r.body();
            if (body.length() > Tail.LIMIT) {
                body = "[" + (body.length() - Tail.LIMIT) + " earlier characters dropped]\n"
                        + body.substring(body.length() - Tail.LIMIT);
            }
            boolean ok = h.ok().contains(r.statusCode());
            return new Result(r.statusCode(), ok, secrets.mask(body), ProcessRun.millis(t0),
                    ok ? null : "HTTP " + r.statusCode() + " (expected one of " + h.ok() + ")");
        } catch (HttpTimeoutException e) {
            return new Result(null, false, "", ProcessRun.millis(t0), "timed out after "
                    + ProcessRun.seconds(h.timeout()));
        } catch (IOException e) {
            return new Result(null, false, "", ProcessRun.millis(t0), "request failed: "
                    + secrets.mask(String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, false, "", ProcessRun.millis(t0), "interrupted");
        }
    }
}
