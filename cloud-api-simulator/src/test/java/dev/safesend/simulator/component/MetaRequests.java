package dev.safesend.simulator.component;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;

/** Builds and sends Meta-shaped requests to the running simulator. */
final class MetaRequests {

    static final String TOKEN = "sim-access-token";
    static final String APP_SECRET = "dev-app-secret";
    static final String WABA = "100000000000001";
    static final String NUMBER = "106540352242922";

    private static final AtomicLong RECIPIENTS = new AtomicLong(System.nanoTime() % 1_000_000);

    /** A recipient no other test uses: "+26377" and 7 digits. */
    static String freshRecipient() {
        return "+26377" + String.format("%07d", RECIPIENTS.incrementAndGet() % 10_000_000);
    }

    /** A São Paulo mobile no other test uses: "+55119" and 8 digits (region BR). */
    static String freshBrazilian() {
        return "+55119" + String.format("%08d", RECIPIENTS.incrementAndGet() % 100_000_000);
    }

    /** The same request addressed by BSUID: its {@code "to"} becomes {@code "recipient"}. */
    static String byBsuid(String body) {
        return body.replaceFirst("\"to\":", "\"recipient\":");
    }

    static String template(String to, String name, String language, String callbackData, String... bodyParameters) {
        String parameters = Arrays.stream(bodyParameters).map(p -> "{\"type\":\"text\",\"text\":\"" + p + "\"}")
                .collect(Collectors.joining(","));
        return "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"" + to + "\","
                + "\"type\":\"template\",\"template\":{\"name\":\"" + name + "\",\"language\":{\"code\":\"" + language + "\"},"
                + "\"components\":[{\"type\":\"body\",\"parameters\":[" + parameters + "]}]}"
                + (callbackData == null ? "" : ",\"biz_opaque_callback_data\":\"" + callbackData + "\"") + "}";
    }

    static String orderUpdate(String to, String callbackData) {
        return template(to, "order_update", "en_US", callbackData, "Jessica", "SKBUP2-4CPIG9");
    }

    static String text(String to, String body) {
        return "{\"messaging_product\":\"whatsapp\",\"to\":\"" + to + "\",\"type\":\"text\",\"text\":{\"body\":\"" + body + "\"}}";
    }

    static Response send(String phoneNumberId, String body) {
        return given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON).body(body)
                .post("/v23.0/{id}/messages", phoneNumberId);
    }

    static Response send(String body) {
        return send(NUMBER, body);
    }

    /** Sends and returns the wamid, failing unless the answer is 200. */
    static String accepted(String body) {
        return send(body).then().statusCode(200).extract().path("messages[0].id");
    }

    static void userWrites(String waId, String phoneNumberId, String text) {
        given().contentType(ContentType.JSON).body("{\"to\":\"" + phoneNumberId + "\",\"text\":\"" + text + "\"}")
                .post("/sim/users/{waId}/messages", waId).then().statusCode(200);
    }

    static void resetSimulator() {
        given().delete("/sim/ledger").then().statusCode(204);
        given().delete("/sim/faults").then().statusCode(204);
        given().delete("/sim/population").then().statusCode(204);
    }

    private MetaRequests() {
    }
}
