package dev.safesend.simulator.component;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.safesend.simulator.component.MetaRequests.NUMBER;
import static dev.safesend.simulator.component.MetaRequests.accepted;
import static dev.safesend.simulator.component.MetaRequests.freshRecipient;
import static dev.safesend.simulator.component.MetaRequests.orderUpdate;
import static dev.safesend.simulator.component.MetaRequests.send;
import static dev.safesend.simulator.component.MetaRequests.template;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(WebhookReceiverResource.class)
class LedgerComponentTest {

    @BeforeEach
    void resetSimulator() {
        MetaRequests.resetSimulator();
    }

    @Test
    void acceptedMessagesSharingCallbackDataShowAsDuplicates() {
        String twice = "dup-" + UUID.randomUUID();
        accepted(orderUpdate(freshRecipient(), twice));
        accepted(orderUpdate(freshRecipient(), twice));
        accepted(orderUpdate(freshRecipient(), "once-" + UUID.randomUUID()));

        given().get("/sim/ledger").then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("byPhoneNumberId.'" + NUMBER + "'", equalTo(3))
                .body("duplicates", hasSize(1))
                .body("duplicates[0].callbackData", equalTo(twice))
                .body("duplicates[0].count", equalTo(2))
                .body("duplicateCount", equalTo(1));
    }

    @Test
    void refusedSendWithTheSameCallbackDataIsNotADuplicate() {
        String to = freshRecipient();
        accepted(orderUpdate(to, "retried"));
        send(orderUpdate(to, "retried")).then().statusCode(400);

        given().get("/sim/ledger").then()
                .body("duplicateCount", equalTo(0))
                .body("errorsByCode.'131056'", equalTo(1));
    }

    @Test
    void recipientQueryListsThatRecipientsAcceptedMessages() {
        String to = freshRecipient();
        String wamid = accepted(template(to, "otp_code", "en_US", "otp-1", "123456"));
        accepted(orderUpdate(freshRecipient(), "someone-else"));

        given().queryParam("recipient", to).get("/sim/ledger").then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].wamid", equalTo(wamid))
                .body("[0].phoneNumberId", equalTo(NUMBER))
                .body("[0].to", equalTo(to))
                .body("[0].type", equalTo("template"))
                .body("[0].templateName", equalTo("otp_code"))
                .body("[0].callbackData", equalTo("otp-1"))
                .body("[0].acceptedAt", startsWith("20"))
                .body("[0].failedCode", nullValue());
    }

    @Test
    void resetEmptiesTheLedger() {
        accepted(orderUpdate(freshRecipient(), "gone"));

        given().delete("/sim/ledger").then().statusCode(204);

        given().get("/sim/ledger").then().body("total", equalTo(0)).body("duplicates", hasSize(0));
    }
}
