package dev.safesend.servicekit.store;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.function.Predicate;

/**
 * Whether a failure says the database is away for a while rather than that the record is bad: a connection refused,
 * lost or timed out (SQLState class 08), the server shutting down or restarting (57P01–57P03), out of resources (53),
 * a serialization failure or deadlock (40001, 40P01), or the Agroal pool giving up waiting for a connection (its
 * "Acquisition timeout…" SQLException carries no SQLState), found anywhere in the cause chain. A consumer retries these
 * until the database is back instead of dead-lettering the record, so an opt-out is never parked in a DLQ because
 * PostgreSQL restarted. Used with SmallRye Fault Tolerance's {@code @RetryWhen(exception = TransientStoreFailure.class)}.
 */
public class TransientStoreFailure implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && (isTransient(sql.getSQLState()) || isPoolTimeout(sql))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPoolTimeout(SQLException e) {
        return e.getSQLState() == null && e.getMessage() != null && e.getMessage().startsWith("Acquisition timeout");
    }

    static boolean isTransient(String sqlState) {
        if (sqlState == null) {
            return false;
        }
        return sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57P")
                || sqlState.equals("40001") || sqlState.equals("40P01");
    }
}
