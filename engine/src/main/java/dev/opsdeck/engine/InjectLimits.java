package dev.opsdeck.engine;

/**
 * How much an inject may carry, wherever it comes from: the console's form, a client on /ws, the REST API, or an
 * alert (its system, its name as the issue, its labels). The one source: {@link Injection} checks against it, the
 * wire (server-bridge's {@code ClientRequests}) and the alert intake derive their bounds from it, so a limit changed
 * here is changed everywhere. In characters.
 */
public final class InjectLimits {

    /** A system name: a host, service or instance name. */
    public static final int SYSTEM = 128;
    /** An issue key (an alert's name becomes one). */
    public static final int ISSUE = 100;
    /** A severity as sent ({@code sev1}..{@code sev3}; a little room for a wrong one to be named back). */
    public static final int SEV = 10;
    /** The operator's description of a custom incident. */
    public static final int DESCRIPTION = 4000;
    /** Any other text sent with one: a sign-off's decision, an alert's label value. */
    public static final int TEXT = 1000;
    /** An alert's label name: Prometheus' are short identifiers; a longer one is a mistake or a payload. */
    public static final int LABEL_NAME = 100;

    private InjectLimits() {
    }
}
