package dev.safesend.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogScanTest {

    @TempDir
    Path logs;

    @Test
    void findsTokensSecretsAndWholePhoneNumbersButNotMaskedNumbersOrIds() throws IOException {
        Files.writeString(logs.resolve("ingest-service.log"), String.join("\n",
                "INFO accepted messageId=ad351ca2-b542-4930-a919-826492322166 senderId=110000000000001 recipient=+26377****171",
                "INFO wamid=wamid.HBgMMjYzNzcxMjM0NTY3FQIAERgSQUFBQUFBQUFBQUFBQUFBQUFBAA==",
                "INFO recipient=+263771234567",
                "WARN from wa_id 263771234568 without a contact",
                "DEBUG header Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123",
                "INFO token eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwcyJ9.c2ln",
                "INFO signed with app-secret-0123456789"));
        Files.writeString(logs.resolve("cloud-api-simulator.log"), "INFO to +263771234569");

        List<LogScan.Finding> findings = LogScan.scan(logs, List.of("app-secret-0123456789"));

        assertThat(findings).extracting(LogScan.Finding::line).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(findings).extracting(LogScan.Finding::what).containsExactly("a whole phone number",
                "a whole phone number", "a bearer token", "a JWT", "a secret");
        assertThat(findings.get(4).excerpt()).doesNotContain("0123456789");
    }
}
