package dev.opsdeck.bridge.server;

import dev.opsdeck.bridge.wire.Documents;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plain HTTP answer on the WebSocket port (a JSON body, then the connection closes), or on the hooks' port. */
public record HttpReply(int status, String reason, Map<String, String> headers, String body) {

    public HttpReply {
        headers = new LinkedHashMap<>(headers);
    }

    public static HttpReply ok(String json) {
        return new HttpReply(200, "OK", Map.of(), json);
    }

    public static HttpReply problem(int status, String reason, String detail) {
        return new HttpReply(status, reason, Map.of(), Documents.problem(detail));
    }

    public HttpReply withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new HttpReply(status, reason, h, body);
    }

    /** The whole response, status line to body. */
    byte[] bytes() {
        return bytes(true);
    }

    /** The response; without its body when answering a HEAD (the headers still give the body's length). */
    byte[] bytes(boolean withBody) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(256);
        b.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        b.append("Content-Type: application/json; charset=utf-8\r\n");
        b.append("Content-Length: ").append(content.length).append("\r\n");
        b.append("Cache-Control: no-store\r\n");
        b.append("Connection: close\r\n");
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        b.append("\r\n");
        byte[] head = b.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (!withBody) {
            return head;
        }
        byte[] all = new byte[head.length + content.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        return all;
    }
}
