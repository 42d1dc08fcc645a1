package dev.opsdeck.engine.runbook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One thing an action does: a process (argv, never a shell), an HTTP request, a playbook, or, in the bundled world
 * only, a simulated effect. Values may hold {@code {param}} and {@code ${env:NAME}} placeholders; {@link #map}
 * rewrites each value on its own, so a substitution never splits or joins arguments.
 */
public sealed interface Step {

    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    Duration timeout();

    /** The exact line shown to the operator (secrets stay as their {@code ${env:…}} names). */
    String shown();

    /** This step with {@code f} applied to every value. */
    Step map(UnaryOperator<String> f);

    /** Everything that would run, in one stable text: what a proposal's digest covers. */
    default String canonical() {
        java.util.List<String> values = new ArrayList<>();
        map(v -> {
            values.add(v);
            return v;
        });
        return getClass().getSimpleName() + "\u0000" + timeout().toMillis() + "\u0000" + shown() + "\u0000"
                + String.join("\u0000", values);
    }

    record Command(List<String> argv, Duration timeout, Map<String, String> env) implements Step {
        public Command {
            argv = List.copyOf(argv);
            env = sorted(env);
        }

        public String shown() {
            StringBuilder b = new StringBuilder();
            for (String a : argv) {
                b.append(b.length() == 0 ? "" : " ").append(quoted(a));
            }
            if (!env.isEmpty()) {
                b.append("  (env: ").append(String.join(", ", new java.util.TreeSet<>(env.keySet()))).append(')');
            }
            return b.toString();
        }

        public Step map(UnaryOperator<String> f) {
            Map<String, String> e = new LinkedHashMap<>();
            env.forEach((k, v) -> e.put(k, f.apply(v)));
            return new Command(argv.stream().map(f).toList(), timeout, e);
        }
    }

    record Http(String method, String url, Map<String, String> headers, String body, List<Integer> ok,
            Duration timeout) implements Step {
        public Http {
            headers = sorted(headers);
            ok = List.copyOf(ok);
            body = body == null ? "" : body;
        }

        public String shown() {
            return method + " " + url + (body.isEmpty() ? "" : "  body " + body);
        }

        public Step map(UnaryOperator<String> f) {
            Map<String, String> h = new LinkedHashMap<>();
            headers.forEach((k, v) -> h.put(k, f.apply(v)));
            return new Http(method, f.apply(url), h, f.apply(body), ok, timeout);
        }
    }

    /** {@code ansible-playbook}; {@code check} adds {@code --check --diff} (its dry run). */
    record Ansible(String playbook, String inventory, String limit, Map<String, String> extraVars, boolean check,
            Duration timeout) implements Step {
        public Ansible {
            extraVars = sorted(extraVars);
        }

        /** The argv this step runs: extra vars as one JSON argument, so no value is ever split. */
        public List<String> argv() {
            List<String> a = new ArrayList<>(List.of("ansible-playbook"));
            if (inventory != null && !inventory.isEmpty()) {
                a.addAll(List.of("-i", inventory));
            }
            if (limit != null && !limit.isEmpty()) {
                a.addAll(List.of("--limit", limit));
            }
            if (!extraVars.isEmpty()) {
                a.addAll(List.of("-e", dev.opsdeck.engine.Json.write(new java.util.TreeMap<>(extraVars))));
            }
            if (check) {
                a.addAll(List.of("--check", "--diff"));
            }
            a.add(playbook);
            return a;
        }

        public String shown() {
            StringBuilder b = new StringBuilder();
            for (String x : argv()) {
                b.append(b.length() == 0 ? "" : " ").append(quoted(x));
            }
            return b.toString();
        }

        public Step map(UnaryOperator<String> f) {
            Map<String, String> v = new LinkedHashMap<>();
            extraVars.forEach((k, x) -> v.put(k, f.apply(x)));
            return new Ansible(f.apply(playbook), inventory == null ? null : f.apply(inventory),
                    limit == null ? null : f.apply(limit), v, check, timeout);
        }

        public Ansible checked() {
            return new Ansible(playbook, inventory, limit, extraVars, true, timeout);
        }
    }

    /** The bundled world's effects: nothing runs; every line it produces begins {@code (simulated)}. */
    record Simulated(String text) implements Step {
        public Duration timeout() {
            return DEFAULT_TIMEOUT;
        }

        public String shown() {
            return "(simulated) " + text;
        }

        public Step map(UnaryOperator<String> f) {
            return new Simulated(f.apply(text));
        }
    }

    /** A map in key order, so a step reads (and digests) the same in every JVM. */
    private static Map<String, String> sorted(Map<String, String> m) {
        return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(m));
    }

    private static String quoted(String arg) {
        if (!arg.isEmpty() && arg.chars().allMatch(c -> Character.isLetterOrDigit(c) || "/._-=:,@%+{}$".indexOf(c) >= 0)) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
