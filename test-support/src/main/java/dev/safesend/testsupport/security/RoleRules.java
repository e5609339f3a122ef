package dev.safesend.testsupport.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may call each operation of a service: the rules file its {@link RoleMatrix} test reads, one line
 * per operation, keyed exactly as the OpenAPI document names it.
 * <pre>
 * # comment
 * GET /v1/messages/{id} = admin, operator, viewer, sender
 * POST /v1/messages = admin, operator, sender | tenant body {"project":"$PROJECT","to":"+14155550100"}
 * GET /v1/projects/{id} = admin | tenant path id
 * GET /v1/reports/campaigns = admin, operator, viewer | tenant query project
 * POST /v1/something = public
 * param phone = +14155550199
 * </pre>
 * {@code tenant} marks an operation that names a project, and how ({@code body} with a JSON sample
 * whose {@code $PROJECT} is replaced, {@code path} parameter or {@code query} parameter): a token of an
 * allowed role limited to another project must get a 403 from it. {@code param} gives the value every path
 * parameter of that name takes (others take a placeholder), for endpoints that check a parameter's shape before
 * anything else.
 */
public final class RoleRules {

    /** How a tenant-scoped operation names its project. */
    public record Tenant(Kind kind, String name, String sample) {
        public enum Kind { BODY, PATH, QUERY }
    }

    /** One operation's rule: the roles allowed (empty and public: no token needed), and how it names a project. */
    public record Rule(Set<String> roles, boolean isPublic, Tenant tenant) {
    }

    private final String source;
    private final Map<String, Rule> rules;
    private final Map<String, String> params;

    private RoleRules(String source, Map<String, Rule> rules, Map<String, String> params) {
        this.source = source;
        this.rules = rules;
        this.params = params;
    }

    /** Reads the rules from a classpath resource (e.g. {@code role-matrix.txt} in the test resources). */
    public static RoleRules fromResource(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource + " on the test classpath");
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RoleRules parse(String source, String text) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        Map<String, String> params = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1);
            int equals = line.indexOf(" = ");
            if (equals < 0) {
                throw new IllegalArgumentException(where + ": expected '<METHOD> <path> = <roles>', got: " + line);
            }
            String operation = line.substring(0, equals).strip().replaceAll("\\s+", " ");
            if (operation.startsWith("param ")) {
                params.put(operation.substring("param ".length()).strip(), line.substring(equals + 3).strip());
                continue;
            }
            if (!operation.matches("(GET|POST|PUT|PATCH|DELETE) /\\S+")) {
                throw new IllegalArgumentException(where + ": '" + operation + "' is not '<METHOD> <path>'");
            }
            String rest = line.substring(equals + 3).strip();
            Tenant tenant = null;
            int bar = rest.indexOf('|');
            if (bar >= 0) {
                tenant = tenant(where, rest.substring(bar + 1).strip());
                rest = rest.substring(0, bar).strip();
            }
            Rule rule;
            if (rest.equals("public")) {
                rule = new Rule(Set.of(), true, null);
            } else {
                Set<String> roles = new LinkedHashSet<>();
                for (String role : Arrays.stream(rest.split(",")).map(String::strip).toList()) {
                    if (!dev.safesend.testsupport.DevKeys.ROLES.contains(role)) {
                        throw new IllegalArgumentException(where + ": unknown role '" + role + "'");
                    }
                    roles.add(role);
                }
                rule = new Rule(roles, false, tenant);
            }
            if (rules.put(operation, rule) != null) {
                throw new IllegalArgumentException(where + ": a second rule for " + operation);
            }
        }
        return new RoleRules(source, rules, params);
    }

    private static Tenant tenant(String where, String text) {
        String[] words = text.split("\\s+", 3);
        if (words.length < 3 || !words[0].equals("tenant")) {
            throw new IllegalArgumentException(where + ": expected 'tenant body <json>', 'tenant path <name>' or "
                    + "'tenant query <name>', got: " + text);
        }
        return switch (words[1]) {
            case "body" -> new Tenant(Tenant.Kind.BODY, null, words[2]);
            case "path" -> new Tenant(Tenant.Kind.PATH, words[2], null);
            case "query" -> new Tenant(Tenant.Kind.QUERY, words[2], null);
            default -> throw new IllegalArgumentException(where + ": tenant is named by body, path or query, not "
                    + words[1]);
        };
    }

    public Rule of(String operation) {
        return rules.get(operation);
    }

    /** The value path parameters named {@code name} take, or null for the placeholder. */
    public String param(String name) {
        return params.get(name);
    }

    public Set<String> keys() {
        return rules.keySet();
    }

    public String source() {
        return source;
    }
}
