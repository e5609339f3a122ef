package dev.safesend.ingest.component;

import dev.safesend.ingest.domain.Category;
import dev.safesend.ingest.domain.campaign.CampaignDefinition;
import dev.safesend.ingest.domain.campaign.CampaignMessages;
import dev.safesend.ingest.domain.campaign.ParameterSource;
import dev.safesend.ingest.domain.campaign.RecipientState;
import dev.safesend.ingest.domain.campaign.SendWindow;
import dev.safesend.ingest.repository.CampaignEntity;
import dev.safesend.ingest.repository.CampaignRecipientRepository;
import dev.safesend.ingest.repository.CampaignRecipientRepository.NewRecipient;
import dev.safesend.ingest.repository.CampaignRepository;
import dev.safesend.ingest.service.CampaignReleaser;
import dev.safesend.schemas.message.OutboundMessage;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The releaser under a controllable clock, against real PostgreSQL and Kafka: windows open in the recipients' local
 * time, the weekend runs at its share of the weekday rate, a P2 campaign takes its senders' lane room before a P3
 * one on the same senders, and a registered project's campaign is released through the project's own pool. Campaigns and recipients are written directly (the audience copy needs consent-service;
 * PlatformEndToEndIT covers that path); the releaser's timer is set to an hour, so only the test turns it.
 */
@QuarkusTest
@TestProfile(CampaignReleaseComponentTest.Profile.class)
class CampaignReleaseComponentTest {

