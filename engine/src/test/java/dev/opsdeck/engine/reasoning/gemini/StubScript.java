package dev.opsdeck.engine.reasoning.gemini;

import static dev.opsdeck.engine.reasoning.gemini.StubGemini.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opsdeck.engine.reasoning.gemini.StubGemini.Call;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stub's happy path: what a careful model would answer each agent, read from the request itself (the kickoff
 * in the transcript, the probe results sent back), never from the engine's internals. Specialists and fixers take
 * two model calls (probes, then their routing call); the other agents route at once. Every answer reports
 * 100 prompt and 20 output tokens.
 */
public final class StubScript {

    public static final int PROMPT_TOKENS = 100;
    public static final int OUTPUT_TOKENS = 20;

    private static final Pattern SYSTEM_ISSUE = Pattern.compile("System: ([\\w.-]+)\\. issue_type: (\\w+)");
    private static final Pattern ISSUE_ON = Pattern.compile("sev\\d: (\\w+) on ([\\w.-]+)\\.");
    private static final Pattern FOUND = Pattern.compile("Found 1 recent ticket: (INC-\\d+)");

    public JsonNode answer(Call call) {
        String transcript = call.texts();
        switch (call.agent()) {
            case INTAKE_LOOKUP: {
                String[] si = systemAndIssue(transcript);
                return reply("Checking recent tickets for " + si[1] + " on " + si[0] + ".",
                        fc("list_recent_tickets", "system", si[0], "issue_type", si[1], "lookback_minutes", 15));
            }
            case INTAKE_DECIDE: {
                Matcher m = FOUND.matcher(transcript);
                return m.find()
                        ? reply("Duplicate of " + m.group(1) + ".", fc("mark_as_duplicate", "parent_ticket_id",
                                m.group(1), "reason", "same system and issue within 15 minutes"))
                        : reply("Nothing recent: proceeding.", fc("proceed_to_triage", "reason", "no recent match"));
            }
            case TRIAGE: {
                String kickoff = transcript.toLowerCase(Locale.ROOT);
                List<String> picked = new ArrayList<>();
                for (String s : List.of("network", "storage", "web")) {
                    if (kickoff.contains(s)) {
                        picked.add(s);
                    }
                }
                return reply("Assigning " + picked + ".", fc("assign_specialists", "specialists",
                        picked.isEmpty() ? List.of("network", "storage", "web") : picked, "reason", "signals"));
            }
            case NETWORK:
                return probeThenSubmit(call, "submit_findings", fc("ping_host", "host", system(transcript)),
                        fc("check_dns", "host", system(transcript)));
            case STORAGE:
                return probeThenSubmit(call, "submit_findings", fc("get_disk_status", "host", "storage-node-04"),
                        fc("get_pool_health", "pool", "tank"));
            case WEB:
                return probeThenSubmit(call, "submit_findings", fc("get_recent_5xx", "host", system(transcript)),
                        fc("get_upstream_latency", "host", system(transcript)));
            case RCA:
                return reply("Root cause stated.", fc("submit_rca", "root_cause",
                        "A faulted disk in pool tank on storage-node-04 slows reads; web-edge-01's upstream times out "
                                + "and answers 502. The network is healthy.", "confidence", "high"));
            case REMEDIATION:
                return reply("Four steps posted.", fc("post_recommendations", "steps", List.of(
                        "Fail over storage-node-04 to its standby (disruptive).",
                        "Start a scrub of pool tank and stage the slot 2 disk for hot-swap.",
                        "Raise the nginx upstream timeout to 30s and add a health check for storage-node-04.",
                        "Page the storage team with the findings.")));
            case REM_TRIAGE: {
                String text = transcript.toLowerCase(Locale.ROOT);
                List<String> fixers = new ArrayList<>();
                if (text.matches("(?s).*(fail over|failover|restart|reboot).*")) {
                    fixers.add("infra");
                }
                if (text.matches("(?s).*(scrub|disk|resilver|hot-swap).*")) {
                    fixers.add("storage");
                }
                if (text.matches("(?s).*(timeout|health check).*")) {
                    fixers.add("config");
                }
                fixers.add("human");
                return reply("Fixers assigned.", fc("assign_fixers", "fixers", fixers, "reason", "step owners"));
            }
            case INFRA:
            case STORAGE_FIX:
            case CONFIG_FIX:
                // Fixers hold no tool that changes anything: they review, the engine's runner runs actions.
                return reply("Reviewed.", fc("submit_fix", "summary", "My steps are covered by the proposed "
                        + "runbook actions or handed to the owning team.", "status", "partial"));
            case RESOLVER: {
                String status = transcript.contains("APPROVED") ? "resolved"
                        : transcript.contains("DEFERRED") ? "partially_resolved" : "needs_followup";
                return reply("Closing.", fc("close_ticket", "status", status, "summary", "Stub resolution."));
            }
            default:
                throw new IllegalArgumentException(call.agent() + " does not reason");
        }
    }

    /** First call: the probes; once their results are back: the routing call, citing them as evidence. */
    private JsonNode probeThenSubmit(Call call, String routing, ObjectNode... probes) {
        if (call.step() == 0) {
            return reply(null, probes);
        }
        String evidence = String.join(" | ", call.functionResults());
        return routing.equals("submit_findings")
                ? reply("Findings submitted.", fc(routing, "summary", "Probed; see evidence.", "evidence", evidence))
                : reply("Fix submitted.", fc(routing, "summary", "Applied: " + evidence, "status",
                        routing.equals("submit_fix") && evidence.contains("AWAITING") ? "partial" : "applied"));
    }

    public static ObjectNode fc(String name, Object... keyValues) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            args.put((String) keyValues[i], keyValues[i + 1]);
        }
        ObjectNode part = JSON.createObjectNode();
        part.putObject("functionCall").put("name", name).set("args", JSON.valueToTree(args));
        return part;
    }

    /** A response with an optional text part and function-call parts, and usage metadata. */
    public static ObjectNode reply(String text, ObjectNode... callParts) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode content = root.putArray("candidates").addObject().putObject("content");
        content.put("role", "model");
        ArrayNode parts = content.putArray("parts");
        if (text != null) {
            parts.addObject().put("text", text);
        }
        for (ObjectNode p : callParts) {
            parts.add(p);
        }
        root.putObject("usageMetadata").put("promptTokenCount", PROMPT_TOKENS)
                .put("candidatesTokenCount", OUTPUT_TOKENS).put("totalTokenCount", PROMPT_TOKENS + OUTPUT_TOKENS);
        return root;
    }

    private static String[] systemAndIssue(String transcript) {
        Matcher m = SYSTEM_ISSUE.matcher(transcript);
        if (m.find()) {
            return new String[] {m.group(1), m.group(2)};
        }
        Matcher on = ISSUE_ON.matcher(transcript);
        if (on.find()) {
            return new String[] {on.group(2), on.group(1)};
        }
        throw new IllegalArgumentException("no system / issue in the transcript");
    }

    private static String system(String transcript) {
        return systemAndIssue(transcript)[0];
    }
}
