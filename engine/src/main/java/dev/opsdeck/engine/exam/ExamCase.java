package dev.opsdeck.engine.exam;

import dev.opsdeck.engine.alert.AlertNotice;
import dev.opsdeck.engine.alert.AlertPayload;
import dev.opsdeck.engine.alert.BadPayload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * One case of the exam, a directory of three files (the README's "Exam" section): {@code alert.json}, an
 * Alertmanager webhook payload with one firing alert; {@code metrics.om}, the metrics around it in OpenMetrics text
 * with timestamps; {@code answer.yml}, what a right diagnosis says. The diagnosis runs at {@code evaluate_at}, else
 * at the alert's {@code startsAt}.
 */
public record ExamCase(String name, Path dir, String alertJson, AlertNotice alert, Expected expected, Instant at) {

    static final String ALERT = "alert.json";
    static final String METRICS = "metrics.om";
    static final String ANSWER = "answer.yml";
    private static final Set<String> KEYS = Set.of("family", "category", "object", "required", "forbidden",
            "forbidden_categories", "red_herring", "evaluate_at");

    public Path metrics() {
        return dir.resolve(METRICS);
    }

    /** The case directories under {@code root}, in name order, each read and checked. */
    public static List<ExamCase> all(Path root) {
        if (!Files.isDirectory(root)) {
            throw new CaseFormatError("exam: " + root + " is not a directory of cases");
        }
        List<ExamCase> out = new ArrayList<>();
        try (var dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                out.add(load(d));
            }
        } catch (IOException e) {
            throw new CaseFormatError("exam: cannot list " + root + ": " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new CaseFormatError("exam: " + root
                    + " holds no case directory (each with alert.json, metrics.om, answer.yml)");
        }
        return out;
    }

    /** @throws CaseFormatError naming the case, the file and what is wrong, in one line */
    public static ExamCase load(Path dir) {
        String name = dir.getFileName().toString();
        String where = "exam: case " + name + ": ";
        for (String f : List.of(ALERT, METRICS, ANSWER)) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new CaseFormatError(where + f + " is missing (a case holds alert.json, metrics.om, answer.yml)");
            }
        }
        String json = read(dir.resolve(ALERT), where);
        List<AlertNotice> notices;
        try {
            notices = AlertPayload.parse(json, AlertPayload.Source.ALERTMANAGER);
        } catch (BadPayload e) {
            throw new CaseFormatError(where + ALERT + ": " + e.getMessage());
        }
        if (notices.size() != 1 || !notices.get(0).firing()) {
            throw new CaseFormatError(where + ALERT + ": must hold exactly one firing alert, holds " + notices.size()
                    + " alert(s)");
        }
        AlertNotice alert = notices.get(0);
        if (alert.system().isEmpty()) {
            throw new CaseFormatError(where + ALERT + ": the alert has no instance, host, service or job label");
        }
        String om = read(dir.resolve(METRICS), where);
        if (!om.stripTrailing().endsWith("# EOF")) {
            throw new CaseFormatError(where + METRICS + ": OpenMetrics text must end with a '# EOF' line");
        }
        Map<String, Object> answer = answer(dir.resolve(ANSWER), where + ANSWER);
        Expected expected = expected(answer, where + ANSWER);
        Instant at = answer.get("evaluate_at") != null
                ? instant(answer.get("evaluate_at"), where + ANSWER + ": evaluate_at")
                : instant(alert.alert().startsAt(), where + ALERT + ": startsAt");
        return new ExamCase(name, dir, json, alert, expected, at);
    }

    private static Map<String, Object> answer(Path file, String where) {
        Object root;
        try {
            root = new Yaml(new LoaderOptions()).load(read(file, where + ": "));
        } catch (YAMLException e) {
            throw new CaseFormatError(where + ": not YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(root instanceof Map<?, ?> m)) {
            throw new CaseFormatError(where + ": must be a mapping (family, category, object, required, ...)");
        }
        for (Object k : m.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                throw new CaseFormatError(where + ": unknown key '" + k + "'; known: "
                        + KEYS.stream().sorted().toList());
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) m;
        return out;
    }

    private static Expected expected(Map<String, Object> a, String where) {
        String family = text(a, "family", where, true);
        String category = text(a, "category", where, true);
        if (!Expected.CATEGORIES.contains(category)) {
            throw new CaseFormatError(where + ": category must be network, storage, web or none, got '" + category
                    + "'");
        }
        List<String> forbiddenCategories = list(a, "forbidden_categories", where);
        for (String c : forbiddenCategories) {
            if (!Expected.CATEGORIES.contains(c)) {
                throw new CaseFormatError(where + ": forbidden_categories holds '" + c
                        + "'; each must be network, storage, web or none");
            }
        }
        return new Expected(family, category, text(a, "object", where, false), list(a, "required", where),
                list(a, "forbidden", where), forbiddenCategories, text(a, "red_herring", where, false));
    }

    private static String text(Map<String, Object> a, String key, String where, boolean required) {
        Object v = a.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            if (required) {
                throw new CaseFormatError(where + ": " + key + " is required");
            }
            return "";
        }
        if (v instanceof Map || v instanceof List) {
            throw new CaseFormatError(where + ": " + key + " must be a plain value");
        }
        return String.valueOf(v).trim();
    }

    private static List<String> list(Map<String, Object> a, String key, String where) {
        Object v = a.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l) || l.stream().anyMatch(x -> x == null || x instanceof Map || x instanceof List)) {
            throw new CaseFormatError(where + ": " + key + " must be a list of words, e.g. [free, /data]");
        }
        return l.stream().map(x -> String.valueOf(x).trim()).toList();
    }

    private static Instant instant(Object v, String where) {
        if (v instanceof Date d) {
            return d.toInstant(); // YAML reads an unquoted timestamp itself
        }
        try {
            return OffsetDateTime.parse(String.valueOf(v).trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new CaseFormatError(where + ": '" + v + "' is not an RFC 3339 time like 2026-01-15T10:20:00Z");
        }
    }

    private static String read(Path file, String where) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new CaseFormatError(where + file.getFileName() + ": cannot read: " + e.getMessage());
        }
    }
}
