package dev.safesend.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The secrets shared between services of one local platform: the Meta app secret that signs
 * webhooks (simulator signs, ingest verifies), the webhook verify token, and the Cloud API access
 * token (dispatch sends it, the simulator checks it). Generated once, randomly, into the state
 * folder and reused by every later run, so a restart keeps working tokens.
 */
public record PlatformSecrets(String webhookAppSecret, String webhookVerifyToken, String cloudApiAccessToken) {

    static final String APP_SECRET = "webhook.app-secret";
    static final String VERIFY_TOKEN = "webhook.verify-token";
    static final String ACCESS_TOKEN = "cloud-api.access-token";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Reads the secrets file; generates and stores any value that is missing (all of them on first run). */
    public static synchronized PlatformSecrets loadOrCreate(Path file) {
        Properties stored = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    stored.load(reader);
                }
            }
            boolean changed = false;
            for (String key : new String[] {APP_SECRET, VERIFY_TOKEN, ACCESS_TOKEN}) {
                String value = stored.getProperty(key);
                if (value == null || value.isBlank()) {
                    stored.setProperty(key, randomSecret());
                    changed = true;
                }
            }
            if (changed) {
                write(file, stored);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write secrets in " + file, e);
        }
        return new PlatformSecrets(stored.getProperty(APP_SECRET), stored.getProperty(VERIFY_TOKEN),
                stored.getProperty(ACCESS_TOKEN));
    }

    private static void write(Path file, Properties stored) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!Files.exists(file) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            stored.store(writer, "safesend local platform secrets: generated once, never commit");
        }
    }

    /** 32 random bytes, hex: safe in URLs, headers and command lines. */
    static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "PlatformSecrets[****]";
    }
}
