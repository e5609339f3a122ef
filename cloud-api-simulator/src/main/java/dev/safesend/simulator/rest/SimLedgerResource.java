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
 * {@code /sim/ledger}: totals (or, with {@code ?recipient=} a phone or a BSUID, every accepted
 * message that reached that person, however it was addressed) and the reset used between tests.
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
        Recipient person = Recipient.parseAny(recipient).orElseThrow(() -> new SimRequestException(
                "recipient must be a phone number or a business-scoped user ID, got '" + recipient + "'"));
        return ledger.entriesFor(person).stream().map(LedgerEntryBody::of).toList();
    }

    @DELETE
    public void reset() {
        ledger.reset();
    }
}
