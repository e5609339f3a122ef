package dev.safesend.servicekit.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.servicekit.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * Every service answers a body over its size limit with 413 {@code application/problem+json}, decided from
 * {@code Content-Length} before the body is read, on a connection the client can still read the answer from.
 *
 * <p>Quarkus' own limit ({@code quarkus.http.limits.max-body-size}) answers an empty 413 and closes the connection as
 * soon as the answer is written; a client that has not finished sending (no {@code Expect: 100-continue}, as most
 * send) then gets its connection reset instead of the answer. This route runs first and answers instead
 * ({@link EarlyProblemReply}). Configuration:
 * <ul>
 *   <li>{@code quarkus.http.limits.max-body-size}: the ceiling of every limit below (Quarkus keeps enforcing it, also
 *       for bodies sent without a length), and the limit of every path when nothing below is set;</li>
 *   <li>{@code safesend.http.max-body-size}: the limit of the paths {@code safesend.http.body-limits} does not name,
 *       when it is to be lower than the ceiling;</li>
 *   <li>{@code safesend.http.body-limits}: per path prefix, e.g. {@code /webhooks/whatsapp=1M} (the longest matching
 *       prefix wins; each at most the ceiling, or the service does not start);</li>
 *   <li>{@code safesend.http.max-discarded-body-size} (64M): how much of a refused body is read and thrown away to
 *       keep the connection clean; a longer one is answered with {@code Connection: close}.</li>
 * </ul>
 */
@ApplicationScoped
public class RequestBodyLimit {

    /** Before CORS (-300), authentication (-200) and Quarkus' own body limit (-2): an oversized body reaches none. */
    static final int ORDER = -1000;
    private static final Logger LOG = Logger.getLogger(RequestBodyLimit.class);

    private final BodySizeLimits limits;
    private final long maxDiscarded;
    private final ObjectMapper json;

    public RequestBodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") String ceiling,
                            @ConfigProperty(name = "safesend.http.max-body-size") Optional<String> defaultLimit,
                            @ConfigProperty(name = "safesend.http.body-limits") Optional<List<String>> byPath,
                            @ConfigProperty(name = "safesend.http.max-discarded-body-size", defaultValue = "64M") String maxDiscarded,
                            ObjectMapper json) {
        long ceilingBytes = BodySizeLimits.parseSize(ceiling);
        long defaultBytes = defaultLimit.map(BodySizeLimits::parseSize).orElse(ceilingBytes);
        if (defaultBytes > ceilingBytes) {
            throw new IllegalStateException("safesend.http.max-body-size (" + defaultLimit.get()
                    + ") is more than quarkus.http.limits.max-body-size (" + ceiling + "), which Quarkus enforces anyway");
        }
        this.limits = BodySizeLimits.of(defaultBytes, byPath.orElse(List.of()));
        for (BodySizeLimits.PathLimit limit : limits.byPath()) {
            if (limit.bytes() > ceilingBytes) {
                throw new IllegalStateException("safesend.http.body-limits: " + limit.prefix() + " allows " + limit.bytes()
                        + " bytes, more than quarkus.http.limits.max-body-size (" + ceiling + "), which Quarkus enforces anyway");
            }
        }
        this.maxDiscarded = BodySizeLimits.parseSize(maxDiscarded);
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(rc -> {
            String path = rc.normalizedPath();
            var excess = limits.excess(path, rc.request().getHeader(HttpHeaders.CONTENT_LENGTH));
            if (excess.isEmpty()) {
                rc.next();
                return;
            }
            long limit = limits.limitFor(path);
            LOG.infof("refused a %d-byte body on %s %s: the limit there is %d bytes", excess.getAsLong(), rc.request().method(), path, limit);
            EarlyProblemReply.send(rc, json, Problem.of(413, "payload-too-large", "Payload too large",
                    "the body is " + excess.getAsLong() + " bytes; at most " + limit + " bytes are accepted here"),
                    excess.getAsLong(), maxDiscarded);
        });
    }
}
