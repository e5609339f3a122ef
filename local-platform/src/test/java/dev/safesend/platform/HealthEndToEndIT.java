package dev.safesend.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.safesend.schemas.account.AccountEventReceived;
import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.health.ContactEngagementChanged;
import dev.safesend.schemas.health.EngagementState;
import dev.safesend.schemas.health.SenderHealthChanged;
import dev.safesend.schemas.health.SenderState;
import dev.safesend.schemas.message.EventSource;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.serde.AvroDeserializer;
import dev.safesend.schemas.topic.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * health-monitor on the whole platform: its decisions reach dispatch (and ingest's routing) and change what reaches the
 * cloud-api-simulator. Each scenario has its own business number, in a portfolio of its own, with a project routed to
 * it alone (ingest's {@code routing.pools}), its own recipients and templates, so the order of the tests does not
 * matter and no scenario touches {@link LocalPlatform#DEFAULT_SENDER}:
 * <ol>
 *   <li>opt-outs at 0.2 % of delivered during a campaign pause the number's marketing within 5 s of the opt-out that
 *       crossed the line, utility goes on, and after the cool-down marketing comes back at 0.5, 0.7, 1.0 and the
 *       campaign completes with nobody messaged twice;</li>
 *   <li>Meta rates the number RED: marketing paused within 5 s of the quality webhook, held while RED, back after GREEN;</li>
 *   <li>Meta pauses a template: the number's queued messages of it are held within 5 s, and go once it is reinstated;</li>
 *   <li>a contact who never reads gets no marketing after the 3rd unread delivery (SUPPRESSED LOW_ENGAGEMENT); utility
 *       still reaches them.</li>
 * </ol>
 * Times are measured from the records themselves (Kafka record timestamps set by the producers, and the events'
 * {@code statusAt}), never from the test's own sleeps; each reaction time is printed with a {@code [health-e2e]}
 * prefix, and the 5 s bounds the issue states are asserted.
 *
 * <p>health-monitor's rules are shortened on this platform so the scenarios take seconds, not hours:
 * {@code evaluate-every=1s}, {@code registry-every=2s}, {@code rules.min-delivered=200} (instead of 1,000),
 * {@code rules.opt-out-window=2m} (24 h; the shortest that always holds the last full minute, the windows being
 * minute buckets), {@code rules.opt-out-pause=20s} (2 h), {@code rules.clear-for=5s} (30 min),
 * {@code engagement.unread-limit=3} (5); the rates stay the defaults (warn 0.05 %, pause 0.1 %, hysteresis 0.8).
 * dispatch's {@code gate.marketing-per-day} is 10 (instead of 2) so scenario 4 can send one contact five marketing
 * messages in a day. The scenario senders are registered with no quiet hours (start = end), so marketing is not
 * deferred by the hour the test happens to run at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfSystemProperty(named = "safesend.e2e.enabled", matches = "true",
        disabledReason = "skipped with -Dsafesend.e2e.enabled=false (property in local-platform/pom.xml)")
class HealthEndToEndIT {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOUND = Duration.ofSeconds(5);

    private static final long MIN_DELIVERED = 200;
    private static final double PAUSE_OPT_OUT_RATE = 0.001;

    /** One scenario's number, project and portfolio. */
    private record BusinessNumber(String senderId, String displayNumber, String portfolio, String project, int messagesPerSecond) {
    }

    private static final BusinessNumber OPT_OUTS = new BusinessNumber("110000000000011", "+15550000011", "hm-e2e-opt-outs", "hmoptouts", 40);
    private static final BusinessNumber QUALITY = new BusinessNumber("110000000000012", "+15550000012", "hm-e2e-quality", "hmquality", 20);
    private static final BusinessNumber TEMPLATE = new BusinessNumber("110000000000013", "+15550000013", "hm-e2e-template", "hmtemplate", 2);
    private static final BusinessNumber ENGAGEMENT = new BusinessNumber("110000000000014", "+15550000014", "hm-e2e-engagement", "hmengagement", 20);
    private static final List<BusinessNumber> NUMBERS = List.of(OPT_OUTS, QUALITY, TEMPLATE, ENGAGEMENT);

    /** Scenario 3's template: used by no other scenario (held templates are per WABA, and every number shares one). */
    private static final String HELD_TEMPLATE = "appointment_reminder";
    /** Scenario 4's recipients: the simulator's population says they never read. */
    private static final String IGNORING_FROM = "+263779400000";
    private static final String IGNORING_TO = "+263779400999";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private LocalPlatform platform;
    private SafesendApiClient api;
    private Tap tap;

    @BeforeAll
    void startThePlatformWithShortHealthRulesAndOneNumberPerScenario() throws Exception {
        Path state = Files.createTempDirectory(Files.createDirectories(MODULE.resolve("target")), "health-e2e-state-");
        LocalPlatform.Builder builder = LocalPlatform.builder(repoRoot()).stateDir(state).randomPorts()
                .systemProperty(PlatformService.HEALTH_MONITOR, "safesend.health-monitor.evaluate-every", "1s")
                .systemProperty(PlatformService.HEALTH_MONITOR, "safesend.health-monitor.registry-every", "2s")
                .systemProperty(PlatformService.HEALTH_MONITOR, "safesend.health-monitor.rules.min-delivered", String.valueOf(MIN_DELIVERED))
                .systemProperty(PlatformService.HEALTH_MONITOR, "safesend.health-monitor.rules.opt-out-window", "2m")
                .systemProperty(PlatformService.HEALTH_MONITOR, "safesend.health-monitor.rules.opt-out-pause", "20s")
                .systemProperty(PlatformService.HEALTH_MONITOR, "safesend.health-monitor.rules.clear-for", "5s")
                .systemProperty(PlatformService.HEALTH_MONITOR, "safesend.health-monitor.engagement.unread-limit", "3")
                .systemProperty(PlatformService.DISPATCH, "safesend.dispatch.gate.marketing-per-day", "10")
                .progress(line -> System.out.println("[health-e2e] " + line));
        for (BusinessNumber n : NUMBERS) {
            builder.systemProperty(PlatformService.INGEST, "safesend.ingest.routing.pools." + n.project(), n.senderId());
        }
        platform = builder.build();
        platform.start();
        api = new SafesendApiClient(platform.serviceUrl(PlatformService.INGEST), platform.serviceUrl(PlatformService.ANALYTICS));
        tap = new Tap(platform.kafkaBootstrapServers(), List.of(Topics.MESSAGE_EVENTS.topicName(), Topics.SENDER_HEALTH.topicName(),
                Topics.CONSENT_CHANGES.topicName(), Topics.CONTACT_ENGAGEMENT.topicName(), Topics.ACCOUNT_EVENTS.topicName()));

        for (BusinessNumber n : NUMBERS) {
            ObjectNode body = JSON.createObjectNode().put("senderId", n.senderId()).put("wabaId", "100000000000001")
                    .put("displayNumber", n.displayNumber()).put("project", n.project()).put("pool", "default")
                    .put("messagesPerSecond", n.messagesPerSecond()).put("portfolioId", n.portfolio())
                    .putNull("portfolioDailyUniqueLimit").putNull("warmupStart")
                    .put("quietHoursStart", "00:00").put("quietHoursEnd", "00:00");
            api.exchange("POST", platform.serviceUrl(PlatformService.DISPATCH).resolve("/v1/senders"), token("admin"),
                    "application/json", body.toString(), 201);
        }
        HttpResponse<String> population = send("PUT", simulator("/sim/population"), """
                {"segments":[{"range":{"from":"%s","to":"%s"},"ignore":1}]}""".formatted(IGNORING_FROM, IGNORING_TO));
        assertThat(population.statusCode()).as(population.body()).isEqualTo(200);
        // health-monitor learns each number's portfolio and display number from dispatch's registry, and publishes it HEALTHY
        for (BusinessNumber n : NUMBERS) {
            await("health-monitor knows " + n.senderId() + " from dispatch's registry").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        JsonNode view = healthView(n.senderId());
                        return n.portfolio().equals(view.path("portfolioId").asText()) && !health(n.senderId()).isEmpty();
                    });
        }
    }

    @AfterAll
    void stopThePlatform() {
        if (tap != null) {
            tap.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    // ---- 1. opt-outs during a campaign -------------------------------------------------------------------------------

    @Test
    void optOutsAtTwoPerThousandDeliveredStopMarketingWithinFiveSecondsWhileUtilityGoesAndMarketingReturnsStepwise() throws Exception {
        BusinessNumber n = OPT_OUTS;
        List<String> audience = CampaignDemo.phones("+26377910%04d", 1500);
        List<String> utilityRecipients = CampaignDemo.phones("+26377919%04d", 3);
        for (String phone : utilityRecipients) {
            api.grantConsent(consent(), token("admin"), phone, n.project(), "health e2e utility recipient " + phone);
        }
        String campaignId = startMarketingCampaign("health e2e opt-outs", n.project(), marketingAudience(n.project(), "hm-opt-outs", audience));

        // 0.2 % of delivered: one recipient of the campaign answers STOP once health-monitor has counted 500 deliveries
        await("health-monitor counted 500 deliveries of the campaign").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> healthView(n.senderId()).path("rates").path("delivered").asLong() >= 500);
        String stopper = audience.stream().filter(this::reachedBySimulator).findFirst().orElseThrow();
        Instant stopSent = userWrites(stopper, n.senderId(), "STOP");

        Seen<SenderHealthChanged> critical = awaitHealth(n, "CRITICAL for the opt-out rate", Duration.ofSeconds(30), 0,
                h -> h.getState() == SenderState.CRITICAL && h.getReasons().contains("OPT_OUT_RATE"));
        List<String> utility = new ArrayList<>();
        for (String phone : utilityRecipients) {
            utility.add(api.sendTemplate(token("sender"), phone, n.project(), "UTILITY", "order_update", "en_US", List.of("Tariro", "H-1")));
        }
        await("the utility messages sent during the pause are submitted").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> utility.stream().allMatch(id -> submitted(id).isPresent()));
        Seen<SenderHealthChanged> healthy = awaitHealth(n, "HEALTHY again after the cool-down", Duration.ofMinutes(4), critical.seq(),
                h -> h.getState() == SenderState.HEALTHY);
        JsonNode done = followCampaign(campaignId, Duration.ofMinutes(3));

        // when the line was crossed: the first moment the records published so far put the opt-out rate over 0.1 %
        List<Instant> delivered = tap.seen(MessageStatusChanged.class, e -> e.getStatus() == MessageStatus.DELIVERED
                && n.senderId().equals(e.getSenderId())).stream().map(Seen::published).toList();
        List<Instant> optOuts = tap.seen(ConsentChanged.class, c -> n.senderId().equals(c.getSenderId()) && !c.getOptedOut().isEmpty())
                .stream().map(Seen::published).toList();
        Instant crossed = crossing(delivered, optOuts).orElseThrow(() -> new AssertionError(
                "the records never put the opt-out rate over 0.1 % of " + MIN_DELIVERED + "+ delivered: " + optOuts.size()
                        + " opt-outs, " + delivered.size() + " delivered"));
        List<Seen<SenderHealthChanged>> decisions = health(n.senderId());
        Seen<SenderHealthChanged> resumed = firstAfter(decisions, critical.seq(), h -> h.getThrottleFactor() > 0);
        List<Instant> marketing = submittedAt(n.senderId(), "MARKETING");
        Optional<Instant> lastHeld = marketing.stream().filter(t -> !t.isBefore(crossed) && t.isBefore(resumed.published()))
                .max(Comparator.naturalOrder());
        long heldDeferrals = tap.seen(MessageStatusChanged.class, e -> e.getStatus() == MessageStatus.DEFERRED
                && n.senderId().equals(e.getSenderId()) && "SENDER_HEALTH_PAUSED".equals(e.getReason())).size();

        print("1 opt-outs: STOP sent %s; line crossed (opt-out record) %+d ms after it; CRITICAL %s published %d ms after the"
                        + " crossing; last marketing SUBMITTED %d ms after the crossing; %d marketing deferrals SENDER_HEALTH_PAUSED",
                stopSent, Duration.between(stopSent, crossed).toMillis(), critical.value().getReasons(),
                millis(crossed, critical.published()), lastHeld.map(t -> millis(crossed, t)).orElse(0L), heldDeferrals);
        print("1 opt-outs: utility sent during the pause SUBMITTED %s ms after"
                + " acceptance", utility.stream().map(id -> millis(accepted(id), submitted(id).orElseThrow().getStatusAt())).toList());
        print("1 opt-outs: decisions %s", steps(decisions));
        print("1 opt-outs: marketing SUBMITTED per second at each step: %s", ratesPerStep(decisions, marketing));
        print("1 opt-outs: campaign %s", done.path("progress"));

        assertThat(millis(crossed, critical.published())).as("CRITICAL published within 5 s of the crossing").isLessThanOrEqualTo(BOUND.toMillis());
        assertThat(lastHeld.orElse(crossed)).as("no marketing SUBMITTED more than 5 s after the opt-out that crossed the line")
                .isBeforeOrEqualTo(crossed.plus(BOUND));
        assertThat(utility).as("utility sent during the pause was submitted during the pause").allSatisfy(id ->
                assertThat(submitted(id).orElseThrow().getStatusAt()).isAfter(critical.published()).isBefore(resumed.published()));
        assertThat(steps(decisions)).as("marketing comes back in steps").containsSubsequence(
                "CRITICAL 0.0", "WARNING 0.5", "WARNING 0.7", "HEALTHY 1.0");
        assertThat(marketing).as("marketing flows again after the recovery").anyMatch(t -> t.isAfter(resumed.published()));
        assertThat(healthy.published()).isAfter(resumed.published());
        assertCompletedAndNobodyMessagedTwice(done, campaignId, audience);
    }

    // ---- 2. quality RED ------------------------------------------------------------------------------------------------

    @Test
    void aNumberRatedRedHasItsMarketingPausedWithinFiveSecondsAndBackOnceGreen() throws Exception {
        BusinessNumber n = QUALITY;
        List<String> audience = CampaignDemo.phones("+26377920%04d", 400);
        String lateMarketing = "+263779290000";
        String lateUtility = "+263779290001";
        for (String phone : List.of(lateMarketing, lateUtility)) {
            api.grantConsent(consent(), token("admin"), phone, n.project(), "health e2e quality " + phone);
        }
        String campaignId = startMarketingCampaign("health e2e quality", n.project(), marketingAudience(n.project(), "hm-quality", audience));
        await("the campaign's marketing flows").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> submittedAt(n.senderId(), "MARKETING").size() >= 60);
        long before = tap.lastSeq();

        setQuality(n, "RED");
        Seen<SenderHealthChanged> critical = awaitHealth(n, "CRITICAL for its quality", Duration.ofSeconds(30), before,
                h -> h.getState() == SenderState.CRITICAL && h.getReasons().stream().anyMatch(r -> r.startsWith("QUALITY_")));
        Seen<AccountEventReceived> flagged = awaitFirst(AccountEventReceived.class, a -> "FLAGGED".equals(a.getEvent())
                && digits(n.displayNumber()).equals(digits(a.getAttributes().getOrDefault("display_phone_number", ""))));
        // a message that reaches dispatch before its pacer has the decision may still go (it re-reads decisions every
        // second: that is within the 5 s the issue allows, asserted below); one sent after those 5 s must be held
        await("dispatch holds the CRITICAL decision, and the 5 s allowed since the quality webhook have passed")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Instant.now().isAfter(flagged.published().plus(BOUND))
                        && "CRITICAL".equals(dispatchSender(n.senderId()).path("health").path("state").asText()));
        String marketing = api.sendTemplate(token("sender"), lateMarketing, n.project(), "MARKETING", "promo_offer", "en_US", List.of("RED1"));
        String utility = api.sendTemplate(token("sender"), lateUtility, n.project(), "UTILITY", "order_update", "en_US", List.of("Rudo", "Q-1"));
        explainingTimeout(n, () -> await("marketing sent while RED is held and utility goes").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    assertThat(submitted(utility)).as("utility %s", timeline(utility)).isPresent();
                    assertThat(deferred(marketing, "SENDER_HEALTH_PAUSED")).as("marketing %s", timeline(marketing)).isTrue();
                }));
        assertThat(submitted(marketing)).as("marketing sent while RED").isEmpty();

        setQuality(n, "GREEN");
        Seen<SenderHealthChanged> healthy = awaitHealth(n, "HEALTHY once GREEN", Duration.ofMinutes(1), critical.seq(),
                h -> h.getState() == SenderState.HEALTHY);
        await("the held marketing goes after the recovery").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> submitted(marketing).isPresent());
        JsonNode done = followCampaign(campaignId, Duration.ofMinutes(2));

        List<Seen<SenderHealthChanged>> decisions = health(n.senderId());
        Seen<SenderHealthChanged> resumed = firstAfter(decisions, critical.seq(), h -> h.getThrottleFactor() > 0);
        List<Instant> sent = submittedAt(n.senderId(), "MARKETING");
        Instant red = flagged.published();
        Optional<Instant> lastWhileRed = sent.stream().filter(t -> !t.isBefore(red) && t.isBefore(resumed.published()))
                .max(Comparator.naturalOrder());
        print("2 quality: FLAGGED account event published; CRITICAL %s %d ms after it; last marketing SUBMITTED %d ms after it;"
                        + " the marketing sent while RED was SUBMITTED %d ms after the first step back (%s)",
                critical.value().getReasons(), millis(red, critical.published()), lastWhileRed.map(t -> millis(red, t)).orElse(0L),
                millis(resumed.published(), submitted(marketing).orElseThrow().getStatusAt()), resumed.value().getState());
        print("2 quality: decisions %s", steps(decisions));
        print("2 quality: campaign %s", done.path("progress"));

        assertThat(millis(red, critical.published())).as("CRITICAL within 5 s of the quality webhook").isLessThanOrEqualTo(BOUND.toMillis());
        assertThat(lastWhileRed.orElse(red)).as("no marketing SUBMITTED more than 5 s after the number turned RED")
                .isBeforeOrEqualTo(red.plus(BOUND));
        assertThat(submitted(utility).orElseThrow().getStatusAt()).as("utility went while RED").isBefore(resumed.published());
        assertThat(submitted(marketing).orElseThrow().getStatusAt()).as("the held marketing went after the recovery began")
                .isAfter(resumed.published());
        assertThat(steps(decisions)).containsSubsequence("CRITICAL 0.0", "WARNING 0.5", "WARNING 0.7", "HEALTHY 1.0");
        assertThat(healthy.published()).isAfter(resumed.published());
        assertCompletedAndNobodyMessagedTwice(done, campaignId, audience);
    }

    // ---- 3. a template paused by Meta -----------------------------------------------------------------------------------

    @Test
    void aTemplateMetaPausesHasItsQueuedMessagesHeldWithinFiveSecondsAndSentOnceReinstated() throws Exception {
        BusinessNumber n = TEMPLATE;
        List<String> recipients = CampaignDemo.phones("+26377930%04d", 16);
        for (String phone : recipients) {
            api.grantConsent(consent(), token("admin"), phone, n.project(), "health e2e template " + phone);
        }
        String templateId = templateId(HELD_TEMPLATE, "en_US");
        // a slow number (2 msg/s): the 16 messages wait in its queue
        List<String> queued = new ArrayList<>();
        for (String phone : recipients) {
            queued.add(api.sendTemplate(token("sender"), phone, n.project(), "UTILITY", HELD_TEMPLATE, "en_US", List.of("Tendai", "10:00")));
        }
        await("the queue is draining").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> queued.stream().filter(id -> submitted(id).isPresent()).count() >= 3);
        long before = tap.lastSeq();

        assertThat(templateEvent(templateId, "PAUSED").statusCode()).isBetween(200, 204);
        Seen<SenderHealthChanged> held = awaitHealth(n, "the template held", Duration.ofSeconds(30), before,
                h -> h.getHeldTemplates().stream().anyMatch(t -> HELD_TEMPLATE.equals(t.getName())));
        Seen<AccountEventReceived> paused = awaitFirst(AccountEventReceived.class, a -> HELD_TEMPLATE.equals(a.getTemplateName())
                && "PAUSED".equals(a.getEvent()));
        Instant holdBound = paused.published().plus(BOUND);
        await("every queued message is either submitted or held TEMPLATE_HELD, and 5 s have passed since the pause")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().isAfter(holdBound)
                        && queued.stream().allMatch(id -> submitted(id).isPresent() || deferred(id, "TEMPLATE_HELD")));
        List<String> heldIds = queued.stream().filter(id -> submitted(id).isEmpty()).toList();
        Optional<Instant> lastBeforeHold = queued.stream().map(this::submitted).flatMap(Optional::stream)
                .map(MessageStatusChanged::getStatusAt).max(Comparator.naturalOrder());

        assertThat(templateEvent(templateId, "REINSTATED").statusCode()).isBetween(200, 204);
        Seen<SenderHealthChanged> lifted = awaitHealth(n, "the template released", Duration.ofSeconds(30), held.seq(),
                h -> h.getHeldTemplates().stream().noneMatch(t -> HELD_TEMPLATE.equals(t.getName())));
        await("the held messages go").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> heldIds.stream().allMatch(id -> submitted(id).isPresent()));
        Seen<AccountEventReceived> reinstated = awaitFirst(AccountEventReceived.class, a -> HELD_TEMPLATE.equals(a.getTemplateName())
                && "REINSTATED".equals(a.getEvent()));
        Instant firstAfterLift = heldIds.stream().map(id -> submitted(id).orElseThrow().getStatusAt()).min(Comparator.naturalOrder()).orElseThrow();

        print("3 template: PAUSED account event published; hold %s published %d ms after it; last SUBMITTED of the template %d ms"
                        + " after it; %d of %d queued messages held", held.value().getHeldTemplates(), millis(paused.published(), held.published()),
                lastBeforeHold.map(t -> millis(paused.published(), t)).orElse(0L), heldIds.size(), queued.size());
        print("3 template: REINSTATED account event published; release published %d ms after it; first held message SUBMITTED"
                + " %d ms after the release", millis(reinstated.published(), lifted.published()), millis(lifted.published(), firstAfterLift));

        assertThat(millis(paused.published(), held.published())).as("hold published within 5 s of the template's pause")
                .isLessThanOrEqualTo(BOUND.toMillis());
        assertThat(heldIds).as("messages still queued at the pause were held").isNotEmpty();
        assertThat(lastBeforeHold.orElseThrow()).as("no message of the template SUBMITTED more than 5 s after its pause")
                .isBeforeOrEqualTo(holdBound);
        assertThat(heldIds).as("the held messages went after the release").allSatisfy(id ->
                assertThat(submitted(id).orElseThrow().getStatusAt()).isAfter(lifted.published()));
    }

    // ---- 4. a contact who never reads -----------------------------------------------------------------------------------

    @Test
    void aContactWhoNeverReadsGetsNoMarketingAfterTheThirdUnreadDeliveryButStillGetsUtility() throws Exception {
        BusinessNumber n = ENGAGEMENT;
        String contact = "+263779400001";
        assertThat(behaviourOf(contact)).as("the simulator's population: this contact never reads").isEqualTo("ignore");
        api.grantConsent(consent(), token("admin"), contact, n.project(), "health e2e engagement");
        // five marketing messages at once: the pair limit (1 per 6 s) sends them one by one
        List<String> marketing = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            marketing.add(api.sendTemplate(token("sender"), contact, n.project(), "MARKETING", "promo_offer", "en_US", List.of("ENGAGE" + i)));
        }
        await("three marketing messages submitted and the others suppressed").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> marketing.stream().filter(id -> submitted(id).isPresent()).count() == 3
                        && marketing.stream().filter(id -> suppressed(id).isPresent()).count() == 2);
        Seen<ContactEngagementChanged> dormant = awaitFirst(ContactEngagementChanged.class, e -> n.project().equals(e.getProject())
                && contact.equals(e.getContact()) && e.getState() == EngagementState.DORMANT);
        String utility = api.sendTemplate(token("sender"), contact, n.project(), "UTILITY", "order_update", "en_US", List.of("Chipo", "E-1"));
        await("the utility message reaches the dormant contact").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> simulatorLedger(contact).stream().anyMatch(e -> utility.equals(e.path("callbackData").asText())));

        List<String> sentIds = marketing.stream().filter(id -> submitted(id).isPresent()).toList();
        Instant thirdDelivered = sentIds.stream().map(id -> deliveredAt(id).orElseThrow()).max(Comparator.naturalOrder()).orElseThrow();
        List<MessageStatusChanged> suppressions = marketing.stream().map(this::suppressed).flatMap(Optional::stream).toList();
        Instant firstSuppressed = suppressions.stream().map(MessageStatusChanged::getStatusAt).min(Comparator.naturalOrder()).orElseThrow();
        print("4 engagement: 3rd unread delivery published; DORMANT (unread %d, until %s) published %d ms after it; the 4th"
                        + " message SUPPRESSED %d ms after it", dormant.value().getUnreadDelivered(), dormant.value().getDormantUntil(),
                millis(thirdDelivered, dormant.published()), millis(thirdDelivered, firstSuppressed));

        assertThat(suppressions).as("the 4th and 5th marketing messages").hasSize(2)
                .allSatisfy(e -> assertThat(e.getReason()).isEqualTo("LOW_ENGAGEMENT"))
                .allSatisfy(e -> assertThat(e.getStatusAt()).isAfterOrEqualTo(dormant.published()));
        assertThat(dormant.value().getUnreadDelivered()).isEqualTo(3);
        List<String> reached = simulatorLedger(contact).stream().map(e -> e.path("callbackData").asText()).toList();
        assertThat(reached).as("what reached the contact: three marketing messages and the utility one")
                .containsExactlyInAnyOrderElementsOf(concat(sentIds, utility));
    }

    // ---- the scenarios' steps ------------------------------------------------------------------------------------------

    /** Imports the contacts opted in to marketing and utility with a tag, and answers a segment of that tag. */
    private String marketingAudience(String project, String tag, List<String> phones) {
        StringBuilder csv = new StringBuilder("phone,marketing,utility,tags,consentProof\n");
        phones.forEach(p -> csv.append(p).append(",opt_in,opt_in,").append(tag).append(",health e2e sign-up form\n"));
        JsonNode job = api.exchange("POST", consent().resolve("/v1/contacts:import?project=" + project), token("admin"), "text/csv",
                csv.toString(), 202);
        String jobId = job.path("id").asText();
        await("the contact import " + jobId).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).until(() -> {
            String status = api.exchange("GET", consent().resolve("/v1/imports/" + jobId), token("admin"), null, null, 200)
                    .path("status").asText();
            assertThat(status).isNotEqualTo("FAILED");
            return status.equals("COMPLETED");
        });
        ObjectNode segment = JSON.createObjectNode().put("name", tag).put("project", project);
        segment.putArray("tagsAll").add(tag);
        return api.exchange("POST", consent().resolve("/v1/segments"), token("admin"), "application/json", segment.toString(), 201)
                .path("id").asText();
    }

    /** A MARKETING campaign of {@code promo_offer} to the segment, no holdout, resuming by itself after an automatic pause. */
    private String startMarketingCampaign(String name, String project, String segmentId) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("project", project).put("category", "MARKETING")
                .put("priority", 2).put("holdoutPercent", 0).put("ttl", "PT2H").put("autoResume", true);
        body.putObject("template").put("name", "promo_offer").put("language", "en_US");
        body.putObject("parameters").putObject("1").put("value", "SPRING20");
        body.putObject("audience").put("segmentId", segmentId);
        String id = api.exchange("POST", ingest().resolve("/v1/campaigns"), token("operator"), "application/json", body.toString(), 201)
                .path("id").asText();
        api.exchange("POST", ingest().resolve("/v1/campaigns/" + id + ":start"), token("operator"), "application/json",
                "{\"reason\":\"health e2e\"}", 200);
        return id;
    }

    private JsonNode campaign(String id) {
        return api.exchange("GET", ingest().resolve("/v1/campaigns/" + id), token("operator"), null, null, 200);
    }

    private JsonNode followCampaign(String id, Duration atMost) {
        return await("campaign " + id + " completes").atMost(atMost).pollInterval(Duration.ofSeconds(1))
                .until(() -> campaign(id), c -> c.path("state").asText().equals("COMPLETED"));
    }

    /** Every contact got the campaign's message once: none left, none duplicated (the simulator's ledger, by callback data). */
    private void assertCompletedAndNobodyMessagedTwice(JsonNode done, String campaignId, List<String> audience) throws Exception {
        assertThat(done.path("progress").path("remaining").asLong()).isZero();
        JsonNode counts = done.path("progress").path("counts");
        long reached = counts.path("SENT").asLong() + counts.path("DELIVERED").asLong() + counts.path("READ").asLong();
        assertThat(reached).as("every contact reached (%s)", counts).isEqualTo(audience.size());
        Set<String> ids = new HashSet<>();
        audience.forEach(p -> ids.add(UUID.nameUUIDFromBytes(("campaign:" + campaignId + ":" + p).getBytes(StandardCharsets.UTF_8)).toString()));
        JsonNode ledger = JSON.readTree(send("GET", simulator("/sim/ledger"), null).body());
        List<String> twice = new ArrayList<>();
        ledger.path("duplicates").forEach(d -> {
            if (ids.contains(d.path("callbackData").asText())) {
                twice.add(d.toString());
            }
        });
        assertThat(twice).as("campaign messages the simulator accepted more than once").isEmpty();
    }

    private void setQuality(BusinessNumber n, String rating) throws Exception {
        HttpResponse<String> r = send("PUT", simulator("/sim/numbers/" + n.senderId() + "/quality"), "{\"rating\":\"" + rating + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private HttpResponse<String> templateEvent(String templateId, String event) throws Exception {
        return send("POST", simulator("/sim/events/message_template_status_update"), """
                {"message_template_id":%s,"message_template_name":"%s","message_template_language":"en_US","reason":"NONE","event":"%s"}"""
                .formatted(templateId, HELD_TEMPLATE, event));
    }

    private String templateId(String name, String language) {
        JsonNode page = api.exchange("GET", ingest().resolve("/v1/templates?name=" + name), token("viewer"), null, null, 200);
        for (JsonNode t : page.path("items")) {
            if (name.equals(t.path("name").asText()) && language.equals(t.path("language").asText())) {
                return t.path("id").asText();
            }
        }
        throw new AssertionError("ingest knows no template " + name + " (" + language + "): " + page);
    }

    /** The user writes to the number through the simulator; answers when the simulator sent it. */
    private Instant userWrites(String phone, String senderId, String text) throws Exception {
        HttpResponse<String> r = send("POST", simulator("/sim/users/" + phone.substring(1) + "/messages"),
                "{\"to\":\"" + senderId + "\",\"text\":\"" + text + "\"}");
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 202);
        return Instant.parse(JSON.readTree(r.body()).path("sentAt").asText());
    }

    private boolean reachedBySimulator(String phone) {
        try {
            return !simulatorLedger(phone).isEmpty();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<JsonNode> simulatorLedger(String phone) throws Exception {
        HttpResponse<String> r = send("GET", simulator("/sim/ledger?recipient=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)), null);
        List<JsonNode> entries = new ArrayList<>();
        JSON.readTree(r.body()).forEach(entries::add);
        return entries;
    }

    private String behaviourOf(String phone) throws Exception {
        HttpResponse<String> r = send("GET", simulator("/sim/population/behaviour?recipient=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)), null);
        return JSON.readTree(r.body()).path("behaviour").asText();
    }

    private JsonNode dispatchSender(String senderId) {
        return api.exchange("GET", platform.serviceUrl(PlatformService.DISPATCH).resolve("/v1/senders/" + senderId), token("viewer"),
                null, null, 200);
    }

    /** dispatch's quota view of the number: its decision, and its pacer's live rate and queues. */
    private JsonNode quota(String senderId) {
        return api.exchange("GET", platform.serviceUrl(PlatformService.DISPATCH).resolve("/v1/senders/" + senderId + "/quota"),
                token("viewer"), null, null, 200);
    }

    private JsonNode healthView(String senderId) {
        return api.exchange("GET", platform.serviceUrl(PlatformService.HEALTH_MONITOR).resolve("/v1/health/senders/" + senderId),
                token("viewer"), null, null, 200, 404);
    }

    // ---- reading the records -------------------------------------------------------------------------------------------

    /** The number's decisions on wa.sender-health.v1, in the order published. */
    private List<Seen<SenderHealthChanged>> health(String senderId) {
        return tap.seen(SenderHealthChanged.class, h -> senderId.equals(h.getSenderId()));
    }

    /** Waits for the first decision of the number after {@code afterSeq} that {@code match}es. */
    private Seen<SenderHealthChanged> awaitHealth(BusinessNumber n, String what, Duration atMost, long afterSeq, Predicate<SenderHealthChanged> match) {
        return await(n.senderId() + ": " + what).atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> health(n.senderId()).stream().filter(s -> s.seq() > afterSeq && match.test(s.value())).findFirst(),
                        Optional::isPresent).orElseThrow();
    }

    /** The first record of the type that {@code match}es, waiting until the tap has read it. */
    private <T> Seen<T> awaitFirst(Class<T> type, Predicate<T> match) {
        return await("a " + type.getSimpleName() + " record").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> tap.seen(type, match).stream().findFirst(), Optional::isPresent).orElseThrow();
    }

    private static Seen<SenderHealthChanged> firstAfter(List<Seen<SenderHealthChanged>> decisions, long afterSeq,
                                                        Predicate<SenderHealthChanged> match) {
        return decisions.stream().filter(s -> s.seq() > afterSeq && match.test(s.value())).findFirst()
                .orElseThrow(() -> new AssertionError("no such decision after #" + afterSeq + " in " + steps(decisions)));
    }

    /** "STATE factor" of each decision, repeats of the same step left out. */
    private static List<String> steps(List<Seen<SenderHealthChanged>> decisions) {
        List<String> steps = new ArrayList<>();
        for (Seen<SenderHealthChanged> s : decisions) {
            String step = s.value().getState() + " " + s.value().getThrottleFactor();
            if (steps.isEmpty() || !steps.get(steps.size() - 1).equals(step)) {
                steps.add(step);
            }
        }
        return steps;
    }

    /** Per step of the decisions (from when it was published to the next step), the marketing submitted per second. */
    private static List<String> ratesPerStep(List<Seen<SenderHealthChanged>> decisions, List<Instant> submitted) {
        List<Seen<SenderHealthChanged>> starts = new ArrayList<>();
        for (Seen<SenderHealthChanged> s : decisions) {
            if (starts.isEmpty() || starts.get(starts.size() - 1).value().getThrottleFactor() != s.value().getThrottleFactor()
                    || starts.get(starts.size() - 1).value().getState() != s.value().getState()) {
                starts.add(s);
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Instant from = starts.get(i).published();
            Instant to = i + 1 < starts.size() ? starts.get(i + 1).published()
                    : submitted.stream().max(Comparator.naturalOrder()).orElse(from);
            long count = submitted.stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count();
            double seconds = Math.max(0.001, Duration.between(from, to).toMillis() / 1000.0);
            out.add(String.format(Locale.ROOT, "%s %s: %d in %.1f s (%.1f/s)", starts.get(i).value().getState(),
                    starts.get(i).value().getThrottleFactor(), count, seconds, count / seconds));
        }
        return out;
    }

    /** statusAt of every SUBMITTED event dispatch published for the number in the category. */
    private List<Instant> submittedAt(String senderId, String category) {
        return tap.seen(MessageStatusChanged.class, e -> e.getStatus() == MessageStatus.SUBMITTED && e.getSource() == EventSource.DISPATCH
                        && senderId.equals(e.getSenderId()) && e.getCategory() != null && category.equals(e.getCategory().name()))
                .stream().map(s -> s.value().getStatusAt()).sorted().toList();
    }

    private Optional<MessageStatusChanged> submitted(String messageId) {
        return event(messageId, e -> e.getStatus() == MessageStatus.SUBMITTED && e.getSource() == EventSource.DISPATCH);
    }

    private Instant accepted(String messageId) {
        return event(messageId, e -> e.getStatus() == MessageStatus.ACCEPTED).orElseThrow().getStatusAt();
    }

    private Optional<MessageStatusChanged> suppressed(String messageId) {
        return event(messageId, e -> e.getStatus() == MessageStatus.SUPPRESSED);
    }

    private boolean deferred(String messageId, String reason) {
        return event(messageId, e -> e.getStatus() == MessageStatus.DEFERRED && reason.equals(e.getReason())).isPresent();
    }

    /** When the DELIVERED status of the message was published. */
    private Optional<Instant> deliveredAt(String messageId) {
        return tap.seen(MessageStatusChanged.class, e -> messageId.equals(e.getMessageId()) && e.getStatus() == MessageStatus.DELIVERED)
                .stream().map(Seen::published).findFirst();
    }

    /** The message's events so far, for failure messages. */
    private List<String> timeline(String messageId) {
        return tap.seen(MessageStatusChanged.class, e -> messageId.equals(e.getMessageId())).stream().map(s -> s.value().getStatus()
                + "/" + s.value().getSource() + (s.value().getReason() == null ? "" : "/" + s.value().getReason()) + "@"
                + s.value().getStatusAt()).toList();
    }

    /** Runs an await; when it times out, prints what dispatch says of the number's queues first. */
    private void explainingTimeout(BusinessNumber n, Runnable wait) {
        try {
            wait.run();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            print("dispatch's quota of %s at the timeout: %s", n.senderId(), quota(n.senderId()));
            throw e;
        }
    }

    private Optional<MessageStatusChanged> event(String messageId, Predicate<MessageStatusChanged> match) {
        return tap.seen(MessageStatusChanged.class, e -> messageId.equals(e.getMessageId()) && match.test(e)).stream()
                .map(Seen::value).findFirst();
    }

    /**
     * The first moment the records published so far put the number's opt-out rate over the pause line: at least
     * {@value #MIN_DELIVERED} delivered and opt-outs / delivered over 0.1 %. Every record counts: the STOP comes within
     * a minute of the campaign's first delivery, so the 2-minute window (whole minutes) holds them all then.
     */
    static Optional<Instant> crossing(List<Instant> delivered, List<Instant> optOuts) {
        List<Instant> moments = new ArrayList<>(delivered);
        moments.addAll(optOuts);
        moments.sort(Comparator.naturalOrder());
        for (Instant t : moments) {
            long d = delivered.stream().filter(x -> !x.isAfter(t)).count();
            long o = optOuts.stream().filter(x -> !x.isAfter(t)).count();
            if (d >= MIN_DELIVERED && (double) o / d > PAUSE_OPT_OUT_RATE) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    // ---- plumbing ------------------------------------------------------------------------------------------------------

    private static void print(String format, Object... args) {
        System.out.println("[health-e2e] " + String.format(Locale.ROOT, format, args));
    }

    private static long millis(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }

    private static String digits(String s) {
        return s.replaceAll("\\D", "");
    }

    private static List<String> concat(List<String> list, String one) {
        List<String> all = new ArrayList<>(list);
        all.add(one);
        return all;
    }

    private String token(String role) {
        return platform.devKeys().token(role);
    }

    private URI consent() {
        return platform.serviceUrl(PlatformService.CONSENT);
    }

    private URI ingest() {
        return platform.serviceUrl(PlatformService.INGEST);
    }

    private URI simulator(String path) {
        return platform.serviceUrl(PlatformService.CLOUD_API_SIMULATOR).resolve(path);
    }

    private HttpResponse<String> send(String method, URI uri, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A record read off a topic: its place in the tap's reading order, key, Kafka timestamp (set by the producer) and value. */
    record Seen<T>(long seq, String key, Instant published, T value) {
    }

    /**
     * Reads topics from their beginning on a thread of its own for as long as the tests run, decoding every record
     * (Avro, any platform type), so a scenario can ask what has been published so far. Records of one key come in the
     * order they were written (one partition per key).
     */
    private static final class Tap implements AutoCloseable {

        private final ConcurrentLinkedQueue<Seen<SpecificRecord>> seen = new ConcurrentLinkedQueue<>();
        private final AtomicLong seq = new AtomicLong();
        private final KafkaConsumer<String, byte[]> consumer;
        private final Thread thread;

        Tap(String bootstrapServers, List<String> topics) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"),
                    new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            thread = new Thread(this::run, "health-e2e-tap");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            AvroDeserializer avro = new AvroDeserializer();
            try {
                while (true) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        if (r.value() == null) {
                            continue;
                        }
                        try {
                            seen.add(new Seen<>(seq.incrementAndGet(), r.key(), Instant.ofEpochMilli(r.timestamp()),
                                    avro.deserialize(r.topic(), r.value())));
                        } catch (RuntimeException e) {
                            System.out.println("[health-e2e] undecodable record on " + r.topic() + ": " + e.getMessage());
                        }
                    }
                }
            } catch (WakeupException e) {
                // closing
            } finally {
                consumer.close();
            }
        }

        @SuppressWarnings("unchecked")
        <T> List<Seen<T>> seen(Class<T> type, Predicate<T> match) {
            List<Seen<T>> out = new ArrayList<>();
            for (Seen<SpecificRecord> s : seen) {
                if (type.isInstance(s.value()) && match.test((T) s.value())) {
                    out.add((Seen<T>) (Seen<?>) s);
                }
            }
            return out;
        }

        long lastSeq() {
            return seq.get();
        }

        @Override
        public void close() {
            consumer.wakeup();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Walks up from this module to the folder holding the {@code safesend} script. */
    private static Path repoRoot() {
        for (Path dir = MODULE; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("safesend")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder holding the 'safesend' script above " + MODULE);
    }
}
