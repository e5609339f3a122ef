package dev.safesend.ingest.component;

import dev.safesend.schemas.account.AccountEventReceived;
import dev.safesend.schemas.account.AccountEventType;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.safesend.ingest.component.Ingest.bootstrap;
import static dev.safesend.ingest.component.Ingest.fixture;
import static dev.safesend.ingest.component.Ingest.send;
import static dev.safesend.ingest.component.Ingest.token;
import static dev.safesend.ingest.component.Ingest.webhook;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class TemplateRegistryComponentTest {

    @BeforeEach
    void registrySynced() {
        Ingest.templatesSynced();
    }

    @Test
    void theServiceIsReadyOnlyOnceTheFirstTemplateSyncHasSettled() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'Template registry' }.status", equalTo("UP"))
                        .body("checks.find { it.name == 'Template registry' }.data.startSync", equalTo("synced")));
    }

    @Test
    void theSyncReadsEveryPageOfTheCloudApiListing() {
        given().auth().oauth2(token("operator")).when().post("/v1/templates:sync").then().statusCode(200)
                .body("templates", equalTo(FakeCloudApiResource.catalog().size()))
                .body("pages", equalTo((FakeCloudApiResource.catalog().size() + 2) / 3));
        given().auth().oauth2(token("viewer")).when().post("/v1/templates:sync").then().statusCode(403);
    }

    @Test
    void theListingShowsNameLanguageCategoryStatusQualityAndParameterCountPagedByCursor() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(token("viewer")).queryParam("limit", 4);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/v1/templates").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.name"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(seen).hasSize(FakeCloudApiResource.catalog().size()).contains("appointment_reminder", "otp_code");

        given().auth().oauth2(token("viewer")).queryParam("name", "order_update").when().get("/v1/templates").then()
                .statusCode(200)
                .body("items[0].language", equalTo("en_US"))
                .body("items[0].category", equalTo("UTILITY"))
                .body("items[0].parameterCount", equalTo(2))
                .body("items[0].quality", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(token("viewer")).queryParam("name", "old_promo").when().get("/v1/templates").then()
                .body("items[0].status", equalTo("PAUSED")).body("items[0].quality", equalTo("RED"));
        given().auth().oauth2(token("viewer")).queryParam("limit", 0).when().get("/v1/templates").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(token("viewer")).queryParam("cursor", "%%%").when().get("/v1/templates").then().statusCode(400);
        given().when().get("/v1/templates").then().statusCode(401);
    }

    @Test
    void aTemplatePausedByMetaIsRefusedFromThenOnAndItsAccountEventTellsCampaignsToHold() {
        String promo = """
                {"recipient":"+263771234567","project":"shop","category":"MARKETING",
                 "template":{"name":"promo_offer","language":"en_US","bodyParameters":["SPRING20"]}}""";
        send(promo).statusCode(202);
        try (TopicProbe account = TopicProbe.atEnd(bootstrap(), Topics.ACCOUNT_EVENTS.topicName())) {
            webhook(fixture("template-status-paused.json")).statusCode(200);
            AccountEventReceived paused = (AccountEventReceived) account.await(r -> true, 1, Duration.ofSeconds(10)).get(0).value();
            assertThat(paused.getType()).isEqualTo(AccountEventType.TEMPLATE_STATUS);
            assertThat(paused.getEvent()).isEqualTo("PAUSED");
            assertThat(paused.getTemplateName()).isEqualTo("promo_offer");
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> send(promo).statusCode(400)
                .body("errors[0].code", equalTo("template_not_approved")));
        given().auth().oauth2(token("viewer")).queryParam("name", "promo_offer").when().get("/v1/templates").then()
                .body("items[0].status", equalTo("PAUSED"));

        // a sync from Meta (which approves it again in our recorded listing) restores it
        given().auth().oauth2(token("admin")).when().post("/v1/templates:sync").then().statusCode(200);
        send(promo).statusCode(202);
    }

    @Test
    void aTemplateRecategorisedByMetaShowsItsNewCategoryAndRequestsMustUseIt() {
        String utility = """
                {"recipient":"+263771234567","project":"school","category":"UTILITY",
                 "template":{"name":"order_update","language":"en_US","bodyParameters":["Tariro","A-1"]}}""";
        send(utility).statusCode(202);
        try (TopicProbe account = TopicProbe.atEnd(bootstrap(), Topics.ACCOUNT_EVENTS.topicName())) {
            webhook(fixture("template-category-update.json")).statusCode(200);
            AccountEventReceived recategorised = (AccountEventReceived) account.await(r -> true, 1, Duration.ofSeconds(10)).get(0).value();
            assertThat(recategorised.getField()).isEqualTo("template_category_update");
            assertThat(recategorised.getEvent()).isEqualTo("CATEGORY_UPDATE");
            assertThat(recategorised.getReason()).isEqualTo("MARKETING");
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().auth().oauth2(token("viewer")).queryParam("name", "order_update").when().get("/v1/templates").then()
                        .statusCode(200)
                        .body("items[0].category", equalTo("MARKETING"))
                        .body("items[0].status", equalTo("APPROVED")));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> send(utility).statusCode(400)
                .body("errors[0].code", equalTo("category_mismatch")));
        send(utility.replace("UTILITY", "MARKETING")).statusCode(202);

        // Meta's listing (recorded before the change) puts it back, so the other tests see it as UTILITY
        given().auth().oauth2(token("admin")).when().post("/v1/templates:sync").then().statusCode(200);
        send(utility).statusCode(202);
    }

    @Test
    void aTemplateQualityUpdateIsShownInTheListing() {
        byte[] red = new String(fixture("template-quality.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"YELLOW\"", "\"RED\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        webhook(red).statusCode(200);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().auth().oauth2(token("viewer")).queryParam("name", "order_update").when().get("/v1/templates").then()
                        .body("items[0].quality", equalTo("RED")));
        given().auth().oauth2(token("admin")).when().post("/v1/templates:sync").then().statusCode(200);
    }
}
