package dev.opsdeck.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.opsdeck.engine.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client of the HTTP API that checks every answer against the server's own OpenAPI document: the status must be
 * one the operation documents, and a JSON body must validate against the schema documented for it.
 */
final class ApiClient {

    final String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final String rawDocument;
    final OpenAPI document;
    private final JsonNode tree;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** Reads and validates the document first: a client that cannot read it has nothing to check against. */
    ApiClient(String base, String token) throws IOException, InterruptedException {
        this.base = base;
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/openapi.json"))
                .header("Authorization", "Bearer " + token).timeout(TestBridge.WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        this.rawDocument = r.body();
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(rawDocument);
        assertThat(parsed.getMessages()).as("the OpenAPI document's problems").isEmpty();
        this.document = parsed.getOpenAPI();
        this.tree = Json.MAPPER.readTree(rawDocument);
    }

    HttpResponse<String> send(String method, String path, String token, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TestBridge.WAIT);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        check(method, path, r);
        return r;
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token, null, Map.of());
    }

    HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
        return send("POST", path, token, body, Map.of());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.MAPPER.readTree(r.body());
    }

    /** The answer is one the document promises: a documented status, a body valid against its schema. */
    private void check(String method, String path, HttpResponse<String> r) throws IOException {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        Map.Entry<String, PathItem> item = document.getPaths().entrySet().stream()
                .filter(e -> bare.matches(e.getKey().replaceAll("\\{[a-z_]+}", "[^/]+")))
                .findFirst().orElseThrow(() -> new AssertionError(path + " is not in the OpenAPI document"));
        Operation op = method.equals("GET") ? item.getValue().getGet() : item.getValue().getPost();
        assertThat(op).as(method + " " + item.getKey() + " documented").isNotNull();
        var response = op.getResponses().get(String.valueOf(r.statusCode()));
        assertThat(response).as(method + " " + path + " answered " + r.statusCode() + " (" + r.body()
                + "), which the document does not list").isNotNull();
        if (response.getContent() == null) {
            return;
        }
        MediaType json = response.getContent().get("application/json");
        if (json == null || json.getSchema() == null || json.getSchema().get$ref() == null) {
            return;
        }
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        Schema schema = schemas.computeIfAbsent(json.getSchema().get$ref(), this::schemaFor);
        var errors = schema.validate(r.body(), InputFormat.JSON);
        assertThat(errors).as(method + " " + path + " " + r.statusCode() + " body " + r.body()
                + " against " + json.getSchema().get$ref()).isEmpty();
    }

    // A schema document that refers into the API document's own components, so every $ref resolves as written.
    private Schema schemaFor(String ref) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        s.put("$ref", ref);
        s.set("components", tree.get("components"));
        return registry.getSchema(s.toString(), InputFormat.JSON);
    }
}
