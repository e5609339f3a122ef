package dev.safesend.analytics.rest;

import dev.safesend.analytics.repository.TouchpointRepository;
import dev.safesend.schemas.analytics.ConversionRecorded;
import dev.safesend.schemas.campaign.CampaignAudienceAssigned;
import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.consent.ConsentState;
import dev.safesend.schemas.message.EventSource;
import dev.safesend.schemas.message.InboundMessageReceived;
import dev.safesend.schemas.message.InboundType;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.SafesendInfraResource;
import dev.safesend.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Attribution against real Kafka and PostgreSQL: a campaign's audience (treated and holdout) and deliveries arrive as
 * events, users reply (quoting, not quoting, by BSUID only) and one opts out, conversions are reported through the API
 * (one by BSUID, retried POSTs, a redelivered record), and the attribution report, the journey and the segments answer
 * with the numbers worked out by hand below.
 */
@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class AttributionComponentTest {

    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static KafkaProducer<String, SpecificRecord> producer;

    @Inject
    TouchpointRepository touchpoints;

    @BeforeAll
    static void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()), new StringSerializer(),
                new AvroSerializer()::serialize);
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static String token(String role) {
        return SafesendInfraResource.testKeys().token(role);
    }

    @Test
    void repliesOptOutsAndConversionsAreCreditedToTheCampaignAndItsUpliftIsMeasuredAgainstTheHoldout() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String project = "shop-" + run;
        String campaign = "camp-" + run;
        int base = Math.abs(run.hashCode() % 9000) * 10;
        String a = phone(base + 1);
        String b = phone(base + 2);
        String d = phone(base + 3);
        String dBsuid = "ZW.7" + (base + 3) + run.replaceAll("[^0-9a-z]", "1");
        String e = phone(base + 4);
        String f = phone(base + 5);
        List<String> holdout = List.of(phone(base + 6), phone(base + 7), phone(base + 8), phone(base + 9));
        Instant t0 = Instant.now().minus(Duration.ofDays(35)).truncatedTo(ChronoUnit.SECONDS);

        // the campaign's audience: five treated, four held out; the slice arrives twice (a retried copy)
        CampaignAudienceAssigned slice = CampaignAudienceAssigned.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(t0).setCampaignId(campaign).setProject(project).setStartedAt(t0).setFirstSeq(0)
                .setTreated(List.of(a, b, d, e, f)).setHoldout(holdout).build();
        send(Topics.CAMPAIGN_AUDIENCE, campaign, slice);
        send(Topics.CAMPAIGN_AUDIENCE, campaign, slice);

        // deliveries: a, b, d (whose status names its BSUID) and f; e was accepted but never delivered; f's READ and
        // DELIVERED both arrive, and b's DELIVERED twice
        accepted(campaign, project, a);
        accepted(campaign, project, b);
        accepted(campaign, project, d);
        accepted(campaign, project, e);
        accepted(campaign, project, f);
        delivered(campaign, a, null, MessageStatus.DELIVERED, t0.plus(Duration.ofHours(1)));
        delivered(campaign, b, null, MessageStatus.DELIVERED, t0.plus(Duration.ofHours(2)));
        delivered(campaign, b, null, MessageStatus.DELIVERED, t0.plus(Duration.ofHours(2)));
        delivered(campaign, d, dBsuid, MessageStatus.DELIVERED, t0.plus(Duration.ofHours(3)));
        delivered(campaign, f, null, MessageStatus.READ, t0.plus(Duration.ofHours(4).plusMinutes(5)));
        delivered(campaign, f, null, MessageStatus.DELIVERED, t0.plus(Duration.ofHours(4)));
        await().atMost(AWAIT).untilAsserted(() -> assertThat(touchpoints.touchesOf(Set.of(a, b, d, e, f), project, t0,
                t0.plus(Duration.ofDays(1)))).containsOnlyKeys(a, b, d, f));
        assertThat(touchpoints.touchesOf(Set.of(f), project, t0, t0.plus(Duration.ofDays(1))).get(f).get(0).deliveredAt())
                .as("READ before DELIVERED: the earlier time is the delivery").isEqualTo(t0.plus(Duration.ofHours(4)));

        // replies: a quotes its message after 10 min (and writes again later), b writes without a quote after 30 min,
        // d writes by BSUID only after 60 s, a stranger writes too (unattributed); the quoted one arrives twice
        InboundMessageReceived quoted = reply(a, null, "wamid." + messageId(campaign, a), t0.plus(Duration.ofHours(1).plusMinutes(10)));
        send(Topics.INBOUND_MESSAGES, a, quoted);
        send(Topics.INBOUND_MESSAGES, a, quoted);
        send(Topics.INBOUND_MESSAGES, a, reply(a, null, null, t0.plus(Duration.ofHours(5))));
        send(Topics.INBOUND_MESSAGES, b, reply(b, null, null, t0.plus(Duration.ofHours(2).plusMinutes(30))));
        send(Topics.INBOUND_MESSAGES, dBsuid, reply(dBsuid, dBsuid, null, t0.plus(Duration.ofHours(3).plusSeconds(60))));
        send(Topics.INBOUND_MESSAGES, "stranger", reply(phone(base + 99), null, null, t0.plus(Duration.ofHours(3))));
        // b opts out 3 hours after its message (credited to the campaign); f's consent record only links addresses
        send(Topics.CONSENT_CHANGES, b, consent(b, project, List.of(b), true, t0.plus(Duration.ofHours(5))));
        send(Topics.CONSENT_CHANGES, f, consent(f, project, List.of(f), false, t0.plus(Duration.ofHours(6))));

        // conversions: a (keyed, POSTed twice), b (by reference, twice; 29 days after the start), d by its BSUID, a holdout member
        String aId = convert(project, a, "purchase", "100", t0.plus(Duration.ofDays(2)), "key-a-" + run, null);
        assertThat(convert(project, a, "purchase", "100", t0.plus(Duration.ofDays(2)), "key-a-" + run, null)).isEqualTo(aId);
        String bId = convert(project, b, "purchase", "50", t0.plus(Duration.ofDays(29)), null, "order-b-" + run);
        assertThat(convert(project, b, "purchase", "50", t0.plus(Duration.ofDays(29)), null, "order-b-" + run)).isEqualTo(bId);
        convert(project, dBsuid, "demo_booked", "20", t0.plus(Duration.ofDays(1)), null, null);
        convert(project, holdout.get(0), "purchase", "70", t0.plus(Duration.ofDays(3)), null, null);
        // the same conversion record redelivered by Kafka
        send(Topics.CONVERSIONS, a, ConversionRecorded.newBuilder().setEventId(aId).setOccurredAt(Instant.now()).setPhone(a)
                .setProject(project).setKind("purchase").setValue(100.0).setCurrency("USD").setConvertedAt(t0.plus(Duration.ofDays(2))).build());

        // by hand: delivered a, b, d, f; replied a, b, d → 3 of 4; first responses 600 s, 1800 s, 60 s → p50 600,
        // p90 600 + 0.8 × (1800 − 600) = 1560; opt-outs b; conversions credited a, b, d → 3 worth 170;
        // treated 5, converted a, b, d → 0.6; holdout 4, converted 1 → 0.25; uplift 0.35, Newcombe (−0.2316, 0.6986)
        await().atMost(AWAIT).untilAsserted(() -> {
            JsonPath r = given().auth().oauth2(token("viewer")).when().get("/v1/reports/campaigns/" + campaign + "/attribution")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(r.getString("campaignId")).isEqualTo(campaign);
            assertThat(r.getLong("replied")).isEqualTo(3);
            assertThat(r.getDouble("replyRate")).isEqualTo(0.75);
            assertThat(r.getDouble("firstResponseP50Seconds")).isEqualTo(600.0);
            assertThat(r.getDouble("firstResponseP90Seconds")).isCloseTo(1560.0, within(0.001));
            assertThat(r.getLong("optOuts")).isEqualTo(1);
            assertThat(r.getLong("conversions")).isEqualTo(3);
            assertThat(r.getDouble("conversionValue")).isEqualTo(170.0);
            assertThat(r.getLong("treated.contacts")).isEqualTo(5);
            assertThat(r.getLong("treated.converted")).isEqualTo(3);
            assertThat(r.getDouble("treated.rate")).isEqualTo(0.6);
            assertThat(r.getLong("holdout.contacts")).isEqualTo(4);
            assertThat(r.getLong("holdout.converted")).isEqualTo(1);
            assertThat(r.getDouble("holdout.rate")).isEqualTo(0.25);
            assertThat(r.getDouble("uplift.difference")).isCloseTo(0.35, within(1e-9));
            assertThat(r.getDouble("uplift.ci95Low")).isCloseTo(-0.2316, within(0.0001));
            assertThat(r.getDouble("uplift.ci95High")).isCloseTo(0.6986, within(0.0001));
        });

        // a's journey: one conversion (the retries and the redelivery are the same one), credited to its one touch;
        // whole addresses for an admin, masked for an operator
        given().auth().oauth2(token("admin")).when().get("/v1/contacts/" + a + "/journey").then().statusCode(200)
                .body("conversions.size()", equalTo(1))
                .body("conversions[0].conversionId", equalTo(aId))
                .body("conversions[0].contact", equalTo(a))
                .body("conversions[0].attributedTo.campaignId", equalTo(campaign))
                .body("conversions[0].journey.size()", equalTo(1))
                .body("conversions[0].journey[0].recipient", equalTo(a))
                .body("conversions[0].journey[0].deliveredAt", equalTo(t0.plus(Duration.ofHours(1)).toString()));
        given().auth().oauth2(token("operator")).when().get("/v1/contacts/" + a + "/journey").then().statusCode(200)
                .body("contact", equalTo(a.substring(0, 6) + "****" + a.substring(a.length() - 3)))
                .body("conversions[0].journey[0].recipient", equalTo(a.substring(0, 6) + "****" + a.substring(a.length() - 3)));
        // d converted by its BSUID: the same person as its phone, so credited to the message sent to the phone
        given().auth().oauth2(token("admin")).when().get("/v1/contacts/" + d + "/journey").then().statusCode(200)
                .body("conversions.size()", equalTo(1))
                .body("conversions[0].contact", equalTo(dBsuid))
                .body("conversions[0].attributedTo.recipient", equalTo(d));

        // segments of the campaign's touched contacts (a, b, d, f: all Zimbabwean mobiles), JSON and CSV
        given().auth().oauth2(token("viewer")).queryParam("by", "country").queryParam("campaignId", campaign)
                .when().get("/v1/reports/segments").then().statusCode(200)
                .body("by", equalTo("country"))
                .body("segments.size()", equalTo(1))
                .body("segments[0].segment", equalTo("ZW"))
                .body("segments[0].contacts", equalTo(4))
                .body("segments[0].converted", equalTo(3))
                .body("segments[0].rate", equalTo(0.75f));
        String csv = given().auth().oauth2(token("viewer")).accept("text/csv").queryParam("by", "type").queryParam("campaignId", campaign)
                .when().get("/v1/reports/segments").then().statusCode(200).contentType("text/csv").extract().asString();
        assertThat(csv.lines().toList()).containsExactly("segment,contacts,converted,rate,conversionValue", "MOBILE,4,3,0.75,170.0000");

        // another project's token sees neither the campaign nor the journey's conversions
        given().auth().oauth2(SafesendInfraResource.testKeys().token("viewer", List.of("other-" + run)))
                .when().get("/v1/reports/campaigns/" + campaign + "/attribution")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(SafesendInfraResource.testKeys().token("viewer", List.of("other-" + run)))
                .when().get("/v1/contacts/" + a + "/journey").then().statusCode(200).body("conversions.size()", equalTo(0));
    }

    @Test
    void repliesOptOutsAndFirstResponseTimesAreCountedInTheRowsOfTheMessagesTheyAreCreditedTo() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String shop = "shop-" + run;
        String school = "school-" + run;
        String c1 = "c1-" + run;
        String c2 = "c2-" + run;
        int base = 5_000_000 + Math.abs(run.hashCode() % 9000) * 10;
        String a = phone(base + 1);
        String b = phone(base + 2);
        String c = phone(base + 3);
        String d = phone(base + 4);
        String e = phone(base + 5);
        String s1 = "1200" + (base + 1);
        String s2 = "1200" + (base + 2);
        String s3 = "1200" + (base + 3);
        String promo = "promo_" + run;
        String promoAlt = "promo_alt_" + run;
        String notice = "notice_" + run;
        // accepted three days ago; delivered, answered and opted out a day later: the rows are the acceptance day's
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(3)).plusSeconds(600);
        String day = t0.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
        Instant t1 = t0.plus(Duration.ofDays(1));

        // campaign 1 (shop): a and b by sender s1 with template promo, c by sender s2 with template promo_alt;
        // campaign 2 (school): d and e by sender s3 with template notice
        accepted(c1, shop, a, s1, promo, t0);
        accepted(c1, shop, b, s1, promo, t0);
        accepted(c1, shop, c, s2, promoAlt, t0);
        accepted(c2, school, d, s3, notice, t0);
        accepted(c2, school, e, s3, notice, t0);
        delivered(c1, a, null, MessageStatus.DELIVERED, t1);
        delivered(c1, b, null, MessageStatus.DELIVERED, t1.plus(Duration.ofHours(1)));
        delivered(c1, c, null, MessageStatus.DELIVERED, t1.plus(Duration.ofHours(2)));
        delivered(c2, d, null, MessageStatus.DELIVERED, t1);
        delivered(c2, e, null, MessageStatus.DELIVERED, t1.plus(Duration.ofMinutes(30)));
        await().atMost(AWAIT).untilAsserted(() -> {
            assertThat(touchpoints.touchesOf(Set.of(a, b, c), shop, t0, t1.plus(Duration.ofDays(1)))).containsOnlyKeys(a, b, c);
            assertThat(touchpoints.touchesOf(Set.of(d, e), school, t0, t1.plus(Duration.ofDays(1)))).containsOnlyKeys(d, e);
        });

        // a quotes its message after 600 s and writes again unquoted (counted once, its first reply's time), b writes
        // unquoted after 1800 s, d quotes after 120 s; c opts out (credited to its message: sender s2, template promo_alt)
        send(Topics.INBOUND_MESSAGES, a, reply(a, null, "wamid." + messageId(c1, a), t1.plusSeconds(600)));
        send(Topics.INBOUND_MESSAGES, a, reply(a, null, null, t1.plus(Duration.ofHours(5))));
        send(Topics.INBOUND_MESSAGES, b, reply(b, null, null, t1.plus(Duration.ofHours(1)).plusSeconds(1800)));
        send(Topics.INBOUND_MESSAGES, d, reply(d, null, "wamid." + messageId(c2, d), t1.plusSeconds(120)));
        send(Topics.CONSENT_CHANGES, c, consent(c, shop, List.of(c), true, t1.plus(Duration.ofHours(3))));

        // by hand: c1 delivered 3, replied a and b → 0.6667, p50 of 600 and 1800 = 1200, opt-outs c; c2 delivered 2,
        // replied d → 0.5, p50 120; s2 and promo_alt (c's row) have no reply but the opt-out
        String viewer = SafesendInfraResource.testKeys().token("viewer", List.of(shop, school));
        await().atMost(AWAIT).untilAsserted(() -> {
            JsonPath campaigns = report(viewer, "/v1/reports/campaigns", day);
            assertReplies(campaigns, "items.find { it.campaignId == '" + c1 + "' }", 3, 2, 0.6667, 1, 1200.0);
            assertReplies(campaigns, "items.find { it.campaignId == '" + c2 + "' }", 2, 1, 0.5, 0, 120.0);
            assertThat(campaigns.getString("items.find { it.campaignId == '" + c1 + "' }.project")).isEqualTo(shop);
        });
        JsonPath senders = report(viewer, "/v1/reports/senders", day);
        assertThat(senders.getList("items.senderId", String.class)).containsExactlyInAnyOrder(s1, s2, s3);
        assertReplies(senders, "items.find { it.senderId == '" + s1 + "' }", 2, 2, 1.0, 0, 1200.0);
        assertReplies(senders, "items.find { it.senderId == '" + s2 + "' }", 1, 0, 0.0, 1, null);
        assertReplies(senders, "items.find { it.senderId == '" + s3 + "' }", 2, 1, 0.5, 0, 120.0);
        assertThat(senders.getString("items.find { it.senderId == '" + s1 + "' }.day")).isEqualTo(day);
        JsonPath templates = report(viewer, "/v1/reports/templates", day);
        assertReplies(templates, "items.find { it.templateName == '" + promo + "' }", 2, 2, 1.0, 0, 1200.0);
        assertReplies(templates, "items.find { it.templateName == '" + promoAlt + "' }", 1, 0, 0.0, 1, null);
        assertReplies(templates, "items.find { it.templateName == '" + notice + "' }", 2, 1, 0.5, 0, 120.0);
        JsonPath projects = report(viewer, "/v1/reports/projects", day);
        assertThat(projects.getList("items.project", String.class)).containsExactlyInAnyOrder(shop, school);
        assertReplies(projects, "items.find { it.project == '" + shop + "' }", 3, 2, 0.6667, 1, 1200.0);
        assertReplies(projects, "items.find { it.project == '" + school + "' }", 2, 1, 0.5, 0, 120.0);
        // the campaign's own report: its total row and its (one) day
        JsonPath detail = given().auth().oauth2(viewer).when().get("/v1/reports/campaigns/" + c1).then().statusCode(200).extract().jsonPath();
        assertReplies(detail, "", 3, 2, 0.6667, 1, 1200.0);
        assertThat(detail.getString("daily[0].day")).isEqualTo(day);
        assertReplies(detail, "daily[0]", 3, 2, 0.6667, 1, 1200.0);

        // CSV: the same columns after the rates
        List<String> campaignsCsv = csv(viewer, "/v1/reports/campaigns", day);
        assertThat(campaignsCsv.get(0)).isEqualTo("campaignId,project,submitted,sent,delivered,read,failed,suppressed,rejected,expired,"
                + "deferred,deliveredRate,readRate,replied,replyRate,optOuts,firstResponseP50Seconds,failedByCode,suppressedByReason,"
                + "firstEventAt,lastEventAt");
        assertThat(campaignsCsv).anySatisfy(l -> assertThat(l).startsWith(c1 + "," + shop + ",3,3,3,0,0,0,0,0,0,1.0,0.0,2,0.6667,1,1200.0,,,"));
        assertThat(campaignsCsv).anySatisfy(l -> assertThat(l).startsWith(c2 + "," + school + ",2,2,2,0,0,0,0,0,0,1.0,0.0,1,0.5,0,120.0,,,"));
        assertThat(csv(viewer, "/v1/reports/senders", day)).containsExactlyInAnyOrder(
                "senderId,day,sent,delivered,read,failed,replied,replyRate,optOuts,firstResponseP50Seconds,failedByCode",
                s1 + "," + day + ",2,2,0,0,2,1.0,0,1200.0,", s2 + "," + day + ",1,1,0,0,0,0.0,1,,", s3 + "," + day + ",2,2,0,0,1,0.5,0,120.0,");
        assertThat(csv(viewer, "/v1/reports/templates", day)).contains(
                promoAlt + ",en_US," + day + ",1,1,0,0,0,0.0,1,,", notice + ",en_US," + day + ",2,2,0,0,1,0.5,0,120.0,");
        assertThat(csv(viewer, "/v1/reports/projects", day)).contains(shop + "," + day + ",3,3,0,0,2,0.6667,1,1200.0,");

        // a token of one project sees only that project's replies
        JsonPath schoolOnly = report(SafesendInfraResource.testKeys().token("viewer", List.of(school)), "/v1/reports/projects", day);
        assertThat(schoolOnly.getList("items.project", String.class)).containsExactly(school);
    }

    @Test
    void aConversionThatCannotBeUsedIsAProblemNamingTheFieldAndNothingIsPublished() throws Exception {
        try (TopicProbe conversions = TopicProbe.atEnd(bootstrap(), Topics.CONVERSIONS.topicName())) {
            given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                    .body("{\"project\":\"p\",\"type\":\"purchase\",\"currency\":\"EURO\"}")
                    .when().post("/v1/conversions").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("contact")).body("errors.field", hasItem("currency"));
            given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                    .body("{\"project\":\"p\",\"contact\":\"+263771234567\",\"type\":\"purchase\",\"occurredAt\":\"yesterday\"}")
                    .when().post("/v1/conversions").then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("occurredAt"));
            given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                    .body("{\"contact\":\"+263771234567\",\"type\":\"purchase\"}")
                    .when().post("/v1/conversions").then().statusCode(400).body("errors[0].field", equalTo("project"));
            assertThat(conversions.drain(Duration.ofSeconds(1))).isEmpty();
        }
        given().contentType(ContentType.JSON).body("{}").when().post("/v1/conversions").then().statusCode(401);
        given().auth().oauth2(token("viewer")).contentType(ContentType.JSON).body("{\"project\":\"p\",\"contact\":\"+263771234567\",\"type\":\"x\"}")
                .when().post("/v1/conversions").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(SafesendInfraResource.testKeys().token("sender", List.of("mine"))).contentType(ContentType.JSON)
                .body("{\"project\":\"theirs\",\"contact\":\"+263771234567\",\"type\":\"x\"}")
                .when().post("/v1/conversions").then().statusCode(403).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("theirs"));
        given().auth().oauth2(token("viewer")).queryParam("by", "city").when().get("/v1/reports/segments")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("by"));
        given().auth().oauth2(token("viewer")).when().get("/v1/contacts/not-an-address/journey")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("address"));
        given().auth().oauth2(token("viewer")).when().get("/v1/reports/campaigns/never-heard-of/attribution")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aSenderReportsAConversionForItsOnlyProjectAndItIsPublishedKeyedByTheContact() throws Exception {
        try (TopicProbe conversions = TopicProbe.atEnd(bootstrap(), Topics.CONVERSIONS.topicName())) {
            String id = given().auth().oauth2(SafesendInfraResource.testKeys().token("sender", List.of("solo"))).contentType(ContentType.JSON)
                    .body("{\"contact\":\"+263 77 123 4500\",\"type\":\"purchase\",\"value\":12.5,\"currency\":\"usd\",\"source\":\"shop\",\"reference\":\"r-1\"}")
                    .when().post("/v1/conversions").then().statusCode(202).extract().path("conversionId");
            ConversionRecorded r = (ConversionRecorded) conversions.await(x -> "+263771234500".equals(x.key()), 1, AWAIT).get(0).value();
            assertThat(r.getEventId()).isEqualTo(id);
            assertThat(r.getProject()).isEqualTo("solo");
            assertThat(r.getPhone()).isEqualTo("+263771234500");
            assertThat(r.getCurrency()).isEqualTo("USD");
            assertThat(r.getValue()).isEqualTo(12.5);
            assertThat(r.getSource()).isEqualTo("shop");
        }
    }

    @Test
    void aPoisonConversionGoesToTheDeadLetterTopicAndTheNextOneIsRecorded() throws Exception {
        try (TopicProbe dlq = TopicProbe.atEnd(bootstrap(), Topics.CONVERSIONS.dlqName());
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                     new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.CONVERSIONS.topicName(), "+263779999999", "not avro".getBytes(StandardCharsets.UTF_8))).get();
            String address = "+263779999998";
            String id = UUID.randomUUID().toString();
            send(Topics.CONVERSIONS, address, ConversionRecorded.newBuilder().setEventId(id).setOccurredAt(Instant.now()).setPhone(address)
                    .setProject("poison").setKind("purchase").setConvertedAt(Instant.now()).build());

            var dead = dlq.awaitRaw(x -> "+263779999999".equals(x.key()), 1, AWAIT).get(0);
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
            assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
            await().atMost(AWAIT).untilAsserted(() -> given().auth().oauth2(token("admin")).when().get("/v1/contacts/" + address + "/journey")
                    .then().statusCode(200).body("conversions.conversionId", hasItem(id)));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String phone(int n) {
        return "+26377" + String.format("%07d", n % 10_000_000);
    }

    private static String messageId(String campaign, String address) {
        return UUID.nameUUIDFromBytes(("campaign:" + campaign + ":" + address).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static void send(Topics topic, String key, SpecificRecord record) throws Exception {
        producer.send(new ProducerRecord<>(topic.topicName(), key, record)).get();
    }

    private static void accepted(String campaign, String project, String address) throws Exception {
        accepted(campaign, project, address, "110000000000001", null, Instant.now());
    }

    private static void accepted(String campaign, String project, String address, String sender, String template, Instant at)
            throws Exception {
        String id = messageId(campaign, address);
        send(Topics.MESSAGE_EVENTS, id, MessageStatusChanged.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setStatusAt(at).setMessageId(id).setStatus(MessageStatus.ACCEPTED).setSource(EventSource.INGEST)
                .setProject(project).setCampaignId(campaign).setRecipient(address).setSenderId(sender).setTemplateName(template)
                .setTemplateLanguage(template == null ? null : "en_US").build());
    }

    private static JsonPath report(String token, String path, String day) {
        return given().auth().oauth2(token).queryParam("from", day).queryParam("to", day).when().get(path)
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
    }

    private static List<String> csv(String token, String path, String day) {
        return given().auth().oauth2(token).accept("text/csv").queryParam("from", day).queryParam("to", day).when().get(path)
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString().lines().toList();
    }

    /** The row at {@code path} ("" for the root) has these deliveries and the replies credited to its messages. */
    private static void assertReplies(JsonPath json, String path, long delivered, long replied, double replyRate, long optOuts,
                                      Double p50) {
        String p = path.isEmpty() ? "" : path + ".";
        if (!path.isEmpty()) {
            assertThat(json.getMap(path)).as(path).isNotNull();
        }
        assertThat(json.getLong(p + "delivered")).as(path + " delivered").isEqualTo(delivered);
        assertThat(json.getLong(p + "replied")).as(path + " replied").isEqualTo(replied);
        assertThat(json.getDouble(p + "replyRate")).as(path + " replyRate").isCloseTo(replyRate, within(1e-6));
        assertThat(json.getLong(p + "optOuts")).as(path + " optOuts").isEqualTo(optOuts);
        Object median = json.get(p + "firstResponseP50Seconds");
        if (p50 == null) {
            assertThat(median).as(path + " firstResponseP50Seconds").isNull();
        } else {
            assertThat(median).as(path + " firstResponseP50Seconds").isNotNull();
            assertThat(((Number) median).doubleValue()).as(path + " firstResponseP50Seconds").isCloseTo(p50, within(1e-6));
        }
    }

    /** A webhook status: names neither project nor campaign, as Meta's do not. */
    private static void delivered(String campaign, String address, String bsuid, MessageStatus status, Instant at) throws Exception {
        String id = messageId(campaign, address);
        send(Topics.MESSAGE_EVENTS, id, MessageStatusChanged.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setStatusAt(at).setMessageId(id).setStatus(status).setSource(EventSource.WEBHOOK).setRecipient(address)
                .setRecipientUserId(bsuid).setSenderId("110000000000001").setWamid("wamid." + id).build());
    }

    private static InboundMessageReceived reply(String address, String bsuid, String contextWamid, Instant at) {
        String wamid = "wamid.in-" + UUID.randomUUID();
        return InboundMessageReceived.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now()).setWamid(wamid)
                .setWaId(address).setPhone(address).setUserId(bsuid).setSenderId("110000000000001").setType(InboundType.TEXT)
                .setText("hello").setContextWamid(contextWamid).setReceivedAt(at).build();
    }

    private static ConsentChanged consent(String key, String project, List<String> addresses, boolean optedOut, Instant at) {
        return ConsentChanged.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at).setPhone(key).setProject(project)
                .setVersion(at.toEpochMilli()).setMarketing(optedOut ? ConsentState.OPTED_OUT : ConsentState.OPTED_IN)
                .setUtility(ConsentState.OPTED_IN).setAuthentication(ConsentState.OPTED_IN).setSource(optedOut ? "KEYWORD" : "LINK")
                .setAddresses(addresses).setOptedOut(optedOut ? List.of(Category.MARKETING) : List.of()).build();
    }

    private static String convert(String project, String contact, String type, String value, Instant at, String key, String reference) {
        var request = given().auth().oauth2(token("sender")).contentType(ContentType.JSON);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        String body = "{\"project\":\"%s\",\"contact\":\"%s\",\"type\":\"%s\",\"value\":%s,\"currency\":\"USD\",\"occurredAt\":\"%s\"%s}"
                .formatted(project, contact, type, value, at, reference == null ? "" : ",\"reference\":\"" + reference + "\"");
        return request.body(body).when().post("/v1/conversions").then().log().ifValidationFails().statusCode(202)
                .contentType(ContentType.JSON).extract().path("conversionId");
    }
}
