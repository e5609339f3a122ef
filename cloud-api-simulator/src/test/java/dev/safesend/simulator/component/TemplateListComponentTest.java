package dev.safesend.simulator.component;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.safesend.simulator.component.MetaRequests.TOKEN;
import static dev.safesend.simulator.component.MetaRequests.WABA;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

@QuarkusTest
@WithTestResource(WebhookReceiverResource.class)
class TemplateListComponentTest {

    @BeforeEach
    void resetSimulator() {
        MetaRequests.resetSimulator();
    }

    @Test
    void followingNextLinksListsEveryTemplateOnceAndTheLastPageHasNoNext() {
        List<String> seen = new ArrayList<>();
        JsonPath page = given().header("Authorization", "Bearer " + TOKEN).queryParam("limit", 3)
                .get("/v23.0/{waba}/message_templates", WABA).then().statusCode(200).extract().jsonPath();
        int pages = 1;
        while (true) {
            assertThat(page.getList("data")).hasSizeBetween(1, 3);
            page.getList("data.name", String.class).forEach(name -> seen.add(name));
            assertThat(page.getString("paging.cursors.before")).isNotBlank();
            assertThat(page.getString("paging.cursors.after")).isNotBlank();
            String next = page.getString("paging.next");
            if (next == null) {
                break;
            }
            assertThat(next).contains("limit=3").contains("after=" + page.getString("paging.cursors.after"));
            page = given().header("Authorization", "Bearer " + TOKEN).get(next).then().statusCode(200).extract().jsonPath();
            pages++;
        }

        assertThat(seen).hasSize(10).containsSubsequence("hello_world", "order_update", "otp_code", "promo_offer",
                "appointment_reminder", "appointment_reminder", "old_promo", "new_launch");
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void itemsHaveMetasListingFields() {
        given().header("Authorization", "Bearer " + TOKEN).queryParam("name", "promo_offer")
                .get("/v23.0/{waba}/message_templates", WABA).then()
                .statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].id", equalTo("1000000000000004"))
                .body("data[0].language", equalTo("en_US"))
                .body("data[0].status", equalTo("APPROVED"))
                .body("data[0].category", equalTo("MARKETING"))
                .body("data[0].quality_score.score", equalTo("GREEN"))
                .body("data[0].components.find { it.type == 'BUTTONS' }.buttons[0].text", equalTo("Stop promotions"))
                .body("paging", not(hasKey("next")));
    }

    @Test
    void statusFilterReturnsOnlyThatStatus() {
        given().header("Authorization", "Bearer " + TOKEN).queryParam("status", "APPROVED").queryParam("limit", 100)
                .get("/v23.0/{waba}/message_templates", WABA).then()
                .statusCode(200)
                .body("data.status", everyItem(equalTo("APPROVED")))
                .body("data", hasSize(8));
    }

    @Test
    void unknownWabaGets100() {
        given().header("Authorization", "Bearer " + TOKEN)
                .get("/v23.0/{waba}/message_templates", "999").then()
                .statusCode(400)
                .body("error.code", equalTo(100));
    }

    @Test
    void badCursorAndBadLimitGet100() {
        given().header("Authorization", "Bearer " + TOKEN).queryParam("after", "bm9wZQ")
                .get("/v23.0/{waba}/message_templates", WABA).then().statusCode(400).body("error.code", equalTo(100));
        given().header("Authorization", "Bearer " + TOKEN).queryParam("limit", 0)
                .get("/v23.0/{waba}/message_templates", WABA).then().statusCode(400).body("error.code", equalTo(100));
    }

    @Test
    void listingWithoutTokenGets190() {
        given().get("/v23.0/{waba}/message_templates", WABA).then().statusCode(401).body("error.code", equalTo(190));
    }
}
