package dev.safesend.consent.rest;

import dev.safesend.testsupport.SafesendInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static dev.safesend.consent.TestEvents.newPhone;
import static dev.safesend.consent.TestEvents.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class SegmentCountsComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A fresh valid South African mobile number (region ZA; {@code newPhone} gives ZW). */
    private static String newSouthAfricanPhone() {
        return "+2782" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }

    private static void importInto(String project, String csv) {
        String id = given().urlEncodingEnabled(false).auth().oauth2(token("operator")).contentType("text/csv")
                .queryParam("project", project).body(csv)
                .when().post("/v1/contacts:import").then().statusCode(202).extract().path("id");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token("viewer")).when().get("/v1/imports/{id}", id)
                .then().statusCode(200).body("status", equalTo("COMPLETED")).body("rowsRejected", equalTo(0)));
    }

    private static String segment(String body) {
        return given().auth().oauth2(token("operator")).contentType(ContentType.JSON).body(body)
                .when().post("/v1/segments").then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> counts(String segment, String category) {
        return given().auth().oauth2(token("viewer")).queryParam("category", category)
                .when().get("/v1/segments/{id}/counts", segment).then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath().getMap("");
    }

    private static List<String> audience(String segment, String category) {
        return given().auth().oauth2(token("viewer")).queryParam("category", category).queryParam("limit", 10_000)
                .when().get("/v1/segments/{id}/audience", segment).then().statusCode(200)
                .body("nextCursor", equalTo(null)).extract().jsonPath().getList("items.phone", String.class);
    }

    @Test
    void theCountsOfASegmentSayHowManyMatchHowManyAreOptedInByRegionAndLanguageAndWhyTheOthersAreDropped() {
        String project = "cnt" + System.nanoTime();
        String other = project + "-other";
        String zwInEn = newPhone();
        String zwInEnVip = newPhone();
        String zwInPt = newPhone();
        String zaInEn = newSouthAfricanPhone();
        String zaInNoLanguage = newSouthAfricanPhone();
        String zwOutEn = newPhone();
        String zaOutPt = newSouthAfricanPhone();
        String zwUtilityOnly = newPhone();
        String zwNeverAsked = newPhone();
        String zwTeacherIn = newPhone();
        String zaTeacherOut = newSouthAfricanPhone();
        String onlyInOtherProject = newPhone();
        String createdInOtherProjectOptedInHere = newPhone();
        importInto(other, "phone,marketing,tags,language\n"
                + onlyInOtherProject + ",in,parent,en\n"
                + createdInOtherProjectOptedInHere + ",,parent,pt\n");
        importInto(project, "phone,marketing,utility,tags,language\n"
                + zwInEn + ",in,,parent,en\n"
                + zwInEnVip + ",in,,parent;vip,en\n"
                + zwInPt + ",in,,parent,pt\n"
                + zaInEn + ",in,,parent,en\n"
                + zaInNoLanguage + ",in,,parent,\n"
                + zwOutEn + ",out,,parent,en\n"
                + zaOutPt + ",out,in,parent,pt\n"
                + zwUtilityOnly + ",,in,parent,en\n"
                + zwNeverAsked + ",,,parent,pt\n"
                + zwTeacherIn + ",in,in,teacher,en\n"
                + zaTeacherOut + ",out,,teacher,en\n"
                + createdInOtherProjectOptedInHere + ",in,,parent,pt\n");
        String parents = segment("{\"name\":\"parents\",\"project\":\"" + project + "\",\"tagsAny\":[\"parent\"]}");

        Instant before = Instant.now();
        Map<String, Object> marketing = counts(parents, "MARKETING");
        assertThat(marketing).containsOnlyKeys("segmentId", "category", "matched", "optedIn", "dropped", "optedInByRegion",
                "optedInByLanguage", "countedAt");
        assertThat(marketing).containsEntry("segmentId", parents).containsEntry("category", "MARKETING")
                .containsEntry("matched", 10).containsEntry("optedIn", 6)
                .containsEntry("dropped", Map.of("NO_OPT_IN", 2, "OPTED_OUT", 2))
                .containsEntry("optedInByRegion", Map.of("ZW", 4, "ZA", 2))
                .containsEntry("optedInByLanguage", Map.of("en", 3, "pt", 2, "und", 1));
        assertThat(Instant.parse((String) marketing.get("countedAt"))).isBetween(before, Instant.now());
        assertThat(audience(parents, "MARKETING")).hasSize(6).containsExactlyInAnyOrder(
                zwInEn, zwInEnVip, zwInPt, zaInEn, zaInNoLanguage, createdInOtherProjectOptedInHere);
        String ndjson = given().auth().oauth2(token("viewer")).accept("application/x-ndjson").queryParam("category", "MARKETING")
                .when().get("/v1/segments/{id}/audience", parents).then().statusCode(200).extract().asString();
        assertThat(ndjson.lines()).hasSize(6);

        Map<String, Object> utility = counts(parents, "utility");
        assertThat(utility).containsEntry("category", "UTILITY").containsEntry("matched", 10).containsEntry("optedIn", 2)
                .containsEntry("dropped", Map.of("NO_OPT_IN", 8, "OPTED_OUT", 0))
                .containsEntry("optedInByRegion", Map.of("ZW", 1, "ZA", 1))
                .containsEntry("optedInByLanguage", Map.of("en", 1, "pt", 1));
        assertThat(audience(parents, "UTILITY")).containsExactlyInAnyOrder(zwUtilityOnly, zaOutPt);

        String southAfricanVips = segment("{\"name\":\"nobody\",\"project\":\"" + project + "\",\"tagsAll\":[\"vip\"],\"regions\":[\"ZA\"]}");
        assertThat(counts(southAfricanVips, "MARKETING")).containsEntry("matched", 0).containsEntry("optedIn", 0)
                .containsEntry("dropped", Map.of("NO_OPT_IN", 0, "OPTED_OUT", 0))
                .containsEntry("optedInByRegion", Map.of()).containsEntry("optedInByLanguage", Map.of());
        assertThat(audience(southAfricanVips, "MARKETING")).isEmpty();
    }

    @Test
    void theCountsOfAnUnknownSegmentAreANotFoundProblem() {
        given().auth().oauth2(token("viewer")).queryParam("category", "MARKETING")
                .when().get("/v1/segments/{id}/counts", "no-such-segment").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404)).body("detail", org.hamcrest.Matchers.containsString("no-such-segment"));
    }

    @Test
    void countsWithoutAKnownCategoryAreAProblemNamingCategoryAndNeedAReadingRole() {
        String segment = segment("{\"name\":\"everyone\",\"project\":\"cnt" + System.nanoTime() + "\"}");
        for (String category : new String[]{null, "PROMOTIONS"}) {
            var request = given().auth().oauth2(token("viewer"));
            if (category != null) {
                request.queryParam("category", category);
            }
            request.when().get("/v1/segments/{id}/counts", segment).then().statusCode(400).contentType("application/problem+json")
                    .body("errors", hasSize(1)).body("errors[0].field", equalTo("category"));
        }
        given().auth().oauth2(token("sender")).queryParam("category", "MARKETING")
                .when().get("/v1/segments/{id}/counts", segment).then().statusCode(403);
        given().queryParam("category", "MARKETING").when().get("/v1/segments/{id}/counts", segment).then().statusCode(401);
    }
}
