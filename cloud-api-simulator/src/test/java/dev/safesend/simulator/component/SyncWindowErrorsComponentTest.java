package dev.safesend.simulator.component;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.safesend.simulator.component.MetaRequests.NUMBER;
import static dev.safesend.simulator.component.MetaRequests.freshRecipient;
import static dev.safesend.simulator.component.MetaRequests.send;
import static dev.safesend.simulator.component.MetaRequests.text;
import static dev.safesend.simulator.component.MetaRequests.userWrites;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(SyncWindowErrorsProfile.class)
@WithTestResource(WebhookReceiverResource.class)
class SyncWindowErrorsComponentTest {

    @BeforeEach
    void resetSimulator() {
        MetaRequests.resetSimulator();
    }

    @Test
    void freeFormTextWithoutInboundMessageGets131047Synchronously() {
        send(text(freshRecipient(), "hello")).then()
                .statusCode(400)
                .body("error.code", equalTo(131047))
                .body("error.message", equalTo("(#131047) Re-engagement message"));
        given().get("/sim/ledger").then().body("total", equalTo(0));
    }

    @Test
    void freeFormTextAfterTheUserWroteWithinTwentyFourHoursIsAccepted() {
        String to = freshRecipient();
        userWrites(to.substring(1), NUMBER, "STOP");

        send(text(to, "You are unsubscribed")).then().statusCode(200);
    }
}
