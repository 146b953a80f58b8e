package org.samplesapi.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Holds every answer the test suites receive from a route of the service to the OpenAPI document that service
 * publishes at {@code /q/openapi}: the status is one the operation documents, a body comes in a documented content
 * type and matches that response's schema, and the headers the response marks required are there and match theirs.
 * These are the response checks of a schema-driven fuzzer (Schemathesis's status code, content type, response
 * schema and response header conformance), applied here to the hundreds of requests, allowed and refused, that the
 * suites send with real tokens. A violation fails the test that received the answer.
 *
 * <p>Answers from other servers (the test issuer, Keycloak) and from routes the document does not describe pass
 * untouched: the document is looked up per server, and a server without one is not checked.
 */
public final class OpenApiConformance implements OrderedFilter {

    public static final OpenApiConformance INSTANCE = new OpenApiConformance();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCUMENT_URI = "https://samples-api.test/openapi.json";

    private final Map<String, Optional<Document>> documents = new ConcurrentHashMap<>();

    private OpenApiConformance() {
    }

    @Override
    public int getOrder() {
        return OrderedFilter.HIGHEST_PRECEDENCE;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        if (uri.getRawPath() == null || !uri.getRawPath().startsWith("/api/")) {
            return response;
        }
        documents.computeIfAbsent(uri.getScheme() + "://" + uri.getRawAuthority(), Document::load)
                .flatMap(document -> document.operation(request.getMethod(), uri.getRawPath()))
                .ifPresent(operation -> {
                    List<String> violations = operation.violations(response);
                    if (!violations.isEmpty()) {
                        throw new AssertionError("The answer to " + request.getMethod() + " " + uri.getRawPath()
                                + " does not conform to the OpenAPI document (operation " + operation.id + "):\n  "
                                + String.join("\n  ", violations) + "\nstatus " + response.getStatusCode()
                                + ", content type " + response.getContentType() + ", body: "
                                + abbreviate(response.getBody().asString()));
                    }
                });
        return response;
    }

    private static String abbreviate(String body) {
        return body.length() > 600 ? body.substring(0, 600) + "..." : body;
    }

    /** The document one server publishes, its operations ordered so that literal paths win over templated ones. */
    private static final class Document {

        private final JsonNode root;
        private final SchemaRegistry schemas;
        private final List<Operation> operations = new ArrayList<>();
        private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

        private Document(String text) throws IOException {
            root = JSON.readTree(text);
            schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
                    builder -> builder.schemas(Map.of(DOCUMENT_URI, text)));
            root.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
                if (method.getValue().has("responses")) {
                    operations.add(new Operation(this, path.getKey(), method.getKey().toUpperCase(Locale.ROOT),
                            method.getValue()));
                }
            }));
            operations.sort(Comparator.comparingInt(operation -> operation.templates));
        }

        static Optional<Document> load(String server) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server + "/q/openapi?format=json"))
                    .timeout(Duration.ofSeconds(10)).build();
            try {
                HttpResponse<String> answer = HttpClient.newHttpClient().send(request,
                        HttpResponse.BodyHandlers.ofString());
                return answer.statusCode() == 200 ? Optional.of(new Document(answer.body())) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        Optional<Operation> operation(String method, String path) {
            return operations.stream().filter(operation -> operation.matches(method, path)).findFirst();
        }

        Schema schema(String pointer) {
            return compiled.computeIfAbsent(pointer, p -> schemas.getSchema(SchemaLocation.of(DOCUMENT_URI + "#" + p)));
        }
    }

    /** One operation of the document, and what it promises about its answers. */
    private static final class Operation {

        private final Document document;
        private final String method;
        private final Pattern path;
        private final int templates;
        private final String pointer;
        private final JsonNode node;
        private final String id;

        Operation(Document document, String template, String method, JsonNode node) {
            this.document = document;
            this.method = method;
            this.node = node;
            this.id = node.path("operationId").asText(method + " " + template);
            this.templates = (int) template.chars().filter(c -> c == '{').count();
            this.path = Pattern.compile(Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
            this.pointer = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/";
        }

        boolean matches(String method, String path) {
            return this.method.equalsIgnoreCase(method) && this.path.matcher(path).matches();
        }

        List<String> violations(Response response) {
            List<String> violations = new ArrayList<>();
            String status = String.valueOf(response.getStatusCode());
            String documented = node.path("responses").has(status) ? status
                    : node.path("responses").has(status.charAt(0) + "XX") ? status.charAt(0) + "XX"
                    : node.path("responses").has("default") ? "default" : null;
            if (documented == null) {
                violations.add("status " + status + " is not documented (documented: "
                        + iterate(node.path("responses").fieldNames()) + ")");
                return violations;
            }
            JsonNode answer = node.path("responses").path(documented);
            headers(answer, response, violations);
            JsonNode content = answer.path("content");
            String body = response.getBody().asString();
            if (content.isMissingNode() || content.isEmpty()) {
                return violations;
            }
            String contentType = response.getContentType();
            if (contentType == null || contentType.isBlank()) {
                if (!body.isEmpty()) {
                    violations.add("a body without a Content-Type");
                }
                return violations;
            }
            String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
            Optional<String> declared = iterate(content.fieldNames()).stream()
                    .filter(candidate -> mediaTypeMatches(candidate, mediaType)).findFirst();
            if (declared.isEmpty()) {
                violations.add("content type " + mediaType + " is not documented (documented: "
                        + iterate(content.fieldNames()) + ")");
                return violations;
            }
            if (content.path(declared.get()).has("schema") && (mediaType.endsWith("json"))) {
                try {
                    JsonNode instance = JSON.readTree(body);
                    document.schema(pointer + escape(documented) + "/content/" + escape(declared.get()) + "/schema")
                            .validate(instance)
                            .forEach(error -> violations.add("body " + error.getInstanceLocation() + ": "
                                    + error.getMessage()));
                } catch (IOException e) {
                    violations.add("the body is not JSON: " + e.getMessage());
                }
            }
            return violations;
        }

        private static void headers(JsonNode answer, Response response, List<String> violations) {
            answer.path("headers").properties().forEach(header -> {
                String value = response.getHeader(header.getKey());
                if (value == null) {
                    if (header.getValue().path("required").asBoolean(false)) {
                        violations.add("required header " + header.getKey() + " is missing");
                    }
                    return;
                }
                String type = header.getValue().path("schema").path("type").asText("string");
                if (type.equals("integer") && !value.matches("-?\\d+")) {
                    violations.add("header " + header.getKey() + " is not an integer: " + value);
                }
            });
        }

        private static boolean mediaTypeMatches(String declared, String actual) {
            String range = declared.split(";")[0].trim().toLowerCase(Locale.ROOT);
            return range.equals(actual) || range.equals("*/*")
                    || range.endsWith("/*") && actual.startsWith(range.substring(0, range.length() - 1));
        }

        private static String escape(String token) {
            return token.replace("~", "~0").replace("/", "~1").replace("{", "%7B").replace("}", "%7D");
        }

        private static List<String> iterate(Iterator<String> names) {
            List<String> list = new ArrayList<>();
            names.forEachRemaining(list::add);
            return list;
        }
    }
}
