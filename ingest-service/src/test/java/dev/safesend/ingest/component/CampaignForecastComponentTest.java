package dev.safesend.ingest.component;

import dev.safesend.ingest.repository.CampaignRecipientRepository;
import dev.safesend.ingest.service.CampaignFanOut;
import dev.safesend.ingest.service.CampaignService;
import dev.safesend.ingest.service.IngestMetrics;
import dev.safesend.schemas.health.ContactEngagementChanged;
import dev.safesend.schemas.health.EngagementState;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.servicekit.content.ContentDigest;
import dev.safesend.testsupport.TopicProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.safesend.ingest.component.FakeConsentResource.member;
import static dev.safesend.ingest.component.Ingest.bootstrap;
import static dev.safesend.ingest.component.Ingest.produce;
import static dev.safesend.ingest.component.Ingest.produceRaw;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A campaign's forecast against contacts' engagement (wa.contact-engagement.v1 → contact_engagement): a marketing
 * campaign's recipients still queued whose contact is dormant past the campaign's start are dropped as LOW_ENGAGEMENT
 * and left out of the completion estimate; a newer ENGAGED record gives them back, an older or repeated record changes
 * nothing, a tombstone forgets, and a record that cannot be read goes to the DLQ with its reason. The campaign is
 * defined and forecast through the API, its audience copied by the real fan-out from a stubbed consent-service
 * ({@link FakeConsentResource}); the releaser does not turn (its timer is an hour), so the test decides who is released.
 * Dispatch's judgement of its per-person marketing rules comes from {@link FakeDispatchResource}, which counts a
 * suppression only for the digest dispatch would compute, so the test also proves ingest renders and digests each
 * recipient's message as it will be sent.
 */
@QuarkusTest
@TestProfile(CampaignReleaseComponentTest.Profile.class)
class CampaignForecastComponentTest {

    /** Monday 08:00 in Harare; the campaigns start on Tuesday 09:00 there, a day later. */
    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");
    private static final Instant START = Instant.parse("2026-12-08T07:00:00Z");
    private static final Duration AWAIT = Duration.ofSeconds(30);

    @Inject
    CampaignService campaigns;
    @Inject
    CampaignFanOut fanOut;
    @Inject
    CampaignRecipientRepository recipients;
    @Inject
    MeterRegistry metrics;

    @BeforeEach
    void registrySyncedAndClockSet() {
        Ingest.templatesSynced();
        ControllableClock.CLOCK.set(NOW);
        FakeDispatchResource.reset();
    }

    @Test
    void dormantContactsStillQueuedAreDroppedAsLowEngagementUntilANewerEngagedRecordAndTheEstimateShrinksWithThem() {
        String project = project();
        String id = create(project, "MARKETING", "seasonal_promo");

        JsonPath before = forecast(id);
        assertThat(before.getString("basis")).isEqualTo("segment");
        assertThat(before.getMap("dropped")).doesNotContainKey("LOW_ENGAGEMENT");
        assertThat(before.getString("notCounted.LOW_ENGAGEMENT")).contains("once the audience is copied").contains("LOW_ENGAGEMENT");
        assertThat(before.getLong("eligible")).isEqualTo(FakeConsentResource.SIZE);

        startCopyAndRelease(id, 3); // members 0, 1 and 2 are in dispatch's hands; 3–19 are queued
        JsonPath copied = forecast(id);
        assertThat(copied.getString("basis")).isEqualTo("recipients");
        assertThat(copied.getLong("dropped.LOW_ENGAGEMENT")).isZero();
        assertThat(copied.getLong("eligible")).isEqualTo(20);
        assertThat(copied.getMap("notCounted")).doesNotContainKey("LOW_ENGAGEMENT");
        Instant allQueued = Instant.parse(copied.getString("estimatedCompletionAt"));

        Instant t = NOW.minus(Duration.ofHours(1));
        Instant longAfterStart = START.plus(Duration.ofDays(30));
        double applied = processed("success");
        dormant(project, member(1), longAfterStart, t);           // released already: dispatch decides, not counted
        dormant(project, member(5), longAfterStart, t);           // queued: counted
        dormant(project, member(6), longAfterStart, t);           // queued: counted
        dormant(project, member(7), longAfterStart, t);           // queued: counted
        dormant(project, member(9), START.minusSeconds(60), t);   // dormant no longer when the campaign starts
        dormant(project, member(10), null, t);                    // DORMANT without an end suppresses nothing
        dormant("another-" + project, member(11), longAfterStart, t); // another project's dormancy
        dormant(project, "+263773999999", longAfterStart, t);     // not in the audience
        awaitProcessed("success", applied + 8);

        JsonPath dormant = forecast(id);
        assertThat(dormant.getLong("dropped.LOW_ENGAGEMENT")).as("members 5, 6 and 7").isEqualTo(3);
        assertThat(dormant.getLong("eligible")).isEqualTo(17);
        assertThat(dormant.getLong("dropped.NO_OPT_IN")).isEqualTo(1);
        assertThat(dormant.getLong("dropped.OPTED_OUT")).isEqualTo(1);
        Instant withoutDormant = Instant.parse(dormant.getString("estimatedCompletionAt"));
        // 360 an hour is 0.1/s from the start: 17 queued take 170 s, the 14 left 140 s
        assertThat(Duration.between(START, allQueued)).isBetween(Duration.ofSeconds(170), Duration.ofSeconds(180));
        assertThat(Duration.between(START, withoutDormant)).isBetween(Duration.ofSeconds(140), Duration.ofSeconds(150));

        Instant later = t.plus(Duration.ofMinutes(30));
        applied = processed("success");
        engaged(project, member(5), later);
        engaged(project, member(6), later);
        engaged(project, member(7), later);
        awaitProcessed("success", applied + 3);
        JsonPath engaged = forecast(id);
        assertThat(engaged.getLong("dropped.LOW_ENGAGEMENT")).isZero();
        assertThat(engaged.getLong("eligible")).isEqualTo(20);
        assertThat(engaged.getString("estimatedCompletionAt")).isEqualTo(allQueued.toString());

        double ignored = processed("duplicate");
        double read = processed("success") + ignored;
        dormant(project, member(5), longAfterStart, t.plus(Duration.ofMinutes(10))); // older than the ENGAGED one held
        engaged(project, member(6), later);                                           // the same state again
        await().atMost(AWAIT).until(() -> processed("success") + processed("duplicate") >= read + 2);
        assertThat(forecast(id).getLong("dropped.LOW_ENGAGEMENT")).as("neither an older nor a repeated record changes it").isZero();
        assertThat(processed("duplicate")).isEqualTo(ignored + 2);
    }

