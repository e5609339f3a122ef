package dev.safesend.healthmonitor.component;

import dev.safesend.healthmonitor.repository.TemplateStateEntity;
import dev.safesend.healthmonitor.service.SenderFactsService;
import dev.safesend.testsupport.SafesendInfraResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/**
 * A token limited to projects (claim {@code projects}) sees and acts on its projects' numbers only: the list shows
 * them alone; another project's number, or one no project owns yet, is 403 problem+json to read, to read the history
 * of, or to pause. A portfolio, a template's windows and a campaign's windows are readable when one of the token's
 * projects has a number in that portfolio, on a WABA holding that template, or sent that campaign's messages.
 */
@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class HealthTenancyComponentTest {

    private static final String SCHOOL_NUMBER = "120000000000181";
    private static final String CLINIC_NUMBER = "120000000000182";
    private static final String UNOWNED_NUMBER = "120000000000183";
    private static final String SCHOOL_PORTFOLIO = "900000000000181";
    private static final String CLINIC_PORTFOLIO = "900000000000182";
    private static final String SCHOOL_WABA = "100000000000181";
    private static final String CLINIC_WABA = "100000000000182";
    private static final String SCHOOL_CAMPAIGN = "camp-tenancy-school";

    @Inject
    SenderFactsService facts;
    @Inject
    AgroalDataSource db;

    private static String tokenFor(String role, String... projects) {
        return SafesendInfraResource.testKeys().token(role, List.of(projects));
    }

    @BeforeEach
    void twoProjectsEachWithANumberAndOneNumberOfNoProject() throws Exception {
        // what ExternalFacts takes from dispatch's sender registry
        facts.registered(SCHOOL_NUMBER, SCHOOL_WABA, SCHOOL_PORTFOLIO, "+15550000181", "school");
        facts.registered(CLINIC_NUMBER, CLINIC_WABA, CLINIC_PORTFOLIO, "+15550000182", "clinic");
        facts.registered(UNOWNED_NUMBER, CLINIC_WABA, CLINIC_PORTFOLIO, "+15550000183", null);
        QuarkusTransaction.requiringNew().run(() -> {
            if (TemplateStateEntity.findById(TemplateStateEntity.idOf(SCHOOL_WABA, "tenancy_promo", "en_US")) == null) {
                TemplateStateEntity t = new TemplateStateEntity();
                t.id = TemplateStateEntity.idOf(SCHOOL_WABA, "tenancy_promo", "en_US");
                t.wabaId = SCHOOL_WABA;
                t.name = "tenancy_promo";
                t.language = "en_US";
                t.status = "APPROVED";
                t.changedAt = Instant.now();
                t.persist();
            }
        });
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO message_signal (message_id, sender_id, project, category, campaign_id) VALUES (?, ?, 'school', 'MARKETING', ?)
                ON CONFLICT (message_id) DO NOTHING""")) {
            s.setString(1, "tenancy-" + SCHOOL_CAMPAIGN);
            s.setString(2, SCHOOL_NUMBER);
            s.setString(3, SCHOOL_CAMPAIGN);
            s.executeUpdate();
        }
    }

    @Test
    void aProjectsTokenListsAndReadsOnlyItsOwnNumbers() {
        String school = tokenFor("viewer", "school");
        given().auth().oauth2(school).when().get("/v1/health/senders?limit=200").then().statusCode(200)
                .body("items.senderId", hasItem(SCHOOL_NUMBER))
                .body("items.senderId", not(hasItem(CLINIC_NUMBER)))
                .body("items.senderId", not(hasItem(UNOWNED_NUMBER)))
                .body("items.project", everyItem(equalTo("school")));
        given().auth().oauth2(school).when().get("/v1/health/senders/" + SCHOOL_NUMBER).then().statusCode(200)
                .body("project", equalTo("school"));
        given().auth().oauth2(school).when().get("/v1/health/senders/" + SCHOOL_NUMBER + "/history").then().statusCode(200);
        for (String number : List.of(CLINIC_NUMBER, UNOWNED_NUMBER)) {
            for (String path : List.of("/v1/health/senders/" + number, "/v1/health/senders/" + number + "/history")) {
                given().auth().oauth2(school).when().get(path).then().statusCode(403)
                        .contentType("application/problem+json").body("status", equalTo(403));
            }
        }
        given().auth().oauth2(tokenFor("viewer")).when().get("/v1/health/senders?limit=200").then().statusCode(200)
                .body("items.senderId", hasItems(SCHOOL_NUMBER, CLINIC_NUMBER, UNOWNED_NUMBER));
    }

    @Test
    void anotherProjectsNumberCannotBePausedOrResumed() {
        String schoolAdmin = tokenFor("admin", "school");
        for (String number : List.of(CLINIC_NUMBER, UNOWNED_NUMBER)) {
            given().auth().oauth2(schoolAdmin).contentType(ContentType.JSON).body("{\"reason\":\"test\"}")
                    .when().post("/v1/health/senders/" + number + ":pause").then().statusCode(403)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(tokenFor("viewer", "clinic")).when().get("/v1/health/senders/" + CLINIC_NUMBER).then()
                .statusCode(200).body("manualPause", equalTo(null));
        given().auth().oauth2(tokenFor("admin", "clinic")).contentType(ContentType.JSON).body("{\"reason\":\"tenancy test\"}")
                .when().post("/v1/health/senders/" + CLINIC_NUMBER + ":pause").then().statusCode(200)
                .body("manualPause", equalTo("tenancy test"));
        given().auth().oauth2(tokenFor("admin", "clinic")).contentType(ContentType.JSON).body("{}")
                .when().post("/v1/health/senders/" + CLINIC_NUMBER + ":resume").then().statusCode(200);
    }

    @Test
    void portfoliosTemplatesAndCampaignsAreReadByTheProjectsTheyBelongTo() {
        String school = tokenFor("viewer", "school");
        String clinic = tokenFor("viewer", "clinic");
        given().auth().oauth2(school).when().get("/v1/health/portfolios/" + SCHOOL_PORTFOLIO).then().statusCode(200);
        given().auth().oauth2(school).when().get("/v1/health/portfolios/" + SCHOOL_PORTFOLIO + "/history").then().statusCode(200);
        given().auth().oauth2(school).when().get("/v1/health/portfolios/" + CLINIC_PORTFOLIO).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(school).when().get("/v1/health/portfolios/" + CLINIC_PORTFOLIO + "/history").then().statusCode(403);
        given().auth().oauth2(clinic).when().get("/v1/health/portfolios/" + CLINIC_PORTFOLIO).then().statusCode(200);
        given().auth().oauth2(school).when().get("/v1/health/portfolios/900000000000999").then().statusCode(404);

        given().auth().oauth2(school).when().get("/v1/health/templates/tenancy_promo/en_US").then().statusCode(200);
        given().auth().oauth2(clinic).when().get("/v1/health/templates/tenancy_promo/en_US").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(clinic).when().get("/v1/health/templates/no_such_template/en_US").then().statusCode(404);

        given().auth().oauth2(school).when().get("/v1/health/campaigns/" + SCHOOL_CAMPAIGN).then().statusCode(200);
        given().auth().oauth2(clinic).when().get("/v1/health/campaigns/" + SCHOOL_CAMPAIGN).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(clinic).when().get("/v1/health/campaigns/camp-nobody-sent").then().statusCode(404);
        given().auth().oauth2(tokenFor("viewer")).when().get("/v1/health/campaigns/camp-nobody-sent").then().statusCode(200);
    }
}
