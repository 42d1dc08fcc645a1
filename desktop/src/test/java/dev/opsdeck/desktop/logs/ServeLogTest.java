package dev.opsdeck.desktop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opsdeck serve --log-format json --log-level trace}, as a user starts it: its log file in the data dir holds
 * one JSON object a line, and none of the secrets it was given (token, model key, database password, a runbook's
 * variable) even at the most talkative level, with clients using the token.
 */
class ServeLogTest {

    private static final String TOKEN = "tok-3f9a1c77e2";
    private static final String MODEL_KEY = "AIzaKEY-5d1e0b99";
    private static final String RUNBOOK_SECRET = "pagerduty-8c2b41";

    @TempDir
    Path dataDir;

    @Test
    void serveWritesJsonLinesToItsLogFile_withNoSecretInThem() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.opsdeck.desktop.Launcher", "serve",
                "--port", "0", "--hooks-port", "0", "--token", TOKEN, "--data-dir", dataDir.toString(),
                "--log-format", "json", "--log-level", "trace")
                .redirectErrorStream(true);
        pb.environment().put("GEMINI_API_KEY", MODEL_KEY);
        // Nothing answers here: each model call fails, and its failure is logged.
        pb.environment().put("GOOGLE_GEMINI_BASE_URL", "http://127.0.0.1:9");
        pb.environment().put("RUNBOOK_PAGER_TOKEN", RUNBOOK_SECRET);
        Process serve = pb.start();
        List<String> output = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String http = null;
            for (String line; http == null && (line = out.readLine()) != null; ) {
                output.add(line);
                Matcher m = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)/healthz").matcher(line);
                http = m.find() ? m.group(1) : null;
            }
            assertThat(http).as("serve's ready line, in %s", output).isNotNull();
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(http + "/snapshot?token=wrong"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> snapshot = client.send(HttpRequest.newBuilder(URI.create(http + "/snapshot"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(snapshot.statusCode()).isEqualTo(200);
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
        }

        Path log = Logs.file(dataDir);
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as("trace lines in the log file").hasSizeGreaterThan(5);
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode entry = json.readTree(line);
            assertThat(entry.isObject()).as(line).isTrue();
            assertThat(entry.path("level").asText()).as(line).isNotEmpty();
            assertThat(entry.has("formattedMessage")).as(line).isTrue();
        }
        String all = Files.readString(log) + String.join("\n", output);
        assertThat(all).doesNotContain(TOKEN, MODEL_KEY, RUNBOOK_SECRET);
    }
}
