package dev.safesend.testsupport.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.testsupport.DevKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The role matrix of one service, generated from its OpenAPI document: every {@code /v1/} operation
 * the running service documents is called with no token, an expired token, a token from another
 * issuer, a token with a forged signature, a token of each role and, for operations that name a
 * project, a token of an allowed role limited to another project. What each call must answer comes
 * from the service's rules file ({@link RoleRules}); an operation without a rule, or a rule without an
 * operation, fails the check, so a new endpoint cannot ship without saying who may call it.
 *
 * <p>Expected answers: 401 problem+json for the four bad tokens; 403 problem+json for a role the rule
 * does not allow and for another tenant's token; for an allowed role anything but 401 and 403 (the
 * requests are deliberately empty, so 400, 404 or 415 are normal). Authentication comes before content
 * negotiation and validation, so the bad-token calls also carry a body in a content type no endpoint
 * takes.
 */
public final class RoleMatrix {

    /** The project tenant-scoped calls name. */
    public static final String TENANT = "roletest-a";
    /** The only project the "other tenant" token may act for. */
    public static final String OTHER_TENANT = "roletest-b";
    private static final String PLACEHOLDER = "roletest";
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A path parameter of the OpenAPI path, with or without a JAX-RS regex: {@code {id}}, {@code {id: [^/:]+}}. */
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

    private final URI base;
    private final RoleRules rules;
    private final DevKeys keys;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public RoleMatrix(URI base, RoleRules rules, DevKeys keys) {
        this.base = base;
        this.rules = rules;
        this.keys = keys;
    }

    /** One documented operation. */
    public record Operation(String method, String path, List<String> requiredQuery, String contentType) {
        public String key() {
            return method + " " + path;
        }
    }

    /** One call of the matrix and what it got. */
    public record Outcome(Operation operation, String caller, String expected, int status, String contentType,
                          boolean ok) {
    }

    /** The result of a whole run: every call, and what did not hold. */
    public record Result(List<Operation> operations, List<Outcome> outcomes, List<String> problems) {
        public List<Outcome> failures() {
            return outcomes.stream().filter(o -> !o.ok()).toList();
        }
    }

    /**
     * Runs the matrix of the service at {@code base} against the rules in the test resource {@code rulesResource},
     * writes it to {@code target/role-matrix.md} and fails with every problem and every call that did not answer
     * as its rule says.
     */
    public static void check(URI base, String rulesResource, DevKeys keys) {
        RoleRules rules = RoleRules.fromResource(rulesResource);
        Result result = new RoleMatrix(base, rules, keys).run();
        writeMarkdown(result, rules, Path.of("target", "role-matrix.md"));
        if (!result.problems().isEmpty() || !result.failures().isEmpty()) {
            StringBuilder report = new StringBuilder("role matrix of " + base + " does not hold:");
            result.problems().forEach(problem -> report.append("\n  ").append(problem));
            for (Outcome failure : result.failures()) {
                report.append("\n  ").append(failure.operation().key()).append(" as ").append(failure.caller())
                        .append(": expected ").append(failure.expected()).append(", got ").append(failure.status())
                        .append(' ').append(failure.contentType());
            }
            throw new AssertionError(report.toString());
        }
    }

