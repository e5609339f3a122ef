package dev.safesend.analytics.rest;

import dev.safesend.testsupport.SafesendInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

/**
 * The console as analytics serves it, over real HTTP: the page, every module it imports and uPlot from its webjar, all
 * from this origin; the policy header that keeps the browser from reaching anything else; and /console/config.json.
 */
@QuarkusTest
@QuarkusTestResource(value = SafesendInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class ConsoleComponentTest {

    private static final Path SOURCES = Path.of("src/main/resources/META-INF/resources/console");
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"#]+)\"");
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s.*?from\\s+'([^']+)'");

    @Test
    void theConsoleRootLeadsToItsPage() {
        given().redirects().follow(false).when().get("/console")
                .then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/console/"));
    }

    @Test
    void thePageAndEverythingItLoadsComeFromThisOriginWithoutAToken() {
        Response page = given().when().get("/console/");
        page.then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/html"));
        String html = page.asString();

        Set<String> assets = new LinkedHashSet<>();
        Matcher m = ASSET.matcher(html);
        while (m.find()) {
            assets.add(m.group(1));
        }
        assertThat(assets).as("the page's scripts and styles").contains("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js",
                "/webjars/uplot/1.6.30/dist/uPlot.min.css", "console.css", "js/app.js");
        assertThat(assets).as("nothing from another origin").noneMatch(a -> a.contains("//"));

        // app.js and every module it imports, transitively
        Deque<String> modules = new ArrayDeque<>(List.of("/console/js/app.js"));
        Set<String> seen = new LinkedHashSet<>();
        while (!modules.isEmpty()) {
            String module = modules.pop();
            if (!seen.add(module)) {
                continue;
            }
            Response js = given().when().get(module);
            js.then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("javascript"));
            Matcher imports = IMPORT.matcher(js.asString());
            while (imports.find()) {
                modules.push(java.net.URI.create("http://x" + module).resolve(imports.group(1)).getPath());
            }
        }
        assertThat(seen).as("the modules the console is made of").contains("/console/js/api.js", "/console/js/auth.js",
                "/console/js/pages/campaign.js", "/console/js/pages/senders.js", "/console/js/pages/contacts.js",
                "/console/js/pages/dlq.js", "/console/js/pages/overview.js", "/console/js/pages/login.js");
        for (String asset : List.of("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "/webjars/uplot/1.6.30/dist/uPlot.min.css", "/console/console.css")) {
            given().when().get(asset).then().statusCode(200);
        }
    }

    @Test
    void theBrowserMayReachOnlyThisOriginAndTheConfiguredApis() {
        String policy = given().when().get("/console/").then().statusCode(200).extract().header("Content-Security-Policy");
        assertThat(policy).startsWith("default-src 'self'; connect-src 'self' http://localhost:8081 http://localhost:8082 "
                + "http://localhost:8083 http://localhost:8084;");
        assertThat(given().when().get("/console/js/app.js").then().extract().header("Content-Security-Policy")).isEqualTo(policy);
        assertThat(given().when().get("/q/health/live").then().extract().header("Content-Security-Policy"))
                .as("only the console's paths carry it").isNull();
    }

    @Test
    void configJsonNamesEachServicesApiAndHowToLogIn() {
        given().when().get("/console/config.json").then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"))
                .body("services.ingest", equalTo("http://localhost:8081"))
                .body("services.dispatch", equalTo("http://localhost:8082"))
                .body("services.consent", equalTo("http://localhost:8083"))
                .body("services.healthMonitor", equalTo("http://localhost:8084"))
                .body("services.analytics", equalTo(""))
                .body("login.pasteToken", equalTo(true))
                .body("login.issuer", nullValue())
                .body("dlqTopics", hasItems("wa.outbound.urgent.v1", "wa.outbound.bulk.v1"));
    }

    @Test
    void theConsoleKeepsTheTokenInSessionStorageOnlyAndNamesNoExternalHost() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                assertThat(text).as(file + " stores nothing in localStorage or cookies").doesNotContain("localStorage.", "document.cookie");
                assertThat(text).as(file + " loads nothing from another host").doesNotContainPattern("https?://(?!localhost)");
            }
        }
    }
}
