package dev.safesend.consent.rest;

import dev.safesend.consent.domain.PhoneHasher;
import dev.safesend.schemas.consent.ConsentChanged;
import dev.safesend.schemas.consent.ConsentState;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.SafesendInfraResource;
import dev.safesend.testsupport.TopicProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.safesend.consent.TestEvents.bootstrap;
import static dev.safesend.consent.TestEvents.newPhone;
import static dev.safesend.consent.TestEvents.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class ContactApiComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PhoneHasher hasher;

    private static String importCsv(String csv) {
        return given().urlEncodingEnabled(false).auth().oauth2(token("operator")).contentType("text/csv").body(csv)
                .when().post("/v1/contacts:import").then().statusCode(202).extract().path("id");
    }

    private static ValidatableResponse awaitImport(String id) {
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token("viewer")).when().get("/v1/imports/{id}", id)
                .then().statusCode(200).body("status", equalTo("COMPLETED")));
        return given().auth().oauth2(token("viewer")).when().get("/v1/imports/{id}", id).then();
    }

    private static void grant(String phone, String categories) {
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"state\":\"OPTED_IN\",\"categories\":" + categories + ",\"evidence\":{\"source\":\"WEB_FORM\",\"proof\":\"form 7\"}}")
                .when().post("/v1/contacts/{p}/consent", phone).then().statusCode(200);
    }

    private long count(String sql, String param) throws Exception {
        try (var c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aContactIsSavedWithItsNumberNormalisedAndRegionFromTheNumber() {
        String phone = newPhone();
        String spaced = phone.substring(0, 4) + " " + phone.substring(4, 6) + " " + phone.substring(6);
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON)
                .body("{\"name\":\"Tariro\",\"language\":\"en\",\"tags\":[\"parent\"],\"attributes\":{\"grade\":\"7\"}}")
                .when().put("/v1/contacts/{p}", spaced).then().statusCode(200)
                .body("phone", equalTo(phone)).body("region", equalTo("ZW")).body("attributes.grade", equalTo("7"));
        given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}", phone).then().statusCode(200)
                .body("name", equalTo("Tariro")).body("tags", hasItem("parent"));
    }

    @Test
    void aNumberThatCannotBeNormalisedIsRejectedWithTheReason() {
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body("{}")
                .when().put("/v1/contacts/{p}", "+26377").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("phone")).body("errors[0].code", equalTo("too_short"));
    }

    @Test
    void viewersReadButCannotWriteAndEveryCallNeedsAToken() {
        String phone = newPhone();
        given().auth().oauth2(token("viewer")).contentType(ContentType.JSON).body("{}")
                .when().put("/v1/contacts/{p}", phone).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(token("viewer")).when().delete("/v1/contacts/{p}", phone).then().statusCode(403);
        given().auth().oauth2(token("sender")).when().get("/v1/contacts/{p}", phone).then().statusCode(403);
        given().when().get("/v1/contacts/{p}", phone).then().statusCode(401);
        given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}", phone).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anOptInWithoutProofIsRefusedAndNothingChanges() {
        String phone = newPhone();
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"state\":\"OPTED_IN\",\"categories\":[\"MARKETING\"],\"evidence\":{\"source\":\"API\"}}")
                .when().post("/v1/contacts/{p}/consent", phone).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("evidence.proof"));
        given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}/consent", phone).then().statusCode(404);
    }

    @Test
    void anOptInWhoseEvidenceIsOlderThanTheOptOutIsRefused() {
        String phone = newPhone();
        grant(phone, "[\"MARKETING\"]");
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"state\":\"OPTED_OUT\",\"categories\":[\"MARKETING\"],\"evidence\":{\"source\":\"ADMIN\",\"proof\":\"phone call\"}}")
                .when().post("/v1/contacts/{p}/consent", phone).then().statusCode(200).body("decisions.MARKETING", equalTo("APPLY"));
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"state\":\"OPTED_IN\",\"categories\":[\"MARKETING\"],\"evidence\":{\"source\":\"WEB_FORM\",\"proof\":\"old form\","
                        + "\"at\":\"2020-01-01T00:00:00Z\"}}")
                .when().post("/v1/contacts/{p}/consent", phone).then().statusCode(409).body("type", containsString("stale-evidence"));
        given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}/consent", phone).then()
                .body("current.default.MARKETING", equalTo("OPTED_OUT"));
    }

    @Test
    void aMalformedCsvRowIsReportedAndTheRestImportedWithDuplicateRowsMerged() {
        String a = newPhone();
        String b = newPhone();
        String id = importCsv("phone,name,marketing,tags,attr.grade\n"
                + a + ",Tariro,opt_in,parent,7\n"
                + "+26377,Broken,opt_in,,\n"
                + b + ",Farai,,student,\n"
                + a + ",,,teacher,\n"
                + b + ",Farai M,maybe,,\n");
        awaitImport(id).body("rowsRead", equalTo(5)).body("contactsImported", equalTo(2)).body("duplicatesMerged", equalTo(1))
                .body("rowsRejected", equalTo(2)).body("consentChanges", equalTo(1))
                .body("errors.line", org.hamcrest.Matchers.contains(3, 6))
                .body("errors[0].code", equalTo("invalid_phone:too_short"))
                .body("errors[1].code", equalTo("invalid_consent"));
        given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}", a).then().statusCode(200)
                .body("name", equalTo("Tariro")).body("tags", org.hamcrest.Matchers.containsInAnyOrder("parent", "teacher"))
                .body("consent.default.MARKETING", equalTo("OPTED_IN"));
        given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}", b).then().statusCode(200).body("name", equalTo("Farai"));
    }

    @Test
    void tagsKeepQuotesBackslashesCommasAndBracesAndAReimportAddsOnlyTheNewOnes() {
        String a = newPhone();
        awaitImport(importCsv("phone,tags\n" + a + ",\"say \"\"hi\"\";back\\slash;a,b;{brace} NULL\"\n"));
        awaitImport(importCsv("phone,tags\n" + a + ",back\\slash|new\n"));
        given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}", a).then().statusCode(200)
                .body("tags", org.hamcrest.Matchers.containsInAnyOrder("say \"hi\"", "back\\slash", "a,b", "{brace} NULL", "new"));
    }

    @Test
    void anUnparseableHeaderImportsNothing() throws Exception {
        String phone = newPhone();
        given().urlEncodingEnabled(false).auth().oauth2(token("operator")).contentType("text/csv").body("phon,name,marketing\n" + phone + ",X,opt_in\n")
                .when().post("/v1/contacts:import").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].code", equalTo("malformed_header"))
                .body("errors.message", hasItem(containsString("unknown column 'phon'")));
        given().urlEncodingEnabled(false).auth().oauth2(token("operator")).contentType("text/csv").body("")
                .when().post("/v1/contacts:import").then().statusCode(400);
        assertThat(count("SELECT count(*) FROM contact WHERE phone = ?", phone)).isZero();
    }

    @Test
    void anImportedRowOptingInToTwoCategoriesIsOneLedgerRowListedPerCategoryAndALaterChangeOfOneKeepsTheOther() throws Exception {
        String phone = newPhone();
        awaitImport(importCsv("phone,marketing,utility,consentAt,consentProof\n" + phone + ",opt_in,opt_in,2026-11-01T10:00:00Z,form 9\n"))
                .body("consentChanges", equalTo(2));
        assertThat(count("SELECT count(*) FROM consent_event WHERE phone = ?", phone)).as("one ledger row for the change set").isEqualTo(1);
        List<Object> ids = given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}/consent", phone).then()
                .body("history", hasSize(2)).body("history.category", org.hamcrest.Matchers.contains("MARKETING", "UTILITY"))
                .body("history.proof", org.hamcrest.Matchers.everyItem(equalTo("form 9")))
                .extract().path("history.id");
        assertThat(ids.get(0)).isEqualTo(ids.get(1));

        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"state\":\"OPTED_OUT\",\"categories\":[\"MARKETING\"],\"evidence\":{\"source\":\"ADMIN\",\"proof\":\"asked by phone\"}}")
                .when().post("/v1/contacts/{p}/consent", phone).then().statusCode(200);

        given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}/consent", phone).then()
                .body("current.default.MARKETING", equalTo("OPTED_OUT")).body("current.default.UTILITY", equalTo("OPTED_IN"))
                .body("history", hasSize(3)).body("history[2].category", equalTo("MARKETING")).body("history[2].source", equalTo("ADMIN"));
        assertThat(count("SELECT count(*) FROM consent_current WHERE phone = ? AND utility_source = 'IMPORT'"
                + " AND utility_evidence_at = '2026-11-01T10:00:00Z' AND marketing_source = 'ADMIN'", phone))
                .as("the untouched category keeps its source and evidence time").isEqualTo(1);
    }

    @Test
    void anImportedOptInWithoutATimeCannotOverrideAStop() {
        String phone = newPhone();
        given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"state\":\"OPTED_OUT\",\"evidence\":{\"source\":\"ADMIN\",\"proof\":\"asked by phone\"}}")
                .when().post("/v1/contacts/{p}/consent", phone).then().statusCode(200).body("consent.default.MARKETING", equalTo("OPTED_OUT"));
        awaitImport(importCsv("phone,marketing\n" + phone + ",opt_in\n"))
                .body("errors[0].code", equalTo("rejected_stale_evidence"));
        given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}/consent", phone).then()
                .body("current.default.MARKETING", equalTo("OPTED_OUT"));
    }

    @Test
    void eraseLeavesOnlyTheHashAndBlocksALaterImportUnlessItComesWithNewOptInEvidence() throws Exception {
        String phone = newPhone();
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body("{\"name\":\"To Forget\"}")
                .when().put("/v1/contacts/{p}", phone).then().statusCode(200);
        grant(phone, "[\"MARKETING\",\"UTILITY\"]");
        try (TopicProbe changes = TopicProbe.atEnd(bootstrap(), Topics.CONSENT_CHANGES.topicName())) {
            given().auth().oauth2(token("admin")).when().delete("/v1/contacts/{p}", phone).then().statusCode(204);
            var erasedRecord = changes.await(r -> phone.equals(r.key()) && r.value() instanceof ConsentChanged c && c.getErased(), 1, WAIT).get(0);
            ConsentChanged erased = (ConsentChanged) erasedRecord.value();
            assertThat(erased.getSource()).isEqualTo("ERASE");
            assertThat(erased.getMarketing()).isEqualTo(ConsentState.OPTED_OUT);
            // then a tombstone, so that compaction drops the number from the topic once consumers have seen the erase
            var tombstone = changes.awaitRaw(r -> phone.equals(r.key()) && r.value() == null, 1, WAIT).get(0);
            assertThat(tombstone.partition()).isEqualTo(erasedRecord.partition());
            assertThat(tombstone.offset()).as("the tombstone follows the erased record").isGreaterThan(erasedRecord.offset());
        }
        for (String table : new String[]{"contact", "consent_current", "consent_event"}) {
            assertThat(count("SELECT count(*) FROM " + table + " WHERE phone = ?", phone)).as(table).isZero();
        }
        assertThat(count("SELECT count(*) FROM suppression WHERE phone_hash = ?", hasher.hash(phone))).isEqualTo(1);
        given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}/export", phone).then().statusCode(200)
                .body("suppressed", equalTo(true)).body("contact", nullValue()).body("history", hasSize(0));

        awaitImport(importCsv("phone,name,marketing\n" + phone + ",Back Again,opt_in\n"))
                .body("contactsImported", equalTo(0)).body("errors[0].code", equalTo("erased_number"));
        assertThat(count("SELECT count(*) FROM contact WHERE phone = ?", phone)).isZero();
        given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body("{\"name\":\"Back\"}")
                .when().put("/v1/contacts/{p}", phone).then().statusCode(409).body("type", containsString("erased-number"));

        String after = Instant.now().plusSeconds(1).toString();
        awaitImport(importCsv("phone,name,marketing,consentAt,consentProof\n" + phone + ",Back Again,opt_in," + after + ",signed form 2026-11\n"))
                .body("contactsImported", equalTo(1)).body("errors", hasSize(0));
        given().auth().oauth2(token("viewer")).when().get("/v1/contacts/{p}", phone).then().statusCode(200)
                .body("consent.default.MARKETING", equalTo("OPTED_IN"));
    }

    @Test
    void anAudienceHoldsOnlyContactsCurrentlyOptedInForTheCategoryThatMatchTheSegment() throws Exception {
        String project = "aud" + System.nanoTime();
        String inOld = newPhone();
        String inRecent = newPhone();
        String outOld = newPhone();
        String inOtherTag = newPhone();
        String inNever = newPhone();
        String id = given().urlEncodingEnabled(false).auth().oauth2(token("operator")).contentType("text/csv").queryParam("project", project)
                .body("phone,marketing,utility,tags,language\n"
                        + inOld + ",in,in,parent,en\n" + inRecent + ",in,,parent,en\n" + outOld + ",out,in,parent,en\n"
                        + inOtherTag + ",in,,teacher,en\n" + inNever + ",in,,parent;vip,en\n")
                .when().post("/v1/contacts:import").then().statusCode(202).extract().path("id");
        awaitImport(id).body("contactsImported", equalTo(5));
        try (var c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE contact SET last_contacted_at = now() - ?::interval WHERE phone = ?")) {
            for (String[] p : new String[][]{{"10 days", inOld}, {"1 day", inRecent}, {"10 days", outOld}, {"10 days", inOtherTag}}) {
                s.setString(1, p[0]);
                s.setString(2, p[1]);
                s.executeUpdate();
            }
        }
        String segment = given().auth().oauth2(token("operator")).contentType(ContentType.JSON)
                .body("{\"name\":\"parents not contacted this week\",\"project\":\"" + project + "\",\"tagsAll\":[\"parent\"],"
                        + "\"languages\":[\"en\"],\"regions\":[\"zw\"],\"lastContactedMoreThan\":\"P7D\"}")
                .when().post("/v1/segments").then().statusCode(201).extract().path("id");
        java.util.List<String> expected = java.util.stream.Stream.of(inOld, inNever).sorted().toList();

        given().auth().oauth2(token("viewer")).queryParam("category", "MARKETING").queryParam("limit", 1)
                .when().get("/v1/segments/{id}/audience", segment).then().statusCode(200)
                .body("items.phone", org.hamcrest.Matchers.contains(expected.get(0))).body("nextCursor", equalTo(expected.get(0)));
        given().auth().oauth2(token("viewer")).queryParam("category", "MARKETING").queryParam("limit", 1).queryParam("cursor", expected.get(0))
                .when().get("/v1/segments/{id}/audience", segment).then().statusCode(200)
                .body("items.phone", org.hamcrest.Matchers.contains(expected.get(1))).body("nextCursor", nullValue());
        String ndjson = given().auth().oauth2(token("viewer")).accept("application/x-ndjson").queryParam("category", "MARKETING")
                .when().get("/v1/segments/{id}/audience", segment).then().statusCode(200).extract().asString();
        assertThat(ndjson.lines().toList()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{\"phone\":\"+263"));
        given().auth().oauth2(token("viewer")).queryParam("category", "UTILITY")
                .when().get("/v1/segments/{id}/audience", segment).then().statusCode(200)
                .body("items.phone", org.hamcrest.Matchers.contains(java.util.stream.Stream.of(inOld, outOld).sorted().toArray())); // utility: out of marketing only
        given().auth().oauth2(token("viewer")).when().get("/v1/segments/{id}/audience", segment).then().statusCode(400);
    }
}
