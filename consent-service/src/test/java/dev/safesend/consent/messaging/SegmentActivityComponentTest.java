package dev.safesend.consent.messaging;

import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.SafesendInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.safesend.consent.TestEvents.newPhone;
import static dev.safesend.consent.TestEvents.publish;
import static dev.safesend.consent.TestEvents.status;
import static dev.safesend.consent.TestEvents.text;
import static dev.safesend.consent.TestEvents.token;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/** The ages a segment filters on come from the topics: SENT statuses (last contacted) and inbound messages (last inbound). */
@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class SegmentActivityComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static String segment(String body) {
        return given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body(body)
                .when().post("/v1/segments").then().statusCode(201).extract().path("id");
    }

    private static void assertMembers(String segment, List<String> phones) {
        given().auth().oauth2(token("viewer")).queryParam("category", "MARKETING")
                .when().get("/v1/segments/{id}/audience", segment).then().statusCode(200)
                .body("items.phone", phones.isEmpty() ? empty() : contains(phones.toArray()));
        given().auth().oauth2(token("viewer")).queryParam("category", "MARKETING")
                .when().get("/v1/segments/{id}/counts", segment).then().statusCode(200)
                .body("matched", equalTo(phones.size())).body("optedIn", equalTo(phones.size()));
    }

    @Test
    void aSegmentOfContactsRecentlyContactedOrHeardFromPicksUpAContactOnceItsSentStatusOrItsMessageIsConsumed() {
        String project = "act" + System.nanoTime();
        String contacted = newPhone();
        String wrote = newPhone();
        String id = given().urlEncodingEnabled(false).auth().oauth2(token("operator")).contentType("text/csv")
                .queryParam("project", project).body("phone,marketing\n" + contacted + ",in\n" + wrote + ",in\n")
                .when().post("/v1/contacts:import").then().statusCode(202).extract().path("id");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token("viewer")).when().get("/v1/imports/{id}", id)
                .then().statusCode(200).body("status", equalTo("COMPLETED")).body("contactsImported", equalTo(2)));
        String contactedThisWeek = segment("{\"name\":\"contacted this week\",\"project\":\"" + project + "\",\"lastContactedWithin\":\"P7D\"}");
        String wroteThisWeek = segment("{\"name\":\"wrote this week\",\"project\":\"" + project + "\",\"lastInboundWithin\":\"P7D\"}");
        assertMembers(contactedThisWeek, List.of());
        assertMembers(wroteThisWeek, List.of());

        MessageStatusChanged sent = status(contacted, MessageStatus.SENT, null, Instant.now());
        publish(Topics.MESSAGE_EVENTS.topicName(), sent.getMessageId(), sent);
        publish(Topics.INBOUND_MESSAGES.topicName(), wrote.substring(1), text(wrote, "is the shop open on Sunday?", Instant.now()));

        await().atMost(WAIT).untilAsserted(() -> assertMembers(contactedThisWeek, List.of(contacted)));
        await().atMost(WAIT).untilAsserted(() -> assertMembers(wroteThisWeek, List.of(wrote)));
    }
}
