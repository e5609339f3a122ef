package dev.safesend.healthmonitor.service;

import dev.safesend.healthmonitor.domain.AccountSignal;
import dev.safesend.servicekit.store.StoreUnavailableException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.SQLException;

/** Meta's account-level signals, each applied once (the processed-event log), judged at the next evaluation. */
@ApplicationScoped
public class AccountService {

    private final AgroalDataSource dataSource;
    private final SenderFactsService facts;

    public AccountService(AgroalDataSource dataSource, SenderFactsService facts) {
        this.dataSource = dataSource;
        this.facts = facts;
    }

    /** Applies the signal; false when its event was applied before. */
    @Transactional
    public boolean apply(AccountSignal signal) {
        try (Connection c = dataSource.getConnection()) {
            if (!SignalService.firstTime(c, signal.eventId(), "wa.account-events.v1")) {
                return false;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(e.getMessage(), e);
        }
        facts.apply(signal);
        Log.infof("account signal %s/%s event=%s senderId=%s wabaId=%s", signal.kind(), signal.field(), signal.event(),
                signal.senderId(), signal.wabaId());
        return true;
    }
}