    @Test
    void dispatchsPerPersonMarketingRulesDropIdenticalContentAndDeferCappedRecipientsUntilTheirCapEnds() {
        String project = project();
        String id = create(project, "MARKETING", "seasonal_promo"); // TTL 24 h
        JsonPath before = forecast(id);
        assertThat(before.getString("notCounted.FREQUENCY_CAP")).contains("once the audience is copied");
        assertThat(before.getMap("$")).doesNotContainKey("deferred");
        assertThat(FakeDispatchResource.asked()).as("nobody to ask before the copy").isEmpty();

        startCopyAndRelease(id, 3); // members 0, 1 and 2 are in dispatch's hands; 3–19 are queued
        // what each member's message will read, as dispatch digests it: seasonal_promo (en_US) with "winter"
        String rendered = ContentDigest.template("seasonal_promo", "en_US", List.of("winter"), null);
        FakeDispatchResource.suppress(member(1), rendered);  // released already: dispatch decides, not asked
        FakeDispatchResource.suppress(member(4), rendered);
        FakeDispatchResource.suppress(member(5), rendered);
        FakeDispatchResource.suppress(member(6), ContentDigest.template("seasonal_promo", "en_US", List.of("summer"), null));
        Instant capEnds = START.plus(Duration.ofHours(20));
        FakeDispatchResource.defer(member(8), capEnds);                              // before its message expires
        FakeDispatchResource.defer(member(9), START.plus(Duration.ofHours(25)));     // after: it will expire
        FakeDispatchResource.suppress(member(10), rendered);                         // dormant: dropped as that first
        double applied = processed("success");
        dormant(project, member(10), START.plus(Duration.ofDays(30)), NOW);
        awaitProcessed("success", applied + 1);

        JsonPath f = forecast(id);
        assertThat(f.getLong("dropped.IDENTICAL_CONTENT_WITHIN_30_DAYS")).as("members 4 and 5").isEqualTo(2);
        assertThat(f.getLong("dropped.MARKETING_FREQUENCY_CAP")).as("member 9").isEqualTo(1);
        assertThat(f.getLong("dropped.LOW_ENGAGEMENT")).as("member 10").isEqualTo(1);
        assertThat(f.getLong("deferred.MARKETING_FREQUENCY_CAP")).as("member 8").isEqualTo(1);
        assertThat(f.getLong("eligible")).isEqualTo(16);
        assertThat(f.getMap("notCounted")).doesNotContainKey("FREQUENCY_CAP");
        assertThat(Instant.parse(f.getString("estimatedCompletionAt"))).as("the 13 left take 130 s; member 8 goes when its cap ends")
                .isEqualTo(capEnds);

        List<FakeDispatchResource.Asked> asked = FakeDispatchResource.asked();
        assertThat(asked).extracting(a -> a.recipients().size()).as("16 queued and not dormant, in pages of 7").containsExactly(7, 7, 2);
        assertThat(asked).allSatisfy(a -> assertThat(a.at()).isEqualTo(START));
        List<String> recipientsAsked = asked.stream().flatMap(a -> a.recipients().stream()).toList();
        assertThat(recipientsAsked).doesNotContain(member(0), member(1), member(2), member(10)).hasSize(16).doesNotHaveDuplicates();
        assertThat(asked.stream().flatMap(a -> a.contentHashes().stream())).containsOnly(rendered);

        FakeDispatchResource.down(true);
        JsonPath unanswered = forecast(id);
        assertThat(unanswered.getString("notCounted.FREQUENCY_CAP")).contains("dispatch did not answer");
        assertThat(unanswered.getMap("$")).doesNotContainKey("deferred");
        assertThat(unanswered.getMap("dropped")).doesNotContainKeys("IDENTICAL_CONTENT_WITHIN_30_DAYS", "MARKETING_FREQUENCY_CAP");
        assertThat(unanswered.getLong("eligible")).isEqualTo(19);
        assertThat(Duration.between(START, Instant.parse(unanswered.getString("estimatedCompletionAt"))))
                .as("the 16 not dormant at 0.1/s").isBetween(Duration.ofSeconds(160), Duration.ofSeconds(170));
    }

