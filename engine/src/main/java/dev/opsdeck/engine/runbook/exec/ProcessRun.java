package dev.opsdeck.engine.runbook.exec;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process, from an argv (never a shell), with only {@code PATH} and what the action names in its environment,
 * its output merged and bounded, and its whole tree killed when its time is up.
 */
final class ProcessRun {

    private ProcessRun() {
    }

    static Result run(List<String> argv, Map<String, String> env, Duration timeout, Secrets.Expanded secrets) {
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> childEnv = pb.environment();
        String path = childEnv.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        childEnv.clear();
        childEnv.put("PATH", path);
        childEnv.putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(null, false, "", millis(t0), "did not start: " + e.getMessage());
        }
        Tail tail = new Tail();
        Thread reader = new Thread(() -> drain(p.getInputStream(), tail), "opsdeck-action-output");
        reader.setDaemon(true);
        reader.start();
        boolean done;
        try {
            done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        if (!done) {
            killTree(p);
        }
        try {
            // A grandchild that keeps the pipe open must not hold the runner: the output read so far is enough.
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String out = secrets.mask(tail.text());
        if (!done) {
            return new Result(null, false, out, millis(t0), "timed out after " + seconds(timeout)
                    + ", process tree killed");
        }
        int exit = p.exitValue();
        return new Result(exit, exit == 0, out, millis(t0), exit == 0 ? null : "exit " + exit);
    }

    private static void drain(InputStream in, Tail tail) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                tail.add(buf, n);
            }
        } catch (IOException e) {
            // The process was killed or closed its output: what was read is kept.
        }
    }

    private static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
