package dev.safesend.dispatch.it;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** The cloud-api-simulator's control API: the ledger of what Meta accepted, and the fault plan. */
final class SimulatorControl {

    private final String url;

    SimulatorControl(String url) {
        this.url = url;
    }

    private JsonPath summary() {
        return given().get(url + "/sim/ledger").then().statusCode(200).extract().jsonPath();
    }

    /** Messages the simulator accepted, from every number. */
    long total() {
        return summary().getLong("total");
    }

    /** Accepted messages beyond the first for each {@code biz_opaque_callback_data}: sends that were duplicates. */
    long duplicateCount() {
        return summary().getLong("duplicateCount");
    }

    /** Refusals by Meta error code ("130429" → count). */
    Map<String, Object> errorsByCode() {
        return summary().getMap("errorsByCode");
    }

    /** One message the simulator accepted. */
    record Accepted(String callbackData, Instant acceptedAt) {
    }

    /** Every message accepted for a recipient, in the order accepted. */
    List<Accepted> acceptedFor(String recipient) {
        List<Map<String, Object>> rows = given().queryParam("recipient", recipient.replace("+", "")).get(url + "/sim/ledger")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return rows.stream().map(r -> new Accepted((String) r.get("callbackData"), Instant.parse((String) r.get("acceptedAt"))))
                .sorted(Comparator.comparing(Accepted::acceptedAt)).toList();
    }

    /** The callback data (dispatch's messageId) of every message accepted for a recipient, in the order accepted. */
    List<String> callbackDataFor(String recipient) {
        return acceptedFor(recipient).stream().map(Accepted::callbackData).toList();
    }

    /** The BSUID the simulator gives the user of {@code phone} (in its default business portfolio). */
    String userIdOf(String phone) {
        return given().get(url + "/sim/users/{id}", phone).then().statusCode(200).extract().jsonPath().getString("userId");
    }

    /** The raw ledger entries of every message accepted for a person, addressed by phone or by BSUID. */
    List<Map<String, Object>> entriesFor(String id) {
        return given().queryParam("recipient", id).get(url + "/sim/ledger").then().statusCode(200).extract().jsonPath().getList("$");
    }

    void faults(String planJson) {
        given().contentType(ContentType.JSON).body(planJson).put(url + "/sim/faults").then().statusCode(200);
    }

    void clearFaults() {
        given().delete(url + "/sim/faults").then().statusCode(204);
    }
}
