package dev.safesend.simulator.rest;

import dev.safesend.simulator.domain.Recipient;
import dev.safesend.simulator.service.LedgerService;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /sim/ledger}: totals (or, with {@code ?recipient=}, that recipient's accepted messages) and
 * the reset used between tests.
 */
@Path("/sim/ledger")
@Produces(MediaType.APPLICATION_JSON)
public class SimLedgerResource {

    private final LedgerService ledger;

    public SimLedgerResource(LedgerService ledger) {
        this.ledger = ledger;
    }

    @GET
    public Object show(@QueryParam("recipient") String recipient) {
        if (recipient == null) {
            return LedgerSummaryBody.of(ledger.view());
        }
        Recipient user = Recipient.parse(recipient)
                .orElseThrow(() -> new SimRequestException("recipient must be a phone number, got '" + recipient + "'"));
        return ledger.entriesFor(user.waId()).stream().map(LedgerEntryBody::of).toList();
    }

    @DELETE
    public void reset() {
        ledger.reset();
    }
}
