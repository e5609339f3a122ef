package dev.safesend.servicekit.http;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every service's custom methods ({@code /v1/messages:batch}, {@code /v1/contacts:import}, {@code /v1/senders/{id}:pause} …) also answer when a client
 * percent-encodes the colon ({@code %3A}, as RestAssured and some HTTP libraries do): JAX-RS matching here runs on
 * the raw path, so the encoded form would be a 404. The colon is legal in a path segment (RFC 3986 pchar).
 */
@ApplicationScoped
public class CustomMethodPaths {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            String path = rc.request().path();
            if (path != null && path.startsWith("/v1/") && (path.contains("%3A") || path.contains("%3a"))) {
                String query = rc.request().query();
                rc.reroute(path.replace("%3A", ":").replace("%3a", ":") + (query == null ? "" : "?" + query));
            } else {
                rc.next();
            }
        });
    }
}
