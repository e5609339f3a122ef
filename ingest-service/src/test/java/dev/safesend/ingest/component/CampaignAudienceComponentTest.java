package dev.safesend.ingest.component;

import dev.safesend.ingest.domain.campaign.RecipientState;
import dev.safesend.ingest.repository.CampaignRecipientRepository;
import dev.safesend.ingest.service.CampaignFanOut;
import dev.safesend.ingest.service.CampaignService;
import dev.safesend.schemas.campaign.CampaignAudienceAssigned;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.safesend.ingest.component.Ingest.bootstrap;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A started campaign's audience copy publishes who was treated and who held out on wa.campaign-audience.v1 (analytics'
 * uplift), exactly the recipients' QUEUED and HOLDOUT rows, once: a second copy run of a finished audience publishes nothing.
 */
@QuarkusTest
@TestProfile(CampaignReleaseComponentTest.Profile.class)
class CampaignAudienceComponentTest {

    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");
    private static final Instant START = Instant.parse("2026-12-08T07:00:00Z");

    @Inject
    CampaignService campaigns;
    @Inject
    CampaignFanOut fanOut;
    @Inject
    CampaignRecipientRepository recipients;

    @BeforeEach
    void registrySyncedAndClockSet() {
        Ingest.templatesSynced();
        ControllableClock.CLOCK.set(NOW);
    }

    @Test
    void theCopiedAudienceIsPublishedAsItsTreatmentAndHoldoutGroupsOnce() {
        String project = "au-" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"name":"audience %s","project":"%s","category":"MARKETING","template":{"name":"seasonal_promo","language":"en_US"},
                 "parameters":{"1":{"value":"winter"}},"audience":{"segmentId":"%s"},"schedule":{"startAt":"%s","timeZone":"Africa/Harare"},
                 "pacing":{"maxPerHour":360},"holdoutPercent":40}"""
                .formatted(project, project, FakeConsentResource.SEGMENT, START);
        String id = given().auth().oauth2(Ingest.token("operator")).contentType(ContentType.JSON).body(body)
                .when().post("/v1/campaigns").then().log().ifValidationFails().statusCode(201).extract().path("id");

        try (TopicProbe audience = TopicProbe.atEnd(bootstrap(), Topics.CAMPAIGN_AUDIENCE.topicName())) {
            given().auth().oauth2(Ingest.token("operator")).when().post("/v1/campaigns/" + id + ":start").then()
                    .log().ifValidationFails().statusCode(200);
            fanOut.copyRest(campaigns.get(id));
            assertThat(campaigns.get(id).audienceDone()).isTrue();

            long queued = count(id, RecipientState.QUEUED);
            long holdout = count(id, RecipientState.HOLDOUT);
            assertThat(holdout).as("a 40 %% holdout of 20 members").isPositive();
            audience.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(20)); // the copy waited for Kafka: every slice is there
            List<CampaignAudienceAssigned> records = audience.await(r -> id.equals(r.key()), 1, Duration.ofSeconds(1)).stream()
                    .map(r -> (CampaignAudienceAssigned) r.value()).toList();
            Set<String> treated = new HashSet<>();
            Set<String> held = new HashSet<>();
            for (CampaignAudienceAssigned r : records) {
                assertThat(r.getProject()).isEqualTo(project);
                assertThat(r.getStartedAt()).isEqualTo(START);
                treated.addAll(r.getTreated());
                held.addAll(r.getHoldout());
            }
            assertThat(treated).hasSize((int) queued).doesNotContainAnyElementsOf(held);
            assertThat(held).hasSize((int) holdout);

            fanOut.copyRest(campaigns.get(id)); // the audience is done: nothing is copied or published again
            assertThat(audience.drain(Duration.ofSeconds(2)).stream().filter(r -> id.equals(r.key()))).hasSize(records.size());
        }
    }

    private long count(String id, RecipientState state) {
        return recipients.counts(id).stream().filter(c -> c.state() == state).mapToLong(CampaignRecipientRepository.StateCount::count).sum();
    }
}
