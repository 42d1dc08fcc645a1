package dev.opsdeck.engine.exam;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.opsdeck.engine.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The exam's results as a person reads them (a table per case, then per family) and as one JSON line for a machine. */
public final class ExamReport {

    private final List<Exam.Result> results;

    public ExamReport(List<Exam.Result> results) {
        this.results = List.copyOf(results);
    }

    /** One row per case, as it finishes; a failed case's RCA below it, so the miss can be read. */
    public static String row(Exam.Result r) {
        List<String> notes = new ArrayList<>(r.grade().passed() ? List.of() : r.grade().misses());
        if (r.fallbacks() > 0) {
            notes.add(fellBack(r.fallbacks()));
        }
        String why = String.join("; ", notes);
        String rca = r.grade().passed() || r.rca().isEmpty() ? "" : System.lineSeparator() + "    rca: " + r.rca();
        return rowLine(r, why) + rca;
    }

    private static String rowLine(Exam.Result r, String why) {
        return String.format(Locale.ROOT, "%-34s %-22s %-7s %-5s %6.2fs  %s", r.exam().name(),
                r.exam().expected().family(), r.exam().expected().hasRedHerring() ? "herring" : "", r.grade().passed() ? "pass" : "FAIL", r.seconds(),
                why);
    }

    /** Said wherever a model's score is shown: the turns it lost to the rules count as the rules' work. */
    static String fellBack(int turns) {
        return "fell back to rules on " + turns + (turns == 1 ? " turn" : " turns");
    }

    public static String header() {
        return String.format(Locale.ROOT, "%-34s %-22s %-7s %-5s %7s  %s", "case", "family", "", "", "time", "why not");
    }

    /** The per-family table and the overall line. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%n%-22s %5s %6s %7s%n", "family", "cases", "passed", "rate"));
        by(r -> r.exam().expected().family()).forEach((family, rs) -> b.append(String.format(Locale.ROOT,
                "%-22s %5d %6d %6.1f%%%n", family, rs.size(), passed(rs), 100.0 * rate(rs))));
        List<Exam.Result> herrings = results.stream().filter(r -> r.exam().expected().hasRedHerring()).toList();
        b.append(String.format(Locale.ROOT, "%-22s %5d %6d %6.1f%%%n", "(with a red herring)", herrings.size(),
                passed(herrings), 100.0 * rate(herrings)));
        b.append(String.format(Locale.ROOT, "%-22s %5d %6d %6.1f%%  backend %s, %.2f s per case on average%n",
                "overall", results.size(), passed(results), 100.0 * rate(results),
                String.join(",", by(Exam.Result::backend).keySet()), meanSeconds()));
        int turns = fallbacks(results);
        if (turns > 0) {
            b.append(String.format(Locale.ROOT, "%-22s %s in %d case(s): those turns are the rules' work%n", "",
                    fellBack(turns), results.stream().filter(r -> r.fallbacks() > 0).count()));
        }
        return b.toString();
    }

    /** One JSON line: pass rate overall, per family, per reasoning backend, red herrings, and time per case. */
    public String json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("exam", "opsdeck");
        out.put("cases", results.size());
        out.put("passed", passed(results));
        out.put("pass_rate", round(rate(results)));
        out.put("families", rates(by(r -> r.exam().expected().family())));
        out.put("backends", rates(by(Exam.Result::backend)));
        out.put("fallback_turns", fallbacks(results));
        List<Exam.Result> herrings = results.stream().filter(r -> r.exam().expected().hasRedHerring()).toList();
        out.put("red_herring", Map.of("cases", herrings.size(), "passed", passed(herrings), "pass_rate",
                round(rate(herrings))));
        out.put("seconds_per_case", Map.of("mean", round(meanSeconds()), "max",
                round(results.stream().mapToDouble(Exam.Result::seconds).max().orElse(0))));
        List<String> failed = new ArrayList<>();
        results.stream().filter(r -> !r.grade().passed()).forEach(r -> failed.add(r.exam().name()));
        out.put("failed", failed);
        try {
            return Json.MAPPER.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the exam's JSON line", e);
        }
    }

    public double passRate() {
        return rate(results);
    }

    private Map<String, List<Exam.Result>> by(Function<Exam.Result, String> key) {
        Map<String, List<Exam.Result>> out = new TreeMap<>();
        results.forEach(r -> out.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        return out;
    }

    private static Map<String, Object> rates(Map<String, List<Exam.Result>> groups) {
        Map<String, Object> out = new LinkedHashMap<>();
        groups.forEach((k, rs) -> out.put(k, Map.of("cases", rs.size(), "passed", passed(rs), "pass_rate",
                round(rate(rs)), "fallback_turns", fallbacks(rs))));
        return out;
    }

    private static int fallbacks(List<Exam.Result> rs) {
        return rs.stream().mapToInt(Exam.Result::fallbacks).sum();
    }

    private static int passed(List<Exam.Result> rs) {
        return (int) rs.stream().filter(r -> r.grade().passed()).count();
    }

    private static double rate(List<Exam.Result> rs) {
        return rs.isEmpty() ? 0 : (double) passed(rs) / rs.size();
    }

    private double meanSeconds() {
        return results.stream().mapToDouble(Exam.Result::seconds).average().orElse(0);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
