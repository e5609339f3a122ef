package dev.safesend.analytics.rest;

import dev.safesend.schemas.message.EventSource;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.serde.AvroSerializer;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.SafesendInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Two campaigns' messages, published with duplicates (Meta's retried webhooks, the same record twice) and out of order
 * (a READ before its DELIVERED, statuses before the message's ACCEPTED), then every report's numbers, the CSV form,
 * masking per role and the problems. The events are accepted two hours ago, so the campaign's hourly series shows them.
 */
@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class AnalyticsReportsComponentTest {

    private static final String SHOP_SENDER = "110000000000011";
    private static final String SCHOOL_SENDER = "110000000000022";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String CAMPAIGN_A = "camp-a-" + RUN;
    private static final String CAMPAIGN_B = "camp-b-" + RUN;
    private static final String REFERENCE = "order-" + RUN;
    private static final String PHONE = "+26377" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS).plusSeconds(600);
    private static final String DAY = LocalDate.ofInstant(BASE, ZoneOffset.UTC).toString();

    private static KafkaProducer<String, SpecificRecord> producer;

    @BeforeAll
    static void publishTwoCampaigns() throws Exception {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)),
                new StringSerializer(), new AvroSerializer()::serialize);
        String a1 = "a1-" + RUN, a2 = "a2-" + RUN, a3 = "a3-" + RUN, a4 = "a4-" + RUN, b1 = "b1-" + RUN, b2 = "b2-" + RUN, b3 = "b3-" + RUN;
        // a1: the whole way to READ, the READ before its DELIVERED, Meta's DELIVERED twice, the same SENT record twice
        publish(accepted(a1, CAMPAIGN_A, "shop", SHOP_SENDER, "promo", "en_US", PHONE).setClientReference(REFERENCE));
        publish(status(a1, MessageStatus.SUBMITTED, EventSource.DISPATCH, 1));
        MessageStatusChanged sent = status(a1, MessageStatus.SENT, EventSource.WEBHOOK, 2).build();
        publish(sent);
        publish(sent);
        publish(status(a1, MessageStatus.READ, EventSource.WEBHOOK, 4));
        publish(status(a1, MessageStatus.DELIVERED, EventSource.WEBHOOK, 3));
        publish(status(a1, MessageStatus.DELIVERED, EventSource.WEBHOOK, 3));
        // a2: dispatch and Meta's READ arrive before ingest's ACCEPTED; no SENT or DELIVERED ever comes (a READ implies both)
        publish(status(a2, MessageStatus.SUBMITTED, EventSource.DISPATCH, 1).setProject("shop").setCampaignId(CAMPAIGN_A));
        publish(status(a2, MessageStatus.READ, EventSource.WEBHOOK, 5));
        publish(accepted(a2, CAMPAIGN_A, "shop", SHOP_SENDER, "promo", "en_US", "+263771110002"));
        // a3: sent, then failed with Meta's 131026, twice
        publish(accepted(a3, CAMPAIGN_A, "shop", SHOP_SENDER, "promo", "en_US", "+263771110003"));
        publish(status(a3, MessageStatus.SUBMITTED, EventSource.DISPATCH, 1));
        publish(status(a3, MessageStatus.SENT, EventSource.WEBHOOK, 2));
        publish(status(a3, MessageStatus.FAILED, EventSource.WEBHOOK, 3).setErrorCode(131026).setReason("META_131026"));
        publish(status(a3, MessageStatus.FAILED, EventSource.WEBHOOK, 3).setErrorCode(131026).setReason("META_131026"));
        // a4: deferred twice, then suppressed (opted out)
        publish(accepted(a4, CAMPAIGN_A, "shop", SHOP_SENDER, "promo", "en_US", "+263771110004"));
        publish(status(a4, MessageStatus.DEFERRED, EventSource.DISPATCH, 1).setReason("QUIET_HOURS"));
        publish(status(a4, MessageStatus.DEFERRED, EventSource.DISPATCH, 2).setReason("QUIET_HOURS"));
        publish(status(a4, MessageStatus.SUPPRESSED, EventSource.DISPATCH, 3).setReason("OPTED_OUT"));
        // campaign B (project school): one delivered (to the same phone as a1), one expired, one rejected at the door
        publish(accepted(b1, CAMPAIGN_B, "school", SCHOOL_SENDER, "notice", "pt_BR", PHONE));
        publish(status(b1, MessageStatus.SUBMITTED, EventSource.DISPATCH, 1));
        publish(status(b1, MessageStatus.DELIVERED, EventSource.WEBHOOK, 3));
        publish(status(b1, MessageStatus.SENT, EventSource.WEBHOOK, 2));
        publish(accepted(b2, CAMPAIGN_B, "school", SCHOOL_SENDER, "notice", "pt_BR", "+263771110006"));
        publish(status(b2, MessageStatus.SUBMITTED, EventSource.DISPATCH, 1));
        publish(status(b2, MessageStatus.EXPIRED, EventSource.DISPATCH, 60));
        publish(status(b3, MessageStatus.REJECTED, EventSource.INGEST, 0).setProject("school").setCampaignId(CAMPAIGN_B)
                .setReason("invalid_parameter"));
        producer.flush();
    }

    @BeforeEach
    void everyEventIsCounted() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(token("viewer")).queryParam("day", DAY).when().get("/v1/reports/overview")
                        .then().statusCode(200)
                        .body("submitted", equalTo(5)).body("sent", equalTo(4)).body("delivered", equalTo(3))
                        .body("read", equalTo(2)).body("failed", equalTo(1)).body("suppressed", equalTo(1)));
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    private static String token(String role) {
        return SafesendInfraResource.testKeys().token(role);
    }

    private static MessageStatusChanged.Builder accepted(String id, String campaign, String project, String sender, String template,
                                                         String language, String recipient) {
        return MessageStatusChanged.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setStatusAt(BASE).setMessageId(id).setStatus(MessageStatus.ACCEPTED).setSource(EventSource.INGEST)
                .setProject(project).setSenderId(sender).setRecipient(recipient).setCampaignId(campaign)
                .setTemplateName(template).setTemplateLanguage(language);
    }

    private static MessageStatusChanged.Builder status(String id, MessageStatus status, EventSource source, int afterSeconds) {
        return MessageStatusChanged.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setStatusAt(BASE.plusSeconds(afterSeconds)).setMessageId(id).setStatus(status).setSource(source)
                .setWamid(source == EventSource.WEBHOOK ? "wamid." + id : null);
    }

    private static void publish(MessageStatusChanged.Builder e) throws Exception {
        publish(e.build());
    }

    private static void publish(MessageStatusChanged e) throws Exception {
        producer.send(new ProducerRecord<>(Topics.MESSAGE_EVENTS.topicName(), e.getMessageId(), e)).get();
    }

    private static Response report(String token, String path, Object... query) {
        var spec = given().auth().oauth2(token).queryParam("from", DAY).queryParam("to", DAY);
        for (int i = 0; i < query.length; i += 2) {
            spec = spec.queryParam((String) query[i], query[i + 1]);
        }
        return spec.when().get(path);
    }

    @Test
    void theCampaignReportCountsEachMessagesStepsOnceWhateverTheDuplicatesAndTheOrder() {
        report(token("operator"), "/v1/reports/campaigns").then().statusCode(200).contentType("application/json")
                .rootPath("items.find { it.campaignId == '" + CAMPAIGN_A + "' }")
                .body("project", equalTo("shop"))
                .body("submitted", equalTo(3)).body("sent", equalTo(3)).body("delivered", equalTo(2)).body("read", equalTo(2))
                .body("failed", equalTo(1)).body("suppressed", equalTo(1)).body("rejected", equalTo(0)).body("expired", equalTo(0))
                .body("deliveredRate", equalTo(0.6667f)).body("readRate", equalTo(1.0f))
                .body("failedByCode", equalTo(Map.of("131026", 1))).body("suppressedByReason", equalTo(Map.of("OPTED_OUT", 1)))
                .body("firstEventAt", startsWith(BASE.toString().substring(0, 16)))
                .rootPath("items.find { it.campaignId == '" + CAMPAIGN_B + "' }")
                .body("project", equalTo("school"))
                .body("submitted", equalTo(2)).body("sent", equalTo(1)).body("delivered", equalTo(1)).body("read", equalTo(0))
                .body("rejected", equalTo(1)).body("expired", equalTo(1)).body("deliveredRate", equalTo(1.0f)).body("readRate", equalTo(0.0f))
                .body("failedByCode", equalTo(Map.of()));
        report(token("viewer"), "/v1/reports/campaigns", "project", "school").then().statusCode(200)
                .body("items.campaignId", contains(CAMPAIGN_B));
    }

    @Test
    void aCampaignsOwnReportHasItsDaysAndItsLastHoursAndAnUnknownCampaignIsA404() {
        given().auth().oauth2(token("viewer")).when().get("/v1/reports/campaigns/" + CAMPAIGN_A).then().statusCode(200)
                .body("campaignId", equalTo(CAMPAIGN_A)).body("sent", equalTo(3)).body("read", equalTo(2))
                .body("daily", hasSize(1)).body("daily[0].day", equalTo(DAY)).body("daily[0].submitted", equalTo(3))
                .body("daily[0].failedByCode", equalTo(Map.of("131026", 1)))
                .body("hourly", hasSize(1)).body("hourly[0].hour", equalTo(BASE.truncatedTo(ChronoUnit.HOURS).toString()))
                .body("hourly[0].sent", equalTo(3)).body("hourly[0].delivered", equalTo(2)).body("hourly[0].read", equalTo(2))
                .body("hourly[0].failed", equalTo(1));
        given().auth().oauth2(token("viewer")).when().get("/v1/reports/campaigns/nope-" + RUN).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().auth().oauth2(SafesendInfraResource.testKeys().token("viewer", List.of("school")))
                .when().get("/v1/reports/campaigns/" + CAMPAIGN_A).then().statusCode(404);
    }

    @Test
    void sendersTemplatesAndProjectsArePerDay() {
        report(token("viewer"), "/v1/reports/senders").then().statusCode(200)
                .rootPath("items.find { it.senderId == '" + SHOP_SENDER + "' }")
                .body("day", equalTo(DAY)).body("sent", equalTo(3)).body("delivered", equalTo(2)).body("read", equalTo(2))
                .body("failed", equalTo(1)).body("failedByCode", equalTo(Map.of("131026", 1)))
                .rootPath("items.find { it.senderId == '" + SCHOOL_SENDER + "' }")
                .body("sent", equalTo(1)).body("delivered", equalTo(1)).body("failed", equalTo(0));
        report(token("viewer"), "/v1/reports/templates").then().statusCode(200)
                .body("items.templateName", containsInAnyOrder("promo", "notice"))
                .rootPath("items.find { it.templateName == 'promo' }")
                .body("templateLanguage", equalTo("en_US")).body("sent", equalTo(3)).body("read", equalTo(2));
        report(token("viewer"), "/v1/reports/projects").then().statusCode(200)
                .body("items.project", containsInAnyOrder("shop", "school"))
                .rootPath("items.find { it.project == 'school' }").body("day", equalTo(DAY)).body("sent", equalTo(1));
    }

    @Test
    void aTokenLimitedToProjectsSeesOnlyTheirRows() {
        String school = SafesendInfraResource.testKeys().token("viewer", List.of("school"));
        report(school, "/v1/reports/campaigns").then().statusCode(200).body("items.campaignId", contains(CAMPAIGN_B));
        report(school, "/v1/reports/senders").then().statusCode(200).body("items.senderId", contains(SCHOOL_SENDER));
        given().auth().oauth2(school).queryParam("day", DAY).when().get("/v1/reports/overview").then().statusCode(200)
                .body("submitted", equalTo(2)).body("sent", equalTo(1));
        report(school, "/v1/reports/campaigns", "project", "shop").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void csvHasAHeaderAndOneLinePerRow() {
        String csv = given().auth().oauth2(token("viewer")).accept("text/csv").queryParam("from", DAY).queryParam("to", DAY)
                .when().get("/v1/reports/campaigns").then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("campaignId,project,submitted,sent,delivered,read,failed,suppressed,rejected,expired,"
                + "deferred,deliveredRate,readRate,replied,replyRate,optOuts,firstResponseP50Seconds,failedByCode,suppressedByReason,"
                + "firstEventAt,lastEventAt");
        assertThat(lines).hasSize(3);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(CAMPAIGN_A + ",shop,3,3,2,2,1,1,0,0,1,0.6667,1.0,0,0.0,0,,131026=1,OPTED_OUT=1,"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(CAMPAIGN_B + ",school,2,1,1,0,0,0,1,1,0,1.0,0.0,0,0.0,0,,,,"));

        String senders = given().auth().oauth2(token("admin")).accept("text/csv").queryParam("from", DAY).queryParam("to", DAY)
                .when().get("/v1/reports/senders").then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertThat(senders.lines().toList())
                .startsWith("senderId,day,sent,delivered,read,failed,replied,replyRate,optOuts,firstResponseP50Seconds,failedByCode")
                .contains(SHOP_SENDER + "," + DAY + ",3,2,2,1,0,0.0,0,,131026=1", SCHOOL_SENDER + "," + DAY + ",1,1,0,0,0,0.0,0,,");
    }

    @Test
    void phonesAreMaskedForEveryoneButAdmins() {
        given().auth().oauth2(token("viewer")).queryParam("clientReference", REFERENCE).when().get("/v1/messages").then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].messageId", equalTo("a1-" + RUN))
                .body("items[0].clientReference", equalTo(REFERENCE))
                .body("items[0].recipient", equalTo(PHONE.substring(0, 6) + "****" + PHONE.substring(PHONE.length() - 3)))
                .body("items[0].timeline.status", contains("ACCEPTED", "SUBMITTED", "SENT", "DELIVERED", "READ"));
        given().auth().oauth2(token("admin")).queryParam("clientReference", REFERENCE).when().get("/v1/messages").then()
                .statusCode(200).body("items[0].recipient", equalTo(PHONE));
        given().auth().oauth2(token("operator")).when().get("/v1/messages/a1-" + RUN).then().statusCode(200)
                .body("recipient", startsWith(PHONE.substring(0, 6) + "****"));
    }

    @Test
    void aContactsMessagesAreNewestFirstAndOnlyOfTheTokensProjects() {
        given().auth().oauth2(token("admin")).when().get("/v1/contacts/" + PHONE + "/messages").then().statusCode(200)
                .body("items.messageId", containsInAnyOrder("a1-" + RUN, "b1-" + RUN))
                .body("items[0].timeline", nullValue()).body("items[0].recipient", equalTo(PHONE));
        given().auth().oauth2(SafesendInfraResource.testKeys().token("sender", List.of("shop")))
                .queryParam("limit", 10).when().get("/v1/contacts/" + PHONE + "/messages").then().statusCode(200)
                .body("items.messageId", contains("a1-" + RUN));
        given().auth().oauth2(token("admin")).queryParam("limit", 1).when().get("/v1/contacts/" + PHONE + "/messages").then()
                .statusCode(200).body("items", hasSize(1));
    }

    @Test
    void badInputIsA400ProblemNamingTheParameter() {
        given().auth().oauth2(token("viewer")).queryParam("from", "2026-13-01").when().get("/v1/reports/campaigns").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        given().auth().oauth2(token("viewer")).queryParam("to", "yesterday").when().get("/v1/reports/senders").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("to"));
        given().auth().oauth2(token("viewer")).queryParam("from", "2026-12-05").queryParam("to", "2026-12-01")
                .when().get("/v1/reports/projects").then().statusCode(400).body("errors[0].field", equalTo("from"))
                .body("errors[0].code", equalTo("after_to"));
        given().auth().oauth2(token("viewer")).queryParam("day", "05/12/2026").when().get("/v1/reports/overview").then()
                .statusCode(400).body("errors[0].field", equalTo("day"));
        given().auth().oauth2(token("viewer")).queryParam("limit", "0").when().get("/v1/contacts/" + PHONE + "/messages").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(token("viewer")).when().get("/v1/contacts/not-an-address/messages").then()
                .statusCode(400).body("errors[0].field", equalTo("address"));
        given().auth().oauth2(token("viewer")).when().get("/v1/messages").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("clientReference"));
    }

    @Test
    void reportsNeedATokenAndAConsoleRole() {
        given().when().get("/v1/reports/campaigns").then().statusCode(401);
        given().when().get("/v1/contacts/" + PHONE + "/messages").then().statusCode(401);
        given().auth().oauth2(token("sender")).when().get("/v1/reports/campaigns").then().statusCode(403)
                .contentType("application/problem+json");
    }
}
