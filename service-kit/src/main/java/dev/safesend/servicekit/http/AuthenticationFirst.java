package dev.safesend.servicekit.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.servicekit.problem.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * A request to an authenticated path ({@code safesend.http.authenticated-paths}, default {@code /v1/}) without a
 * valid bearer token is answered 401 problem+json before anything else looks at it: before JAX-RS matches its
 * {@code Content-Type} against {@code @Consumes} (415), reads its body (400) or validates it (422). Without this,
 * with {@code quarkus.http.auth.proactive=false}, authentication ran only when a resource method's
 * {@code @RolesAllowed} was reached, after resource matching, so an anonymous client learnt about media types and
 * body shapes first (issue #15).
 *
 * <p>It resolves the identity Quarkus' authentication handler prepared (OIDC bearer tokens) right after it (order -50,
 * after authentication -200 and the HTTP permission check -100): anonymous or failed (a missing, malformed, expired or
 * foreign token) is 401 with {@code WWW-Authenticate: Bearer}, as {@code ProblemExceptionMappers} answers it.
 * Roles stay where they are ({@code @RolesAllowed} per method, 403 problem+json). Paths outside the list keep their
 * own protection: Meta's webhook (HMAC signature), {@code /q/*} (health, metrics, OpenAPI).
 */
@ApplicationScoped
public class AuthenticationFirst {

    static final int ORDER = -50;
    /** Where Quarkus' authentication handler keeps what answers a failed authentication (HttpSecurityRecorder). */
    static final String AUTH_FAILURE_HANDLER = "io.quarkus.vertx.http.auth-failure-handler";

    private final List<String> prefixes;
    private final long maxDiscarded;
    private final ObjectMapper json;

    public AuthenticationFirst(@ConfigProperty(name = "safesend.http.authenticated-paths", defaultValue = "/v1/") List<String> prefixes,
                               @ConfigProperty(name = "safesend.http.max-discarded-body-size", defaultValue = "64M") String maxDiscarded,
                               ObjectMapper json) {
        this.prefixes = prefixes.stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
        this.maxDiscarded = BodySizeLimits.parseSize(maxDiscarded);
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        if (!applies(rc.normalizedPath())) {
            rc.next();
            return;
        }
        // a failed lazy authentication would otherwise also be answered by Quarkus' own handler (an empty 401)
        rc.put(AUTH_FAILURE_HANDLER, (java.util.function.BiConsumer<RoutingContext, Throwable>) (ctx, failure) -> { });
        QuarkusHttpUser.getSecurityIdentity(rc, null).subscribe().with(
                identity -> {
                    if (authenticated(identity)) {
                        rc.next();
                    } else {
                        unauthorized(rc);
                    }
                },
                failure -> {
                    if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
                        unauthorized(rc);
                    } else {
                        rc.fail(failure);
                    }
                });
    }

    boolean applies(String path) {
        if (path == null) {
            return false;
        }
        for (String prefix : prefixes) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean authenticated(SecurityIdentity identity) {
        return identity != null && !identity.isAnonymous();
    }

    private void unauthorized(RoutingContext rc) {
        rc.response().putHeader("WWW-Authenticate", "Bearer");
        long declared = parseLength(rc.request().getHeader(HttpHeaders.CONTENT_LENGTH));
        EarlyProblemReply.send(rc, json, Problem.of(401, "unauthorized", "Authentication required",
                "a valid bearer token is required"), declared, maxDiscarded);
    }

    private static long parseLength(String header) {
        if (header == null) {
            return 0;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
