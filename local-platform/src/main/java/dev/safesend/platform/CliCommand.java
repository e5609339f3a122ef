package dev.safesend.platform;

import dev.safesend.testsupport.DevKeys;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A parsed command line of {@code ./safesend}. {@link #parse} rejects anything it does not understand. */
sealed interface CliCommand {

    /** The fixed local port of Keycloak with {@code up --keycloak}. */
    int KEYCLOAK_PORT = 8180;

    String USAGE = String.join(System.lineSeparator(),
            "usage: ./safesend <command>",
            "",
            "commands:",
            "  up [--services LIST] [--timeout SECONDS] [--set [SERVICE:]KEY=VALUE]... [--keycloak]",
            "                start Kafka, PostgreSQL, Redis and the services on the fixed local ports;",
            "                print where everything is; stop everything on Ctrl-C",
            "                  --services  comma-separated modules or short names (default: all): "
                    + PlatformService.names() + "; 'none' starts only Kafka, PostgreSQL and Redis",
            "                  --keycloak  also start Keycloak (localhost:" + KEYCLOAK_PORT + ", realm safesend, Java 21+) and have"
                    + " the services",
            "                              verify its tokens instead of the dev key's (docs/operations.md, \"Identity (Keycloak)\")",
            "                  --timeout   seconds for all services to become ready (default "
                    + LocalPlatform.DEFAULT_READINESS_TIMEOUT.toSeconds() + ")",
            "                  --set       an extra -D system property for every service, or for one (SERVICE:KEY=VALUE)",
            "  token ROLE [PROJECT...]",
            "                print a bearer token for ROLE (" + String.join("|", DevKeys.ROLES)
                    + "), signed with the dev key of the state folder,",
            "                limited to the named projects (all projects when none is named); while 'up --keycloak' runs,",
            "                a token Keycloak issues to the dev user of ROLE (sender: the internal client), every project",
            "  demo          send a few messages through a running platform and follow them to DELIVERED",
            "  demo campaign [CONTACTS]",
            "                import CONTACTS (default 10000) opted-in contacts, run a campaign to them and show its progress",
            "  status        show whether each service and server of the local platform answers",
            "  help          this text",
            "",
            "environment: SAFESEND_STATE  state folder (default <repo>/.safesend)");

    /** A project id as ingest's registry accepts it (ingest's domain Project.ID). */
    java.util.regex.Pattern PROJECT_ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    /** Starts the platform and blocks. @param keycloak run Keycloak and verify its tokens instead of the dev key's */
    record Up(Set<PlatformService> services, Duration readinessTimeout, Map<String, String> propertiesForAll,
              Map<PlatformService, Map<String, String>> propertiesPerService, boolean keycloak) implements CliCommand {
    }

    /** @param projects the projects the token may act for; empty: all */
    record Token(String role, List<String> projects) implements CliCommand {
        Token(String role) {
            this(role, List.of());
        }
    }

    /** @param campaignContacts 0 for the message demo, else the size of the campaign demo's audience */
    record Demo(int campaignContacts) implements CliCommand {
        Demo() {
            this(0);
        }
    }

    record Status() implements CliCommand {
    }

    record Help() implements CliCommand {
    }

    /** A command line that is not valid; the message says why. */
    final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static CliCommand parse(String... args) {
        if (args.length == 0) {
            return new Help();
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "up":
                return parseUp(rest);
            case "token":
                if (rest.isEmpty()) {
                    throw new UsageException("'token' takes exactly one role: " + String.join("|", DevKeys.ROLES)
                            + ", then optionally the projects it may act for");
                }
                if (!DevKeys.ROLES.contains(rest.get(0))) {
                    throw new UsageException("unknown role '" + rest.get(0) + "'; roles are " + String.join(", ", DevKeys.ROLES));
                }
                for (String project : rest.subList(1, rest.size())) {
                    if (!PROJECT_ID.matcher(project).matches()) {
                        throw new UsageException("'" + project + "' is not a project id: a lowercase slug of 2 to 63 letters,"
                                + " digits and hyphens, starting with a letter or digit");
                    }
                }
                return new Token(rest.get(0), List.copyOf(new java.util.LinkedHashSet<>(rest.subList(1, rest.size()))));
            case "demo":
                return parseDemo(rest);
            case "status":
                noArguments("status", rest);
                return new Status();
            case "help":
            case "-h":
            case "--help":
                return new Help();
            default:
                throw new UsageException("unknown command '" + args[0] + "'; commands are up, token, demo, status, help");
        }
    }

    private static Demo parseDemo(List<String> rest) {
        if (rest.isEmpty()) {
            return new Demo();
        }
        if (!rest.get(0).equals("campaign") || rest.size() > 2) {
            throw new UsageException("'demo' takes nothing, or 'campaign' and an optional number of contacts");
        }
        if (rest.size() == 1) {
            return new Demo(10_000);
        }
        try {
            int n = Integer.parseInt(rest.get(1));
            if (n < 1 || n > 1_000_000) {
                throw new NumberFormatException();
            }
            return new Demo(n);
        } catch (NumberFormatException e) {
            throw new UsageException("the campaign demo takes 1 to 1000000 contacts, not '" + rest.get(1) + "'");
        }
    }

    private static void noArguments(String command, List<String> rest) {
        if (!rest.isEmpty()) {
            throw new UsageException("'" + command + "' takes no arguments, got " + rest);
        }
    }

    private static Up parseUp(List<String> args) {
        Set<PlatformService> services = EnumSet.allOf(PlatformService.class);
        Duration timeout = LocalPlatform.DEFAULT_READINESS_TIMEOUT;
        Map<String, String> forAll = new LinkedHashMap<>();
        Map<PlatformService, Map<String, String>> perService = new EnumMap<>(PlatformService.class);
        boolean keycloak = false;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--keycloak")) {
                keycloak = true;
                continue;
            }
            if (!List.of("--services", "--timeout", "--set").contains(option)) {
                throw new UsageException("unknown option '" + option + "' for 'up'; options are --keycloak, --services, --timeout, --set");
            }
            if (i + 1 >= args.size()) {
                throw new UsageException("option " + option + " needs a value");
            }
            String value = args.get(++i);
            switch (option) {
                case "--services" -> services = parseServices(value);
                case "--timeout" -> timeout = parseTimeout(value);
                default -> parseSet(value, forAll, perService);
            }
        }
        return new Up(services, timeout, forAll, perService, keycloak);
    }

    private static Set<PlatformService> parseServices(String value) {
        Set<PlatformService> services = EnumSet.noneOf(PlatformService.class);
        if (value.equals("none")) {
            return services;
        }
        for (String name : value.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                services.add(PlatformService.byName(name));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return services;
    }

    private static Duration parseTimeout(String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout takes a positive number of seconds, got '" + value + "'");
        }
    }

    private static void parseSet(String value, Map<String, String> forAll,
                                 Map<PlatformService, Map<String, String>> perService) {
        int equals = value.indexOf('=');
        if (equals <= 0) {
            throw new UsageException("--set takes [SERVICE:]KEY=VALUE, got '" + value + "'");
        }
        String key = value.substring(0, equals);
        String propertyValue = value.substring(equals + 1);
        int colon = key.indexOf(':');
        if (colon < 0) {
            forAll.put(key, propertyValue);
            return;
        }
        PlatformService service;
        try {
            service = PlatformService.byName(key.substring(0, colon));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String property = key.substring(colon + 1);
        if (property.isBlank()) {
            throw new UsageException("--set takes [SERVICE:]KEY=VALUE, got '" + value + "'");
        }
        perService.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(property, propertyValue);
    }
}
