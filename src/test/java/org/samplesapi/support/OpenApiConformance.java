package org.samplesapi.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import io.restassured.filter.FilterContext;
import io.restassured.http.Header;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Holds every request the test suites send to a route of the service, and every answer they receive, to the OpenAPI
 * document that service publishes at {@code /q/openapi}. A request: its path and query parameters are documented and
 * match their schemas, required parameters and headers are there, a body comes in a documented content type and
 * matches its schema (and there is none where the operation takes none). An answer: the status is one the operation
 * documents, a body comes in a documented content type and matches that response's schema, and the headers the
 * response marks required are there and match theirs. These are the checks of a schema-driven fuzzer (Schemathesis's
 * status code, content type, response schema and header conformance), applied here to the requests, allowed and
 * refused, that the suites send with real tokens. A violation fails the test that sent the request.
 *
 * <p>A test that sends an invalid request on purpose says so with {@link #invalidOnPurpose()}: that request is not
 * checked (the header is taken off before it is sent), and its answer still is.
 *
 * <p>Answers from other servers (the test issuer, Keycloak) and from routes the document does not describe pass
 * untouched: the document is looked up per server, and a server without one is not checked. At the end of each test
 * JVM the counts go to {@code target/openapi-conformance/}.
 */
public final class OpenApiConformance implements OrderedFilter {

    public static final OpenApiConformance INSTANCE = new OpenApiConformance();
    /** Marks a request as invalid on purpose; never sent to the service. */
    public static final String INVALID_ON_PURPOSE = "X-Test-Invalid-On-Purpose";

    private static final AtomicLong REQUESTS_CHECKED = new AtomicLong();
    private static final AtomicLong REQUESTS_INVALID_ON_PURPOSE = new AtomicLong();
    private static final AtomicLong ANSWERS_CHECKED = new AtomicLong();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OpenApiConformance::writeCounts));
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCUMENT_URI = "https://samples-api.test/openapi.json";

    private final Map<String, Optional<Document>> documents = new ConcurrentHashMap<>();

    private OpenApiConformance() {
    }

    @Override
    public int getOrder() {
        return OrderedFilter.HIGHEST_PRECEDENCE;
    }

    /** The header by which a test says that it sends an invalid request on purpose. */
    public static Header invalidOnPurpose() {
        return new Header(INVALID_ON_PURPOSE, "true");
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext context) {
        boolean onPurpose = request.getHeaders().hasHeaderWithName(INVALID_ON_PURPOSE);
        request.removeHeader(INVALID_ON_PURPOSE);
        URI uri = URI.create(request.getURI());
        Optional<Operation> operation = uri.getRawPath() == null || !uri.getRawPath().startsWith("/api/")
                ? Optional.empty()
                : documents.computeIfAbsent(uri.getScheme() + "://" + uri.getRawAuthority(), Document::load)
                        .flatMap(document -> document.operation(request.getMethod(), uri.getRawPath()));
        operation.ifPresent(documented -> {
            if (onPurpose) {
                REQUESTS_INVALID_ON_PURPOSE.incrementAndGet();
                return;
            }
            List<String> violations = documented.requestViolations(request, uri);
            if (!violations.isEmpty()) {
                throw new AssertionError(request.getMethod() + " " + uri.getRawPath() + " does not conform to the"
                        + " OpenAPI document (operation " + documented.id + "):\n  " + String.join("\n  ", violations)
                        + "\n(a test that sends it on purpose says so with OpenApiConformance.invalidOnPurpose())");
            }
            REQUESTS_CHECKED.incrementAndGet();
        });
        Response response = context.next(request, responseSpec);
        operation.ifPresent(documented -> {
            List<String> violations = documented.violations(response);
            if (!violations.isEmpty()) {
                throw new AssertionError("The answer to " + request.getMethod() + " " + uri.getRawPath()
                        + " does not conform to the OpenAPI document (operation " + documented.id + "):\n  "
                        + String.join("\n  ", violations) + "\nstatus " + response.getStatusCode()
                        + ", content type " + response.getContentType() + ", body: "
                        + abbreviate(response.getBody().asString()));
            }
            ANSWERS_CHECKED.incrementAndGet();
        });
        return response;
    }

    /** One file per test JVM and class loader, so that a run's counts can be summed. */
    private static void writeCounts() {
        if (REQUESTS_CHECKED.get() + REQUESTS_INVALID_ON_PURPOSE.get() + ANSWERS_CHECKED.get() == 0) {
            return;
        }
        try {
            Path directory = Files.createDirectories(Path.of("target", "openapi-conformance"));
            Files.writeString(Files.createTempFile(directory, "counts-", ".properties"),
                    "requests.checked=" + REQUESTS_CHECKED.get() + "\nrequests.invalid-on-purpose="
                            + REQUESTS_INVALID_ON_PURPOSE.get() + "\nanswers.checked=" + ANSWERS_CHECKED.get() + "\n");
        } catch (IOException e) {
            System.err.println("OpenAPI conformance counts not written: " + e);
        }
    }

    /**
     * Where and which keyword failed, with its arguments: the library's message text alone can come out with
     * unfilled placeholders when another copy of its message bundle is first on the class path.
     */
    private static String describe(com.networknt.schema.Error error) {
        return error.getInstanceLocation() + ": " + error.getKeyword() + " " + Arrays.toString(error.getArguments())
                + " (" + error.getMessage() + ")";
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
        private final String operationPointer;
        private final List<String> pathNames = new ArrayList<>();

        Operation(Document document, String template, String method, JsonNode node) {
            this.document = document;
            this.method = method;
            this.node = node;
            this.id = node.path("operationId").asText(method + " " + template);
            this.templates = (int) template.chars().filter(c -> c == '{').count();
            this.path = Pattern.compile(Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E([^/]+)\\\\Q"));
            this.operationPointer = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT);
            this.pointer = operationPointer + "/responses/";
            Matcher names = Pattern.compile("\\{([^}]+)}").matcher(template);
            while (names.find()) {
                pathNames.add(names.group(1));
            }
        }

        /** What the request does that the operation does not document. */
        List<String> requestViolations(FilterableRequestSpecification request, URI uri) {
            List<String> violations = new ArrayList<>();
            Map<String, List<String>> query = query(uri.getRawQuery());
            Matcher values = path.matcher(uri.getRawPath());
            values.matches();
            Map<String, String> pathValues = new HashMap<>();
            for (int i = 0; i < pathNames.size(); i++) {
                pathValues.put(pathNames.get(i), URLDecoder.decode(values.group(i + 1), StandardCharsets.UTF_8));
            }
            List<String> declaredQuery = new ArrayList<>();
            JsonNode parameters = node.path("parameters");
            for (int i = 0; i < parameters.size(); i++) {
                String at = operationPointer + "/parameters/" + i;
                JsonNode parameter = parameters.get(i);
                if (parameter.has("$ref")) {
                    at = parameter.get("$ref").asText().substring(1);
                    parameter = document.root.at(at);
                }
                String name = parameter.path("name").asText();
                String in = parameter.path("in").asText();
                List<String> sent = switch (in) {
                    case "path" -> pathValues.containsKey(name) ? List.of(pathValues.get(name)) : List.of();
                    case "query" -> query.getOrDefault(name, List.of());
                    case "header" -> request.getHeaders().getValues(name);
                    default -> List.of();
                };
                if (in.equals("query")) {
                    declaredQuery.add(name);
                }
                if (sent.isEmpty() && parameter.path("required").asBoolean(false)) {
                    violations.add("required " + in + " parameter " + name + " is missing");
                }
                for (String value : sent) {
                    JsonNode typed = typed(value, parameter.path("schema"));
                    document.schema(at + "/schema").validate(typed).forEach(error -> violations.add(in
                            + " parameter " + name + "=" + value + ": " + describe(error)));
                }
            }
            query.keySet().stream().filter(name -> !declaredQuery.contains(name)).forEach(name ->
                    violations.add("query parameter " + name + " is not documented (documented: " + declaredQuery
                            + ")"));
            body(request, violations);
            return violations;
        }

        private void body(FilterableRequestSpecification request, List<String> violations) {
            Object sent = request.getBody();
            String body = sent == null ? null
                    : sent instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(sent);
            JsonNode requestBody = node.path("requestBody");
            if (requestBody.isMissingNode()) {
                if (body != null && !body.isEmpty()) {
                    violations.add("a body, where the operation takes none");
                }
                return;
            }
            if (body == null || body.isEmpty()) {
                if (requestBody.path("required").asBoolean(false)) {
                    violations.add("the required body is missing");
                }
                return;
            }
            String contentType = request.getContentType();
            String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
            Optional<String> declared = iterate(requestBody.path("content").fieldNames()).stream()
                    .filter(candidate -> mediaTypeMatches(candidate, mediaType)).findFirst();
            if (declared.isEmpty()) {
                violations.add("content type " + mediaType + " is not documented (documented: "
                        + iterate(requestBody.path("content").fieldNames()) + ")");
                return;
            }
            if (!requestBody.path("content").path(declared.get()).has("schema") || !mediaType.endsWith("json")) {
                return;
            }
            try {
                document.schema(operationPointer + "/requestBody/content/" + escape(declared.get()) + "/schema")
                        .validate(JSON.readTree(body)).forEach(error -> violations.add("body " + describe(error)));
            } catch (IOException e) {
                violations.add("the body is not JSON: " + e.getMessage());
            }
        }

        /** A parameter's text as the JSON value its schema describes: a number, a boolean, or else the text. */
        private static JsonNode typed(String value, JsonNode schema) {
            String type = schema.path("type").asText("string");
            try {
                return switch (type) {
                    case "integer" -> JSON.getNodeFactory().numberNode(new java.math.BigInteger(value));
                    case "number" -> JSON.getNodeFactory().numberNode(new java.math.BigDecimal(value));
                    case "boolean" -> value.equals("true") || value.equals("false")
                            ? JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(value))
                            : JSON.getNodeFactory().textNode(value);
                    default -> JSON.getNodeFactory().textNode(value);
                };
            } catch (NumberFormatException e) {
                return JSON.getNodeFactory().textNode(value);
            }
        }

        private static Map<String, List<String>> query(String raw) {
            Map<String, List<String>> query = new LinkedHashMap<>();
            if (raw == null || raw.isEmpty()) {
                return query;
            }
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
            }
            return query;
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
                            .forEach(error -> violations.add("body " + describe(error)));
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
