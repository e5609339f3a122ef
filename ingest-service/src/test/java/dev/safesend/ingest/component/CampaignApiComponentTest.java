package dev.safesend.ingest.component;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * The campaign API's refusals: every field that cannot be used is a 422 problem naming it, before anything is
 * stored; roles are enforced; an unknown campaign is a 404; and when consent-service (the audience) does not answer,
 * a 503 problem says so and nothing is created. (Campaigns that run are proved end to end with the real
 * consent-service in PlatformEndToEndIT.)
 */
@QuarkusTest
class CampaignApiComponentTest {

    private static final String OK_TEMPLATE = "\"template\":{\"name\":\"order_update\",\"language\":\"en_US\"},"
            + "\"parameters\":{\"1\":{\"field\":\"name\",\"fallback\":\"there\"},\"2\":{\"value\":\"A-1\"}}";
    private static final String BASE = "\"name\":\"term start\",\"project\":\"school\",\"category\":\"UTILITY\","
            + "\"audience\":{\"segmentId\":\"seg-1\"}";

    @BeforeEach
    void registrySynced() {
        Ingest.templatesSynced();
    }

    static Stream<Arguments> unusableCampaigns() {
        return Stream.of(
                Arguments.of("{\"project\":\"school\",\"category\":\"UTILITY\",\"audience\":{\"segmentId\":\"s\"}," + OK_TEMPLATE + "}", "name", "required"),
                Arguments.of("{" + BASE.replace("UTILITY", "SPAM") + "," + OK_TEMPLATE + "}", "category", "invalid"),
                Arguments.of("{" + BASE.replace("UTILITY", "AUTHENTICATION") + "," + OK_TEMPLATE + "}", "category", "not_allowed"),
                Arguments.of("{" + BASE + "}", "template.name", "required"),
                Arguments.of("{" + BASE + ",\"template\":{\"name\":\"no_such_template\",\"language\":\"en_US\"}}", "template.name", "unknown_template"),
                Arguments.of("{" + BASE + "," + OK_TEMPLATE.replace("\"language\":\"en_US\"", "\"language\":\"xx_XX\"") + "}",
                        "template.language", "unknown_language"),
                Arguments.of("{" + BASE + ",\"template\":{\"name\":\"order_update\",\"language\":\"en_US\",\"languages\":[\"en_US\",\"zz\"]},"
                        + "\"parameters\":{\"1\":{\"value\":\"a\"},\"2\":{\"value\":\"b\"}}}", "template.languages[1]", "unknown_language"),
                Arguments.of("{" + BASE + ",\"template\":{\"name\":\"order_update\",\"language\":\"en_US\"},\"parameters\":{\"1\":{\"value\":\"a\"}}}",
                        "parameters", "parameter_mismatch"),
                Arguments.of("{" + BASE + ",\"template\":{\"name\":\"order_update\",\"language\":\"en_US\"},"
                        + "\"parameters\":{\"1\":{\"field\":\"shoe_size\"},\"2\":{\"value\":\"b\"}}}", "parameters.1.field", "unknown_field"),
                Arguments.of("{" + BASE + ",\"template\":{\"name\":\"order_update\",\"language\":\"en_US\"},"
                        + "\"parameters\":{\"1\":{},\"2\":{\"value\":\"b\"}}}", "parameters.1", "required"),
                Arguments.of("{" + BASE.replace("UTILITY", "MARKETING") + "," + OK_TEMPLATE + "}", "category", "category_mismatch"),
                Arguments.of("{" + BASE + "," + OK_TEMPLATE + ",\"schedule\":{\"windows\":[{\"start\":\"09:00\",\"end\":\"09:00\"}]}}",
                        "schedule.windows[0]", "never_opens"),
                Arguments.of("{" + BASE + "," + OK_TEMPLATE + ",\"schedule\":{\"windows\":[{\"start\":\"9am\",\"end\":\"12:00\"}]}}",
                        "schedule.windows[0]", "invalid"),
                Arguments.of("{" + BASE + "," + OK_TEMPLATE + ",\"schedule\":{\"weekendShare\":1.5}}", "schedule.weekendShare", "out_of_range"),
                Arguments.of("{" + BASE + "," + OK_TEMPLATE + ",\"schedule\":{\"timeZone\":\"Mars/Olympus\"}}", "schedule.timeZone", "invalid"),
                Arguments.of("{" + BASE + "," + OK_TEMPLATE + ",\"priority\":\"P7\"}", "priority", "out_of_range"),
                Arguments.of("{" + BASE + "," + OK_TEMPLATE + ",\"holdoutPercent\":100}", "holdoutPercent", "out_of_range"),
                Arguments.of("{" + BASE + "," + OK_TEMPLATE + ",\"ttl\":\"P90D\"}", "ttl", "out_of_range"),
                Arguments.of("{" + BASE + "," + OK_TEMPLATE + ",\"ttl\":\"two days\"}", "ttl", "invalid"),
                Arguments.of("{\"name\":\"n\",\"project\":\"school\",\"category\":\"UTILITY\"," + OK_TEMPLATE + "}", "audience.segmentId", "required"));
    }

    @ParameterizedTest
    @MethodSource("unusableCampaigns")
    void aCampaignThatCannotBeUsedIsAProblemNamingTheFieldAndNothingIsCreated(String body, String field, String code) {
        int before = listed();
        create("operator", body).statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("errors.field", hasItem(field))
                .body("errors.code", hasItem(code));
        org.assertj.core.api.Assertions.assertThat(listed()).isEqualTo(before);
    }

    @Test
    void whenConsentServiceDoesNotAnswerTheAudienceCannotBeCheckedAndTheCampaignIsNotCreated() {
        create("operator", "{" + BASE + "," + OK_TEMPLATE + "}").statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", startsWith("https://safesend.dev/problems/dependency-unavailable"));
    }

    @Test
    void onlyOperatorsAndAdminsDefineCampaignsAndAnUnknownCampaignIsNotFound() {
        create("viewer", "{" + BASE + "," + OK_TEMPLATE + "}").statusCode(403);
        create("sender", "{" + BASE + "," + OK_TEMPLATE + "}").statusCode(403);
        given().contentType(ContentType.JSON).body("{}").when().post("/v1/campaigns").then().statusCode(401);
        given().auth().oauth2(Ingest.token("viewer")).when().get("/v1/campaigns/cmp_nope").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(Ingest.token("operator")).when().post("/v1/campaigns/cmp_nope:start").then().statusCode(404);
        given().auth().oauth2(Ingest.token("operator")).when().post("/v1/campaigns/cmp_nope:explode").then().statusCode(404);
    }

    private static ValidatableResponse create(String role, String body) {
        return given().auth().oauth2(Ingest.token(role)).contentType(ContentType.JSON).body(body).when().post("/v1/campaigns").then();
    }

    private static int listed() {
        return given().auth().oauth2(Ingest.token("viewer")).when().get("/v1/campaigns?limit=500").then().statusCode(200)
                .extract().jsonPath().getList("items").size();
    }
}