    /** The {@code /v1/} operations in the service's OpenAPI document. */
    public List<Operation> operations() {
        JsonNode document;
        try {
            document = JSON.readTree(get("/q/openapi?format=json"));
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document is not JSON", e);
        }
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/v1/")) {
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                JsonNode operation = method.getValue();
                List<String> required = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    if ("query".equals(parameter.path("in").asText()) && parameter.path("required").asBoolean()) {
                        required.add(parameter.path("name").asText());
                    }
                }
                Iterator<String> types = operation.path("requestBody").path("content").fieldNames();
                String contentType = types.hasNext() ? types.next() : null;
                operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), required, contentType));
            }
        }
        return operations;
    }

    /** Runs every call of the matrix; the caller asserts {@link Result#problems()} and {@link Result#failures()} are empty. */
    public Result run() {
        List<Operation> operations = operations();
        List<String> problems = new ArrayList<>();
        Set<String> documented = new TreeSet<>();
        for (Operation operation : operations) {
            documented.add(operation.key());
            if (rules.of(operation.key()) == null) {
                problems.add("no rule for " + operation.key() + " in " + rules.source()
                        + " (say which roles may call it, or that it is public)");
            }
        }
        for (String ruled : rules.keys()) {
            if (!documented.contains(ruled)) {
                problems.add("rule for " + ruled + " in " + rules.source() + " matches no documented operation");
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Operation operation : operations) {
            RoleRules.Rule rule = rules.of(operation.key());
            if (rule == null || rule.isPublic()) {
                continue;
            }
            outcomes.addAll(callAll(operation, rule));
        }
        return new Result(operations, outcomes, problems);
    }

    private List<Outcome> callAll(Operation operation, RoleRules.Rule rule) {
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, String> badTokens = new LinkedHashMap<>();
        badTokens.put("no token", null);
        badTokens.put("expired", keys.token("role-matrix", Duration.ofMinutes(-10), "admin"));
        badTokens.put("wrong issuer", keys.tokenFrom("https://elsewhere.example/realms/x", "role-matrix", "admin"));
        badTokens.put("forged signature", forged(keys.token("admin")));
        for (Map.Entry<String, String> bad : badTokens.entrySet()) {
            HttpResponse<String> answer = call(operation, rule, bad.getValue(), false, true);
            outcomes.add(outcome(operation, bad.getKey(), "401", answer, answer.statusCode() == 401 && isProblem(answer)));
        }
        for (String role : DevKeys.ROLES) {
            HttpResponse<String> answer = call(operation, rule, keys.token(role), false, false);
            if (rule.roles().contains(role)) {
                outcomes.add(outcome(operation, role, "not 401/403", answer,
                        answer.statusCode() != 401 && answer.statusCode() != 403));
            } else {
                outcomes.add(outcome(operation, role, "403", answer, answer.statusCode() == 403 && isProblem(answer)));
            }
        }
        if (rule.tenant() != null) {
            String role = rule.roles().iterator().next();
            HttpResponse<String> answer = call(operation, rule, keys.token(role, List.of(OTHER_TENANT)), true, false);
            outcomes.add(outcome(operation, role + " of another project", "403", answer,
                    answer.statusCode() == 403 && isProblem(answer)));
        }
        return outcomes;
    }

    private static Outcome outcome(Operation operation, String caller, String expected, HttpResponse<String> answer,
                                   boolean ok) {
        return new Outcome(operation, caller, expected, answer.statusCode(),
                answer.headers().firstValue("Content-Type").orElse(""), ok);
    }

    private static boolean isProblem(HttpResponse<String> answer) {
        return answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
    }

    private HttpResponse<String> call(Operation operation, RoleRules.Rule rule, String token, boolean asTenant,
                                      boolean unacceptableBody) {
        RoleRules.Tenant tenant = asTenant ? rule.tenant() : null;
        String path = operation.path();
        StringBuilder query = new StringBuilder();
        for (String name : operation.requiredQuery()) {
            appendQuery(query, name, PLACEHOLDER);
        }
        if (tenant != null && tenant.kind() == RoleRules.Tenant.Kind.QUERY) {
            appendQuery(query, tenant.name(), TENANT);
        }
        if (tenant != null && tenant.kind() == RoleRules.Tenant.Kind.PATH) {
            path = path.replace("{" + tenant.name() + "}", TENANT);
        }
        Matcher parameter = PATH_PARAMETER.matcher(path);
        StringBuilder filled = new StringBuilder();
        while (parameter.find()) {
            String value = rules.param(parameter.group(1).strip());
            parameter.appendReplacement(filled, Matcher.quoteReplacement(
                    URLEncoder.encode(value == null ? PLACEHOLDER : value, StandardCharsets.UTF_8)));
        }
        path = parameter.appendTail(filled).toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path + query))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        String body = null;
        String contentType = operation.contentType();
        if (unacceptableBody && !"GET".equals(operation.method()) && !"DELETE".equals(operation.method())) {
            body = "<not-what-any-endpoint-takes/>";
            contentType = "application/x-role-matrix";
        } else if (tenant != null && tenant.kind() == RoleRules.Tenant.Kind.BODY) {
            body = tenant.sample().replace("$PROJECT", TENANT);
            contentType = "application/json";
        } else if (contentType != null) {
            body = contentType.contains("json") ? "{}" : "";
        }
        if (body != null) {
            request.header("Content-Type", contentType);
            request.method(operation.method(), HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(operation.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(operation.key() + " could not be called", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void appendQuery(StringBuilder query, String name, String value) {
        query.append(query.isEmpty() ? '?' : '&').append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    /** The same header and claims with the signature of another payload: what a forger without the key can make. */
    private static String forged(String token) {
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"dev-admin\"", "\"dev-admln\"");
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }

    private String get(String path) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + answer.statusCode());
            }
            return answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the matrix as a Markdown table (operation, roles allowed, tenant-scoped, and what each caller got) to
     * {@code file}, for the service's documentation and a reviewer's eyes.
     */
    public static void writeMarkdown(Result result, RoleRules rules, Path file) {
        StringBuilder out = new StringBuilder("| operation | roles | tenant-scoped | answers (caller → status) |\n")
                .append("|---|---|---|---|\n");
        for (Operation operation : result.operations()) {
            RoleRules.Rule rule = rules.of(operation.key());
            String roles = rule == null ? "NO RULE" : rule.isPublic() ? "public" : String.join(", ", rule.roles());
            StringBuilder answers = new StringBuilder();
            for (Outcome outcome : result.outcomes()) {
                if (outcome.operation().equals(operation)) {
                    answers.append(answers.isEmpty() ? "" : "; ").append(outcome.caller()).append(" → ")
                            .append(outcome.status()).append(outcome.ok() ? "" : " (expected " + outcome.expected() + ")");
                }
            }
            out.append("| `").append(operation.key()).append("` | ").append(roles).append(" | ")
                    .append(rule != null && rule.tenant() != null ? "yes" : "").append(" | ").append(answers).append(" |\n");
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
