package dev.opsdeck.engine.runbook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * An action resolved for one ticket: every parameter substituted and checked, ready to show and to run. Its
 * digest covers everything that would run, so an approval given to it is an approval of exactly this.
 */
public record Proposal(Action action, Step run, Step dryRun, String verify, String digest,
        java.util.Map<String, String> values) {

    public Proposal {
        values = java.util.Map.copyOf(values);
    }

    /** @param values each parameter's value for this ticket (the host, mount or service it acts on) */
    static Proposal of(Action action, Step run, Step dryRun, String verify, java.util.Map<String, String> values) {
        String canonical = String.join("\n", action.id(), action.risk().wire(), run.canonical(),
                dryRun == null ? "" : dryRun.canonical(), verify == null ? "" : verify,
                action.within() == null ? "" : action.within().toString());
        return new Proposal(action, run, dryRun, verify, sha256(canonical), values);
    }

    /** How long its verification may take to hold. */
    public Duration within() {
        return action.within();
    }

    public String id() {
        return action.id();
    }

    /** The exact line the operator reads. */
    public String shown() {
        return run.shown();
    }

    private static String sha256(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