    /** Shared with {@link CampaignForecastComponentTest} (one Quarkus start for both): the clock, consent and dispatch stubbed. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ControllableClock.class);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeConsentResource.class), new TestResourceEntry(FakeDispatchResource.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("safesend.ingest.campaigns.release-interval", "1h",
                    "safesend.ingest.routing.pools.windows", "120000000000001",
                    "safesend.ingest.routing.pools.lanes", "120000000000002",
                    // dispatch's stand-in answers only the marketing history (in pages of 7), not the senders' quotas:
                    // the senders' rate is the default 80/s
                    "safesend.ingest.campaigns.forecast-history-page", "7");
        }
    }

    private static final ZoneId HARARE = ZoneId.of("Africa/Harare"); // UTC+2

    @Inject
    CampaignRepository campaigns;
    @Inject
    CampaignRecipientRepository recipients;
    @Inject
    CampaignReleaser releaser;

    @BeforeEach
    void registrySynced() {
        Ingest.templatesSynced();
    }

    @Test
    void windowsOpenInTheRecipientsLocalTimeAndTheWeekendRunsAtItsShareOfTheWeekdayRate() {
        CampaignDefinition.Schedule schedule = new CampaignDefinition.Schedule(null,
                List.of(new SendWindow(LocalTime.of(9, 0), LocalTime.of(12, 0))), 0.5, null);
        String id = running("windows", schedule, new CampaignDefinition.Pacing(3600, 0), 3, 1000); // 1 a second

        at("2026-12-04T06:00:00Z"); // Friday 08:00 in Harare: closed
        turns(3);
        assertThat(released(id)).isZero();

        at("2026-12-04T07:00:00Z"); // 09:00: open; the first turn counts at most lane-seconds (5 s) of rate
        turns(3);
        assertThat(released(id)).as("15 s at 1/s").isEqualTo(15);

        at("2026-12-04T10:00:00Z"); // 12:00: closed again
        turns(3);
        assertThat(released(id)).isEqualTo(15);

        at("2026-12-05T07:00:00Z"); // Saturday 09:00: open at half the rate
        turns(3);
        assertThat(released(id) - 15).as("15 s at 0.5/s").isBetween(7L, 8L);
    }

    @Test
    void aP2CampaignTakesItsSendersLaneRoomBeforeAP3OneOnTheSameSenders() {
        at("2026-12-04T07:00:00Z");
        String p3 = running("lanes", CampaignDefinition.Schedule.ANYTIME, CampaignDefinition.Pacing.NONE, 3, 1000);
        String p2 = running("lanes", CampaignDefinition.Schedule.ANYTIME, CampaignDefinition.Pacing.NONE, 2, 1000);

        turns(1);
        // 80/s for 5 s = 400 may sit in the lanes of the pool: all of it goes to the P2 campaign
        assertThat(released(p2)).isEqualTo(400);
        assertThat(released(p3)).isZero();

        answer(p2, 400);
        turns(1);
        assertThat(released(p2)).isEqualTo(800);
        assertThat(released(p3)).as("still none while P2 has messages waiting").isZero();

        answer(p2, 800);
        turns(1); // the last 200 of P2, and the rest of the room to P3
        assertThat(released(p2)).isEqualTo(1000);
        assertThat(released(p3)).isEqualTo(200);
    }

    @Test
    void aRegisteredProjectsCampaignIsReleasedThroughItsOwnPool() {
        String project = "pooled-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(Ingest.token("admin")).contentType(ContentType.JSON)
                .body("{\"id\":\"" + project + "\",\"displayName\":\"Pooled\",\"owners\":[\"team\"],\"defaultPool\":[\"120000000000009\"]}")
                .when().post("/v1/projects").then().statusCode(201);
        at("2026-12-04T07:00:00Z");
        try (TopicProbe bulk = TopicProbe.atEnd(Ingest.bootstrap(), Topics.OUTBOUND_BULK.topicName())) {
            String id = running(project, CampaignDefinition.Schedule.ANYTIME, CampaignDefinition.Pacing.NONE, 3, 3);
            Set<String> ids = Set.of(CampaignMessages.messageId(id, "+263771000000"), CampaignMessages.messageId(id, "+263771000001"),
                    CampaignMessages.messageId(id, "+263771000002"));

            turns(1);

            var released = bulk.await(r -> ids.contains(((OutboundMessage) r.value()).getMessageId()), 3, Duration.ofSeconds(10));
            assertThat(released).extracting(r -> r.key()).containsOnly("120000000000009");
        }
    }

    // ---------------------------------------------------------------- helpers

    private String running(String project, CampaignDefinition.Schedule schedule, CampaignDefinition.Pacing pacing, int priority, int size) {
        Map<String, ParameterSource> parameters = new LinkedHashMap<>();
        parameters.put("1", new ParameterSource(null, null, "Tariro"));
        parameters.put("2", new ParameterSource(null, null, "A-1"));
        CampaignDefinition d = new CampaignDefinition("clock " + project, project, Category.UTILITY,
                new CampaignDefinition.TemplateChoice("order_update", "en_US", null), parameters, "seg", schedule, pacing,
                priority, 0, Duration.ofHours(2), false);
        String id = "cmp_test_" + UUID.randomUUID().toString().substring(0, 8);
        List<NewRecipient> rows = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String phone = String.format("+2637710%05d", i);
            rows.add(new NewRecipient(i, phone, CampaignMessages.messageId(id, phone), HARARE.getId(), "en_US",
                    List.of("Tariro", "A-1"), RecipientState.QUEUED, null));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            campaigns.insert(id, d, "test", ControllableClock.CLOCK.instant());
            CampaignEntity e = campaigns.lock(id).orElseThrow();
            e.state = "RUNNING";
            e.startedAt = ControllableClock.CLOCK.instant();
        });
        QuarkusTransaction.requiringNew().run(() -> recipients.append(id, null, rows, rows.get(rows.size() - 1).recipient(), true));
        return id;
    }

    private static void at(String instant) {
        ControllableClock.CLOCK.set(Instant.parse(instant));
    }

    /** Turns of the releaser 5 s apart. */
    private void turns(int n) {
        for (int i = 0; i < n; i++) {
            releaser.turn();
            ControllableClock.CLOCK.advance(Duration.ofSeconds(5));
        }
    }

    private long released(String id) {
        return recipients.counts(id).stream().filter(c -> c.state() != RecipientState.QUEUED)
                .mapToLong(CampaignRecipientRepository.StateCount::count).sum();
    }

    /** Dispatch answers SENT for the first {@code n} recipients (released in audience order). */
    private void answer(String id, int n) {
        List<CampaignRecipientRepository.StatusChange> changes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String phone = String.format("+2637710%05d", i);
            changes.add(new CampaignRecipientRepository.StatusChange(CampaignMessages.messageId(id, phone), RecipientState.SENT, null,
                    null, ControllableClock.CLOCK.instant(), "wamid.test-" + i));
        }
        QuarkusTransaction.requiringNew().run(() -> recipients.apply(changes));
    }
}
