package dev.safesend.analytics.rest;

import dev.safesend.analytics.config.ConsoleConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/**
 * The console's two dynamic parts; the page itself is static ({@code META-INF/resources/console}). {@code /console}
 * leads to {@code /console/}, and {@code /console/config.json} tells the page where each API is and how to log in. Both
 * are public: the page holds no data until the operator logs in, and every API it calls checks the token itself.
 */
@Path("/console")
@PermitAll
public class ConsoleResource {

    /** What the page needs before login. */
    public record ConsoleSettings(Services services, Login login, List<String> dlqTopics) {
    }

    public record Services(String ingest, String dispatch, String consent, String healthMonitor, String analytics) {
    }

    public record Login(String issuer, String clientId, String scopes, boolean pasteToken) {
    }

    private final ConsoleConfig config;

    public ConsoleResource(ConsoleConfig config) {
        this.config = config;
    }

    @GET
    public Response root() {
        return Response.seeOther(URI.create("/console/")).build();
    }

    @GET
    @Path("/config.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response settings() {
        ConsoleConfig.Services s = config.services();
        ConsoleConfig.Login l = config.login();
        boolean flow = l.issuer().isPresent() && l.clientId().isPresent();
        ConsoleSettings body = new ConsoleSettings(
                new Services(trim(s.ingest()), trim(s.dispatch()), trim(s.consent()), trim(s.healthMonitor()),
                        s.analytics().map(ConsoleResource::trim).orElse("")),
                new Login(flow ? trim(l.issuer().get()) : null, flow ? l.clientId().get() : null, l.scopes(), l.pasteToken()),
                config.dlqTopics());
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(body).cacheControl(noStore).build();
    }

    /** Base URLs without a trailing slash, so the page appends paths as they are. */
    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
