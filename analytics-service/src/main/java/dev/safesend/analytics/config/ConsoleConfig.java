package dev.safesend.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/**
 * The operators' console (docs/console.md): where the page finds each service's API and how it logs in. The page
 * reads these from {@code /console/config.json}; the other services allow its origin with CORS. Unprofiled values are
 * the local platform's fixed ports; %prod reads them from the environment with no fallback.
 */
@ConfigMapping(prefix = "safesend.console")
public interface ConsoleConfig {

    /** The base URL of each service's REST API as the operator's browser reaches it. */
    Services services();

    Login login();

    /** The topics whose dead letters the DLQ page lists (dispatch's consumed topics, {@code GET /v1/dlq/{topic}}). */
    @WithDefault("wa.outbound.urgent.v1,wa.outbound.bulk.v1,wa.consent-changes.v1,wa.inbound-messages.v1,"
            + "wa.sender-health.v1,wa.contact-engagement.v1,wa.campaign-events.v1,wa.message-events.v1")
    List<String> dlqTopics();

    interface Services {
        String ingest();

        String dispatch();

        String consent();

        String healthMonitor();

        /** The reports API (this service); empty: the console's own origin. */
        Optional<String> analytics();
    }

    interface Login {
        /**
         * The OIDC issuer (its {@code /.well-known/openid-configuration} names the authorization and token endpoints)
         * the console signs in with, authorization code + PKCE. Empty: no browser flow (the local platform's dev
         * issuer has none).
         */
        Optional<String> issuer();

        /** The console's public client id at the issuer; the flow is offered only when both are set. */
        Optional<String> clientId();

        /** The scopes asked for. */
        @WithDefault("openid")
        String scopes();

        /**
         * Whether the login page takes a pasted bearer token ({@code ./safesend token operator}). On locally, off in
         * %prod, where the issuer's flow is the way in.
         */
        @WithDefault("true")
        boolean pasteToken();
    }
}
