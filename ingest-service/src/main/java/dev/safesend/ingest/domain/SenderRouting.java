package dev.safesend.ingest.domain;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/** Picks the sending number for a recipient from a project's pool: the same recipient always gets the same number. */
public final class SenderRouting {

    private SenderRouting() {
    }

    public static String senderFor(String recipientE164, List<String> pool) {
        if (pool.isEmpty()) {
            throw new IllegalArgumentException("the sender pool is empty");
        }
        CRC32 crc = new CRC32(); // stable across JVMs, unlike String.hashCode's contract
        crc.update(recipientE164.getBytes(StandardCharsets.UTF_8));
        return pool.get((int) (crc.getValue() % pool.size()));
    }
}
