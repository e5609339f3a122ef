package dev.safesend.servicekit.store;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientStoreFailureTest {

    private final TransientStoreFailure transientFailure = new TransientStoreFailure();

    @Test
    void aRefusedOrLostConnectionFoundDeepInTheCauseChainIsTransient() {
        SQLException refused = new SQLException("Connection to localhost:5432 refused", "08001");
        assertThat(transientFailure.test(new IllegalStateException("cannot apply consent", new RuntimeException(refused)))).isTrue();
        assertThat(transientFailure.test(new SQLException("An I/O error occurred while sending to the backend", "08006"))).isTrue();
    }

    @Test
    void aServerShuttingDownARestartADeadlockAndAPoolTimeoutAreTransient() {
        assertThat(transientFailure.test(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(transientFailure.test(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(transientFailure.test(new SQLException("too many connections", "53300"))).isTrue();
        assertThat(transientFailure.test(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(transientFailure.test(new SQLTransientConnectionException("connection attempt timed out"))).isTrue();
        assertThat(transientFailure.test(new SQLException("Acquisition timeout while waiting for new connection",
                new java.util.concurrent.TimeoutException()))).isTrue();
    }

    @Test
    void aBadRecordIsNotTransient() {
        assertThat(transientFailure.test(new SQLException("duplicate key value violates unique constraint", "23505"))).isFalse();
        assertThat(transientFailure.test(new SQLException("value too long for type character varying(32)", "22001"))).isFalse();
        assertThat(transientFailure.test(new SQLException("no state"))).isFalse();
        assertThat(transientFailure.test(new IllegalArgumentException("undecodable record"))).isFalse();
        assertThat(transientFailure.test(null)).isFalse();
    }
}