    @Test
    void aTombstoneForgetsTheContactsDormancy() {
        String project = project();
        String id = create(project, "MARKETING", "seasonal_promo");
        startCopyAndRelease(id, 0);
        double applied = processed("success");
        dormant(project, member(4), START.plus(Duration.ofDays(10)), NOW);
        dormant(project, member(8), START.plus(Duration.ofDays(10)), NOW);
        awaitProcessed("success", applied + 2);
        assertThat(forecast(id).getLong("dropped.LOW_ENGAGEMENT")).isEqualTo(2);

        applied = processed("success");
        produce(Topics.CONTACT_ENGAGEMENT.topicName(), project + "/" + member(4), null);
        awaitProcessed("success", applied + 1);
        JsonPath after = forecast(id);
        assertThat(after.getLong("dropped.LOW_ENGAGEMENT")).isEqualTo(1);
        assertThat(after.getLong("eligible")).isEqualTo(19);
    }

    @Test
    void aUtilityCampaignCountsNoLowEngagementNorMarketingHistoryBecauseDispatchAppliesThemOnlyToMarketing() {
        String project = project();
        String id = create(project, "UTILITY", "order_update");
        assertThat(forecast(id).getMap("notCounted")).doesNotContainKey("LOW_ENGAGEMENT").doesNotContainKey("FREQUENCY_CAP");
        startCopyAndRelease(id, 0);
        double applied = processed("success");
        dormant(project, member(4), START.plus(Duration.ofDays(10)), NOW);
        awaitProcessed("success", applied + 1);
        FakeDispatchResource.defer(member(5), START.plus(Duration.ofHours(1)));
        JsonPath f = forecast(id);
        assertThat(f.getMap("dropped")).doesNotContainKeys("LOW_ENGAGEMENT", "IDENTICAL_CONTENT_WITHIN_30_DAYS", "MARKETING_FREQUENCY_CAP");
        assertThat(f.getMap("$")).doesNotContainKey("deferred");
        assertThat(f.getMap("notCounted")).isEmpty();
        assertThat(f.getLong("eligible")).isEqualTo(20);
        assertThat(FakeDispatchResource.asked()).as("dispatch's marketing rules do not apply").isEmpty();
    }

