package dev.safesend.consent.repository;

import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Rows for PostgreSQL's COPY … FROM STDIN (text format): the fastest way to append many rows, used for the
 * append-only tables (ledger, outbox) of an import chunk.
 */
final class CopyRows {

    private final StringBuilder data = new StringBuilder(1 << 16);
    private boolean firstInRow = true;
    private Instant lastInstant;
    private String lastInstantText;

    CopyRows add(Object value) {
        if (!firstInRow) {
            data.append('\t');
        }
        firstInRow = false;
        if (value == null) {
            data.append("\\N");
            return this;
        }
        String s;
        if (value instanceof Instant instant) {
            if (!instant.equals(lastInstant)) { // an import's evidence times repeat: format each once
                lastInstant = instant;
                lastInstantText = instant.toString();
            }
            s = lastInstantText;
        } else {
            s = value.toString();
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> data.append("\\\\");
                case '\t' -> data.append("\\t");
                case '\n' -> data.append("\\n");
                case '\r' -> data.append("\\r");
                default -> data.append(ch);
            }
        }
        return this;
    }

    CopyRows endRow() {
        data.append('\n');
        firstInRow = true;
        return this;
    }

    /** Runs {@code COPY table (columns) FROM STDIN} on the caller's (transactional) connection. */
    long into(Connection c, String tableAndColumns) throws SQLException {
        try {
            byte[] utf8 = data.toString().getBytes(StandardCharsets.UTF_8);
            return c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + tableAndColumns + " FROM STDIN", new ByteArrayInputStream(utf8));
        } catch (IOException e) {
            throw new SQLException("COPY into " + tableAndColumns + " failed: " + e.getMessage(), e);
        }
    }
}
