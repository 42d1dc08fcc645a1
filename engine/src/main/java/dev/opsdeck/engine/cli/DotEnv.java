package dev.opsdeck.engine.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The variables OpsDeck reads: the process environment first, then {@code .env} files filling in what it lacks
 * (as dotenv tools do: a variable already set is never overridden), in the order given.
 */
public final class DotEnv {

    private static final Logger log = LoggerFactory.getLogger(DotEnv.class);

    private DotEnv() {
    }

    public static Map<String, String> merged(Map<String, String> environment, List<Path> dotEnvFiles) {
        Map<String, String> vars = new LinkedHashMap<>(environment);
        for (Path file : dotEnvFiles) {
            if (Files.isRegularFile(file)) {
                read(file).forEach(vars::putIfAbsent);
            }
        }
        return vars;
    }

    /** {@code KEY=value} lines; {@code export }, quotes and {@code #} comments allowed; anything else skipped. */
    static Map<String, String> read(Path file) {
        Map<String, String> vars = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("cannot read {}: {}", file, e.getMessage());
            return vars;
        }
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("export ")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("#") || eq <= 0) {
                continue;
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            } else if (value.contains(" #")) {
                value = value.substring(0, value.indexOf(" #")).strip();
            }
            vars.put(line.substring(0, eq).strip(), value);
        }
        return vars;
    }
}
