package dev.safesend.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformSecretsTest {

    @TempDir
    Path dir;

    @Test
    void secretsAreGeneratedOnceAndReusedByEveryLaterRun() {
        Path file = dir.resolve("state").resolve("secrets.properties");

        PlatformSecrets first = PlatformSecrets.loadOrCreate(file);
        PlatformSecrets second = PlatformSecrets.loadOrCreate(file);

        assertThat(file).exists();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void eachSecretIsRandomLongAndDifferentFromTheOthers() {
        PlatformSecrets a = PlatformSecrets.loadOrCreate(dir.resolve("a.properties"));
        PlatformSecrets b = PlatformSecrets.loadOrCreate(dir.resolve("b.properties"));

        List<String> all = List.of(a.webhookAppSecret(), a.webhookVerifyToken(), a.cloudApiAccessToken(),
                b.webhookAppSecret(), b.webhookVerifyToken(), b.cloudApiAccessToken());
        assertThat(all).doesNotHaveDuplicates().allMatch(s -> s.matches("[0-9a-f]{64}"));
    }

    @Test
    void theSecretsFileIsReadableOnlyByItsOwner() throws Exception {
        Path file = dir.resolve("secrets.properties");

        PlatformSecrets.loadOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aMissingSecretIsGeneratedWithoutChangingTheOthers() throws Exception {
        Path file = dir.resolve("secrets.properties");
        Files.writeString(file, "webhook.app-secret=kept-app-secret\ncloud-api.access-token=kept-token\n");

        PlatformSecrets secrets = PlatformSecrets.loadOrCreate(file);

        assertThat(secrets.webhookAppSecret()).isEqualTo("kept-app-secret");
        assertThat(secrets.cloudApiAccessToken()).isEqualTo("kept-token");
        assertThat(secrets.webhookVerifyToken()).matches("[0-9a-f]{64}");
        assertThat(PlatformSecrets.loadOrCreate(file)).isEqualTo(secrets);
    }

    @Test
    void secretsNeverShowInToString() {
        PlatformSecrets secrets = PlatformSecrets.loadOrCreate(dir.resolve("secrets.properties"));

        assertThat(secrets.toString()).doesNotContain(secrets.webhookAppSecret());
    }
}
