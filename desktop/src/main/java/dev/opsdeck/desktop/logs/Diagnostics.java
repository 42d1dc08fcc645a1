package dev.opsdeck.desktop.logs;

import dev.opsdeck.desktop.settings.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The text of Settings' <em>Copy diagnostics</em>, for a bug report: the version, the runtime, the settings with
 * their secrets masked, the reasoning key's presence (never its value) and the log's last lines (already masked as
 * they were written, and masked again with the settings' secrets).
 */
public final class Diagnostics {

    /** What {@code opsdeck --version} and a bug report say. */
    public static final String VERSION = "OpsDeck 0.1";

    static final int LOG_LINES = 200;

    private Diagnostics() {
    }

    public static String of(Settings settings, String keyPresence, Path dataDir) {
        Path log = Logs.file(dataDir);
        StringBuilder text = new StringBuilder();
        text.append(VERSION).append('\n')
                .append("java ").append(System.getProperty("java.vm.version")).append(" (")
                .append(System.getProperty("java.vm.vendor")).append("), ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(' ').append(System.getProperty("os.arch")).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores\n")
                .append("data dir: ").append(dataDir).append('\n')
                .append("model keys: ").append(keyPresence).append('\n')
                .append("settings: model=").append(settings.geminiModel())
                .append(", bridge=").append(settings.bridgeEnabled() ? "on" : "off")
                .append(", port=").append(settings.bridgePort())
                .append(", token=").append(settings.bridgeToken().isEmpty() ? "none" : MaskingEncoder.MASK)
                .append(", theme=").append(settings.theme())
                .append(", reach=").append(settings.reach())
                .append(", prometheus=").append(settings.prometheusUrl().isEmpty() ? "none" : settings.prometheusUrl())
                .append(", database=").append(masked(settings.databaseUrl()))
                .append(", server=").append(settings.serverUrl().isEmpty() ? "none (an engine here)" : settings.serverUrl())
                .append(", server token=").append(settings.serverToken().isEmpty() ? "none" : MaskingEncoder.MASK)
                .append('\n')
                .append("log: ").append(log).append(" (last ").append(LOG_LINES).append(" lines)\n");
        text.append(tail(log));
        String all = text.toString();
        for (String secret : Secrets.of(java.util.Map.of(), dataDir, dataDir,
                List.of(settings.bridgeToken(), settings.databaseUrl(), settings.serverToken()))) {
            if (secret.length() >= 4) {
                all = all.replace(secret, MaskingEncoder.MASK);
            }
        }
        return all;
    }

    private static String masked(String url) {
        if (url.isEmpty()) {
            return "none";
        }
        String password = Secrets.password(url);
        return password == null || password.isEmpty() ? url : url.replace(":" + password + "@", ":" + MaskingEncoder.MASK + "@");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            List<String> last = lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size());
            return last.isEmpty() ? "(the log is empty)\n" : String.join("\n", last) + "\n";
        } catch (IOException e) {
            return "(the log cannot be read: " + e.getMessage() + ")\n";
        }
    }
}
