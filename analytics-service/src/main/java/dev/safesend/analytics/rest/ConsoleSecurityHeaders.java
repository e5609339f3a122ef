package dev.safesend.analytics.rest;

import dev.safesend.analytics.config.ConsoleConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The console's pages and files carry a Content-Security-Policy: scripts, styles and images from this origin only, and
 * requests only to this origin, the services' APIs the page calls and the OIDC issuer. So the browser itself refuses
 * anything that would leave them (a CDN, a tracker), whatever a page's code does. Computed once from
 * {@link ConsoleConfig}, with each URL cut to its origin (a CSP source with a path matches that path only).
 */
@ApplicationScoped
public class ConsoleSecurityHeaders {

    static final String CONSOLE_PREFIX = "/console";

    private final String policy;

    public ConsoleSecurityHeaders(ConsoleConfig config) {
        Set<String> connect = new LinkedHashSet<>();
        connect.add("'self'");
        ConsoleConfig.Services s = config.services();
        for (String url : new String[] {s.ingest(), s.dispatch(), s.consent(), s.healthMonitor()}) {
            origin(url).ifPresent(connect::add);
        }
        s.analytics().flatMap(ConsoleSecurityHeaders::origin).ifPresent(connect::add);
        config.login().issuer().flatMap(ConsoleSecurityHeaders::origin).ifPresent(connect::add);
        this.policy = "default-src 'self'; connect-src " + String.join(" ", connect)
                // uPlot sizes its canvas and legend with inline style attributes
                + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    }

    /** The header's value, for tests. */
    public String policy() {
        return policy;
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String path = rc.normalizedPath();
            if (path.equals(CONSOLE_PREFIX) || path.startsWith(CONSOLE_PREFIX + "/")) {
                rc.response().putHeader("Content-Security-Policy", policy)
                        .putHeader("X-Content-Type-Options", "nosniff")
                        .putHeader("Referrer-Policy", "no-referrer");
            }
            rc.next();
        }, 100);
    }

    /** {@code scheme://host[:port]} of a URL; empty when it is not an absolute http(s) URL. */
    static Optional<String> origin(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            URI u = URI.create(url.trim());
            if (u.getScheme() == null || u.getHost() == null || !u.getScheme().startsWith("http")) {
                return Optional.empty();
            }
            return Optional.of(u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