    @Test
    void anUnreadableEngagementRecordIsDeadLetteredWithItsReasonAndTheRecordsAfterItAreKept() {
        String project = project();
        String id = create(project, "MARKETING", "seasonal_promo");
        startCopyAndRelease(id, 0);
        String topic = Topics.CONTACT_ENGAGEMENT.topicName();
        try (TopicProbe dlq = TopicProbe.atEnd(bootstrap(), Topics.CONTACT_ENGAGEMENT.dlqName())) {
            produceRaw(topic, project + "/poison", "not avro at all".getBytes(StandardCharsets.UTF_8));
            produce(topic, project + "/nameless", record(project, " ", EngagementState.DORMANT, START.plus(Duration.ofDays(1)), NOW));
            produce(topic, "no-slash-here", null);
            dormant(project, member(12), START.plus(Duration.ofDays(1)), NOW);

            List<ConsumerRecord<String, byte[]>> dead = dlq.awaitRaw(r -> r.key() != null
                    && (r.key().startsWith(project + "/") || r.key().equals("no-slash-here")), 3, AWAIT);
            assertThat(dead).extracting(ConsumerRecord::key)
                    .containsExactlyInAnyOrder(project + "/poison", project + "/nameless", "no-slash-here");
            for (ConsumerRecord<String, byte[]> r : dead) {
                assertThat(r.headers().lastHeader("dead-letter-reason")).as(r.key()).isNotNull();
            }
            ConsumerRecord<String, byte[]> poison = dead.stream().filter(r -> r.key().endsWith("/poison")).findFirst().orElseThrow();
            assertThat(new String(poison.value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");
            ConsumerRecord<String, byte[]> nameless = dead.stream().filter(r -> r.key().endsWith("/nameless")).findFirst().orElseThrow();
            assertThat(new String(nameless.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .contains("names a project and a contact");
        }
        await().atMost(AWAIT).untilAsserted(() -> assertThat(forecast(id).getLong("dropped.LOW_ENGAGEMENT")).isEqualTo(1));
    }

    // ---------------------------------------------------------------- helpers

    private static String project() {
        return "fc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A campaign of {@link FakeConsentResource#SEGMENT}, from {@link #START}, at most 360 messages an hour. */
    private static String create(String project, String category, String template) {
        String parameters = template.equals("order_update")
                ? "{\"1\":{\"value\":\"Tariro\"},\"2\":{\"value\":\"A-1\"}}" : "{\"1\":{\"value\":\"winter\"}}";
        String body = """
                {"name":"forecast %s","project":"%s","category":"%s","template":{"name":"%s","language":"en_US"},
                 "parameters":%s,"audience":{"segmentId":"%s"},"schedule":{"startAt":"%s","timeZone":"Africa/Harare"},
                 "pacing":{"maxPerHour":360},"holdoutPercent":0}"""
                .formatted(project, project, category, template, parameters, FakeConsentResource.SEGMENT, START);
        return given().auth().oauth2(Ingest.token("operator")).contentType(ContentType.JSON).body(body)
                .when().post("/v1/campaigns").then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    /** Starts the campaign (SCHEDULED until {@link #START}), copies its audience and releases its first {@code n} recipients. */
    private void startCopyAndRelease(String id, int n) {
        given().auth().oauth2(Ingest.token("operator")).when().post("/v1/campaigns/" + id + ":start").then()
                .log().ifValidationFails().statusCode(200);
        fanOut.copyRest(campaigns.get(id));
        assertThat(campaigns.get(id).audienceDone()).isTrue();
        if (n > 0) {
            int claimed = QuarkusTransaction.requiringNew().call(() ->
                    recipients.claim(id, List.copyOf(recipients.queuedByZone(id).keySet()), n, ControllableClock.CLOCK.instant()).size());
            assertThat(claimed).isEqualTo(n);
        }
    }

    private static JsonPath forecast(String id) {
        return given().auth().oauth2(Ingest.token("viewer")).when().post("/v1/campaigns/" + id + ":forecast").then()
                .log().ifValidationFails().statusCode(200).extract().jsonPath();
    }

    private static ContactEngagementChanged record(String project, String contact, EngagementState state, Instant dormantUntil,
                                                   Instant occurredAt) {
        return ContactEngagementChanged.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(occurredAt)
                .setProject(project).setContact(contact).setState(state).setDormantUntil(dormantUntil)
                .setUnreadDelivered(state == EngagementState.DORMANT ? 5 : 0).build();
    }

    private static void dormant(String project, String contact, Instant until, Instant occurredAt) {
        produce(Topics.CONTACT_ENGAGEMENT.topicName(), project + "/" + contact,
                record(project, contact, EngagementState.DORMANT, until, occurredAt));
    }

    private static void engaged(String project, String contact, Instant occurredAt) {
        produce(Topics.CONTACT_ENGAGEMENT.topicName(), project + "/" + contact,
                record(project, contact, EngagementState.ENGAGED, null, occurredAt));
    }

    /** Engagement records counted by the consumer with this outcome so far. */
    private double processed(String outcome) {
        Counter c = metrics.find(IngestMetrics.MESSAGES_PROCESSED).tags("event.type", "ContactEngagementChanged", "outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    private void awaitProcessed(String outcome, double atLeast) {
        await().atMost(AWAIT).until(() -> processed(outcome) >= atLeast);
    }
}
