package dev.safesend.servicekit.store;

import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Rows for PostgreSQL's COPY … FROM STDIN (text format): the fastest way to append many rows, used for the
 * append-only tables of a service (an import chunk's ledger and outbox, a campaign's recipients).
 */
public final class CopyRows {

    private final StringBuilder data = new StringBuilder(1 << 16);
    private boolean firstInRow = true;
    private Instant lastInstant;
    private String lastInstantText;

    public CopyRows add(Object value) {
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

    /** A text[] value: an array literal whose elements are quoted and escaped, then escaped again for COPY. */
    public CopyRows addTextArray(java.util.List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            String v = values.get(i);
            if (v == null) {
                literal.append("NULL");
                continue;
            }
            literal.append('"');
            for (int j = 0; j < v.length(); j++) {
                char ch = v.charAt(j);
                if (ch == '"' || ch == '\\') {
                    literal.append('\\');
                }
                literal.append(ch);
            }
            literal.append('"');
        }
        return add(literal.append('}').toString());
    }

    public CopyRows endRow() {
        data.append('\n');
        firstInRow = true;
        return this;
    }

    /** Runs {@code COPY table (columns) FROM STDIN} on the caller's (transactional) connection. */
    public long into(Connection c, String tableAndColumns) throws SQLException {
        try {
            byte[] utf8 = data.toString().getBytes(StandardCharsets.UTF_8);
            return c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + tableAndColumns + " FROM STDIN", new ByteArrayInputStream(utf8));
        } catch (IOException e) {
            throw new SQLException("COPY into " + tableAndColumns + " failed: " + e.getMessage(), e);
        }
    }
}
