package dev.opsdeck.engine.workflow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One accepted post on a channel: a seeder's or the operator's text ({@value #TEXT}), or one agent turn
 * ({@value #PACKET}) whose tool is its routing call and whose body is its closing line. The journal is a list of
 * these; the workflow state is a fold over them.
 *
 * @param n       the post's position in its channel, from 1
 * @param backend which reasoning produced the turn ({@code rules}, {@code gemini}, ...), null for texts
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Envelope(
        @JsonProperty("channel_id") String channelId,
        int n,
        @JsonProperty("sender_id") String senderId,
        String sender,
        @JsonProperty("event_type") String eventType,
        String text,
        String tool,
        @JsonProperty("tool_args") Map<String, Object> toolArgs,
        String body,
        String backend,
        double ts) {

    public static final String TEXT = "ag2.msg.text";
    public static final String PACKET = "ag2.packet";
    /** Ends the backend of a turn the rules took because the model's answer was unusable or never came. */
    public static final String FALLBACK = " (fallback)";

    public Envelope {
        toolArgs = toolArgs == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(toolArgs));
    }

    public static Envelope text(String channelId, int n, String sender, String text, double ts) {
        return new Envelope(channelId, n, senderId(channelId, sender), sender, TEXT, text, null, null, null, null, ts);
    }

    public static Envelope packet(String channelId, int n, String sender, String tool, Map<String, Object> args,
            String body, String backend, double ts) {
        return new Envelope(channelId, n, senderId(channelId, sender), sender, PACKET, null, tool, args, body,
                backend, ts);
    }

    /** An opaque id, stable for one agent on one channel. */
    public static String senderId(String channelId, String sender) {
        return sender.toLowerCase(java.util.Locale.ROOT) + "@" + channelId;
    }

    /** Whether the rules posted this turn in place of a model that failed it. */
    public boolean fellBack() {
        return backend != null && backend.endsWith(FALLBACK);
    }

    public String id() {
        return channelId + "#" + n;
    }

    public boolean isPacket() {
        return PACKET.equals(eventType);
    }

    /** Text for a text post, the body for a packet. */
    public String line() {
        return isPacket() ? (body == null ? "" : body) : (text == null ? "" : text);
    }
}
