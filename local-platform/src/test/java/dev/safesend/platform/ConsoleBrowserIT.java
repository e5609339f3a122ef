package dev.safesend.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operators' console (analytics {@code /console}, docs/console.md) in real headless Chromium against the whole
 * platform: log in with a dev token, read the campaigns page after a campaign ran against the simulator and find the
 * API's numbers there, pause and cancel a running campaign from its page (the API agrees), and open sender health, a
 * contact (masked phone; whole for an admin), and the DLQ with a re-drive; a viewer gets no actions. Every page is screenshot into {@code target/console-screenshots/},
 * one at a phone's width; the console's first load time is printed. Needs Debian's {@code chromium} and
 * {@code chromium-driver} ({@code .ci/run} installs them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIfSystemProperty(named = "safesend.e2e.enabled", matches = "true",
        disabledReason = "skipped with -Dsafesend.e2e.enabled=false (property in local-platform/pom.xml)")
class ConsoleBrowserIT {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path SHOTS = MODULE.resolve("target").resolve("console-screenshots");
    private static final Path CHROMIUM = Path.of(System.getProperty("safesend.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("safesend.chromedriver", "/usr/bin/chromedriver"));
    private static final String PROJECT = "console";
    private static final Duration PAGE = Duration.ofSeconds(20);

    private LocalPlatform platform;
    private SafesendApiClient api;
    private CampaignDemo campaigns;
    private WebDriver browser;
    private URI console;
    private String finishedId;
    private String runningId;
    private String contact;

    @BeforeAll
    void startThePlatformRunACampaignAndOpenChromium() throws Exception {
        assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium; .ci/run does)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver (apt-get install chromium-driver; .ci/run does)").isExecutable();
        Path state = Files.createTempDirectory(Files.createDirectories(MODULE.resolve("target")), "console-state-");
        platform = LocalPlatform.builder(repoRoot()).stateDir(state).randomPorts()
                .systemProperty(PlatformService.HEALTH_MONITOR, "safesend.health-monitor.registry-every", "2s")
                .progress(line -> System.out.println("[console] " + line)).build();
        platform.start();
        api = new SafesendApiClient(platform.serviceUrl(PlatformService.INGEST), platform.serviceUrl(PlatformService.ANALYTICS));
        campaigns = new CampaignDemo(api, platform.serviceUrl(PlatformService.INGEST), platform.serviceUrl(PlatformService.CONSENT),
                token("admin"), token("operator"));

        // a campaign to 12 opted-in contacts, run to its end against the simulator
        List<String> done = CampaignDemo.phones("+26377810%04d", 12);
        contact = done.get(1);
        String segment = campaigns.audience(PROJECT, "console-done", done, Duration.ofMinutes(1));
        finishedId = campaigns.create("console finished", PROJECT, segment, 10, 2).path("id").asText();
        campaigns.act(finishedId, "start", "console test");
        JsonNode finished = campaigns.follow(finishedId, Duration.ofMinutes(2), Duration.ofMillis(500), c -> { });
        assertThat(finished.path("state").asText()).isEqualTo("COMPLETED");
        System.out.println("[console] campaign finished: " + finished.path("progress"));

        // and one that runs for a long while (one message a minute), to pause from the page
        String slow = campaigns.audience(PROJECT, "console-live", CampaignDemo.phones("+26377820%04d", 30), Duration.ofMinutes(1));
        ObjectNode body = CampaignDemo.body("console running", PROJECT, slow, 0, 2);
        body.putObject("pacing").put("maxPerHour", 60).put("maxPerDay", 0);
        runningId = campaigns.create(body).path("id").asText();
        campaigns.act(runningId, "start", "console test");
        campaigns.followUntil(runningId, Duration.ofSeconds(60), Duration.ofMillis(300), c -> c.path("state").asText().equals("RUNNING"));

        // a poison record on an outbound lane: dispatch dead-letters it
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.kafkaBootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>("wa.outbound.urgent.v1", "console-poison", "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
        // health-monitor learns the numbers from dispatch's registry
        await("health-monitor lists a number").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> healthMonitor("/v1/health/senders").path("items").size() > 0);

        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        console = platform.serviceUrl(PlatformService.ANALYTICS).resolve("/console/");
    }

    @AfterAll
    void closeChromiumAndStopThePlatform() {
        if (browser != null) {
            browser.quit();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void anOperatorLogsInWithATokenAndSeesTheOverview() {
        browser.get(console.toString());
        waitFor("login");
        System.out.printf("[console] first load, login page (navigation start → rendered): %.0f ms%n", renderedAt());
        screenshot("01-login");

        browser.findElement(By.id("token")).sendKeys(token("operator"));
        browser.findElement(By.id("login-submit")).click();
        waitFor("overview");
        assertThat(text("#who-name")).contains("operator");
        assertThat(cell("[data-campaigns=COMPLETED]")).as("completed campaigns, as ingest lists them").isEqualTo(1);
        assertThat(cell("[data-campaigns=RUNNING]")).isEqualTo(1);

        // a fresh load of the same tab (the token stays in its session storage): the console's first load with data
        browser.navigate().refresh();
        waitFor("overview");
        double firstLoad = renderedAt();
        System.out.printf("[console] first load, overview with data (navigation start → rendered): %.0f ms%n", firstLoad);
        assertThat(firstLoad).isPositive();
        screenshot("02-overview");
        assertEverythingCameFromLocalhost();
    }

    @Test
    @Order(2)
    void theCampaignsPageShowsTheNumbersOfTheCampaignApi() {
        JsonNode c = campaigns.campaign(finishedId);
        JsonNode p = c.path("progress");
        // analytics' rollup of the finished campaign, once it has counted every message ingest saw sent
        JsonNode report = await().atMost(PAGE).until(() -> analytics("/v1/reports/campaigns/" + finishedId),
                r -> r != null && r.path("sent").asLong() == counts(p, "SENT", "DELIVERED", "READ"));
        open("#/campaigns", "campaigns");
        WebElement row = browser.findElement(By.cssSelector("tr[data-campaign-id='" + finishedId + "']"));
        assertThat(row.findElement(By.cssSelector("[data-field=state]")).getText()).isEqualTo("COMPLETED");
        assertThat(number(row, "total")).isEqualTo(p.path("total").asLong()).isEqualTo(12);
        assertThat(number(row, "done")).isEqualTo(p.path("total").asLong() - p.path("remaining").asLong());
        assertThat(number(row, "sent")).isEqualTo(counts(p, "SENT", "DELIVERED", "READ")).isPositive();
        assertThat(number(row, "delivered")).isEqualTo(counts(p, "DELIVERED", "READ"));
        assertThat(number(row, "read")).isEqualTo(counts(p, "READ"));
        assertThat(number(row, "failed")).isEqualTo(counts(p, "FAILED", "REJECTED", "EXPIRED"));
        assertThat(number(row, "suppressed")).isEqualTo(counts(p, "SUPPRESSED"));
        WebElement running = browser.findElement(By.cssSelector("tr[data-campaign-id='" + runningId + "']"));
        assertThat(running.findElement(By.cssSelector("[data-field=state]")).getText()).isEqualTo("RUNNING");
        assertThat(row.findElement(By.cssSelector("[data-field=deliveredRate]")).getText())
                .as("delivered %% from analytics' campaign report").isEqualTo(percent(report.path("deliveredRate")));
        assertThat(row.findElement(By.cssSelector("[data-field=readRate]")).getText())
                .as("read %% from analytics' campaign report").isEqualTo(percent(report.path("readRate")));
        assertThat(number(row, "replied")).as("contacts that replied, from analytics' campaign report")
                .isEqualTo(report.path("replied").asLong());
        assertThat(browser.findElements(By.cssSelector("[data-na]"))).as("every panel's API answered").isEmpty();
        screenshot("03-campaigns");

        open("#/campaigns/" + finishedId, "campaigns");
        JsonNode counts = campaigns.campaign(finishedId).path("progress").path("counts");
        List<WebElement> shown = browser.findElements(By.cssSelector("#campaign-counts [data-count]"));
        assertThat(shown).hasSize(counts.size());
        counts.fields().forEachRemaining(e -> assertThat(number(browser.findElement(By.cssSelector("[data-count='" + e.getKey() + "']"))))
                .as("recipients %s", e.getKey()).isEqualTo(e.getValue().asLong()));
        assertThat(number(browser.findElement(By.cssSelector("[data-funnel=delivered] .n")))).isEqualTo(counts(p, "DELIVERED", "READ"));
        assertThat(browser.findElements(By.id("action-pause"))).as("a completed campaign cannot be paused").isEmpty();
        screenshot("04-campaign-detail");
    }

    @Test
    @Order(3)
    void anOperatorPausesARunningCampaignFromItsPageAndTheApiAgrees() {
        open("#/campaigns/" + runningId, "campaigns");
        pageWait().until(d -> !d.findElements(By.id("live")).isEmpty());
        assertThat(text("h1 [data-field=state]")).isEqualTo("RUNNING");
        browser.findElement(By.id("action-reason")).sendKeys("paused from the console test");
        browser.findElement(By.id("action-pause")).click();
        pageWait().until(d -> "PAUSED".equals(d.findElement(By.cssSelector("h1 [data-field=state]")).getText()));
        JsonNode c = campaigns.campaign(runningId);
        assertThat(c.path("state").asText()).isEqualTo("PAUSED");
        JsonNode last = c.path("history").get(c.path("history").size() - 1);
        assertThat(last.path("to").asText()).isEqualTo("PAUSED");
        assertThat(last.path("reason").asText()).isEqualTo("paused from the console test");
        assertThat(browser.findElements(By.id("action-resume"))).isNotEmpty();
        screenshot("05-campaign-paused");
    }

    @Test
    @Order(4)
    void senderHealthShowsEachNumbersStateScoreBudgetAndWhy() {
        open("#/senders", "senders");
        JsonNode items = healthMonitor("/v1/health/senders").path("items");
        assertThat(browser.findElements(By.cssSelector("#senders tbody tr"))).hasSize(items.size());
        for (JsonNode s : items) {
            WebElement row = browser.findElement(By.cssSelector("tr[data-sender-id='" + s.path("senderId").asText() + "']"));
            assertThat(row.findElement(By.cssSelector("[data-field=state]")).getText()).isEqualTo(s.path("state").asText());
            if (s.path("budget").has("usedLast24h")) {
                assertThat(number(row.findElement(By.cssSelector("[data-field=used]")))).isEqualTo(s.path("budget").path("usedLast24h").asLong());
            }
        }
        screenshot("06-senders");
    }

    @Test
    @Order(5)
    void aContactsPhoneIsMaskedForAnOperatorAndTheConsentHistoryShown() {
        open("#/contacts/" + URLEncoder.encode(contact, StandardCharsets.UTF_8), "contacts");
        String masked = contact.substring(0, 4) + "•".repeat(contact.length() - 6) + contact.substring(contact.length() - 2);
        assertThat(text("#contact-result [data-field=phone]")).isEqualTo(masked);
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain(contact);
        JsonNode history = api.exchange("GET", platform.serviceUrl(PlatformService.CONSENT)
                .resolve("/v1/contacts/" + URLEncoder.encode(contact, StandardCharsets.UTF_8) + "/consent"), token("operator"), null, null, 200);
        assertThat(browser.findElements(By.cssSelector("#consent-history tbody tr"))).hasSize(history.path("history").size()).isNotEmpty();
        assertThat(text("#consent-history")).contains("demo sign-up form 1");
        screenshot("07-contact");
    }

    @Test
    @Order(6)
    void theDlqPageListsWhatDispatchDeadLetteredAndReDrivesIt() {
        URI dlq = platform.serviceUrl(PlatformService.DISPATCH).resolve("/v1/dlq/wa.outbound.urgent.v1?limit=50");
        await("dispatch dead-lettered the poison record").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.exchange("GET", dlq, token("operator"), null, null, 200).path("items").size() > 0);
        JsonNode items = api.exchange("GET", dlq, token("operator"), null, null, 200).path("items");
        open("#/dlq", "dlq");
        assertThat(browser.findElements(By.cssSelector("#dlq tbody tr"))).hasSize(items.size());
        JsonNode first = items.get(0);
        WebElement row = browser.findElement(By.cssSelector("tr[data-position='" + first.path("partition").asInt() + "/" + first.path("offset").asLong() + "']"));
        assertThat(row.getText()).contains("undecodable");
        row.findElement(By.cssSelector("input[type=checkbox]")).click();
        browser.findElement(By.id("dlq-redrive")).click();
        pageWait().until(d -> d.findElement(By.id("dlq-report")).getText().startsWith("Re-driven"));
        assertThat(text("#dlq-report")).startsWith("Re-driven 1,");
        screenshot("08-dlq");
    }

    @Test
    @Order(7)
    void onAPhoneTheCampaignsPageFitsTheScreen() {
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            open("#/campaigns", "campaigns");
            long overflow = ((Number) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
            assertThat(overflow).as("no sideways scrolling of the page (tables scroll in their own box)").isLessThanOrEqualTo(0);
            WebElement delivered = browser.findElement(By.cssSelector("tr[data-campaign-id='" + finishedId + "'] [data-field=delivered]"));
            assertThat(delivered.isDisplayed()).isTrue();
            assertThat(((Number) js("return arguments[0].getBoundingClientRect().right", delivered)).doubleValue())
                    .as("the delivered figure is on the screen without scrolling sideways").isLessThanOrEqualTo(390);
            assertThat(number(delivered)).isEqualTo(counts(campaigns.campaign(finishedId).path("progress"), "DELIVERED", "READ"));
            screenshot("09-campaigns-phone");
            open("#/campaigns/" + finishedId, "campaigns");
            screenshot("10-campaign-detail-phone");
            open("#/senders", "senders");
            screenshot("11-senders-phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1366, 1000));
        }
        assertEverythingCameFromLocalhost();
    }

    @Test
    @Order(8)
    void aViewerGetsNoActionsAndOnlyAnAdminSeesAWholePhone() {
        logInAs("viewer");
        open("#/campaigns/" + runningId, "campaigns");
        assertThat(text("h1 [data-field=state]")).isEqualTo("PAUSED");
        assertThat(browser.findElements(By.cssSelector("#campaign-actions button"))).as("no pause, resume or cancel for a viewer").isEmpty();
        assertThat(text("#campaign-actions")).contains("need the operator or admin role");
        open("#/dlq", "dlq");
        assertThat(browser.findElements(By.id("dlq-redrive"))).as("no re-drive for a viewer").isEmpty();

        logInAs("admin");
        open("#/contacts/" + URLEncoder.encode(contact, StandardCharsets.UTF_8), "contacts");
        assertThat(text("#contact-result [data-field=phone]")).isEqualTo(contact);
        open("#/campaigns/" + runningId, "campaigns");
        browser.findElement(By.id("action-cancel")).click();
        browser.findElement(By.id("action-cancel-confirm")).click();
        pageWait().until(d -> "CANCELLED".equals(d.findElement(By.cssSelector("h1 [data-field=state]")).getText()));
        assertThat(campaigns.campaign(runningId).path("state").asText()).isEqualTo("CANCELLED");
        screenshot("12-campaign-cancelled");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    private String token(String role) {
        return platform.devKeys().token(role);
    }

    /** An analytics answer as a viewer sees it, or null while it is a 404 (nothing counted yet). */
    private JsonNode analytics(String path) {
        try {
            return api.exchange("GET", platform.serviceUrl(PlatformService.ANALYTICS).resolve(path), token("viewer"), null, null, 200);
        } catch (RuntimeException | AssertionError notYet) {
            return null;
        }
    }

    /** A rate as the console prints it (dom.js {@code pct}): one decimal and " %", a dash when there is none. */
    private static String percent(JsonNode rate) {
        return rate == null || rate.isNull() || rate.isMissingNode() ? "—"
                : String.format(java.util.Locale.ROOT, "%.1f %%", rate.asDouble() * 100);
    }

    private JsonNode healthMonitor(String path) {
        return api.exchange("GET", platform.serviceUrl(PlatformService.HEALTH_MONITOR).resolve(path), token("viewer"), null, null, 200);
    }

    private void logInAs(String role) {
        js("document.getElementById('app').dataset.ready = 'stale';");
        browser.findElement(By.id("logout")).click();
        waitFor("login");
        browser.findElement(By.id("token")).sendKeys(token(role));
        browser.findElement(By.id("login-submit")).click();
        waitFor("overview");
        assertThat(text("#who-name")).endsWith(role);
    }

    /** Goes to a page of the console (same document: a hash change) and waits until it has rendered. */
    private void open(String hash, String page) {
        js("document.getElementById('app').dataset.ready = 'stale'; location.hash = arguments[0];", hash);
        waitFor(page);
    }

    /**
     * A wait for what a page shows. The pages re-render live (campaign progress, states), so an element found in one
     * poll may be replaced before its text is read: that poll counts as "not yet", not as a failure.
     */
    private FluentWait<WebDriver> pageWait() {
        return new WebDriverWait(browser, PAGE).ignoring(StaleElementReferenceException.class);
    }

    private void waitFor(String page) {
        pageWait().until(d -> {
            WebElement main = d.findElement(By.id("app"));
            return "true".equals(main.getDomAttribute("data-ready")) && page.equals(main.getDomAttribute("data-page"));
        });
        assertThat(browser.findElements(By.cssSelector("[data-error]"))).as("no page error").isEmpty();
    }

    /** Milliseconds from navigation start to the first page the console rendered in this document. */
    private double renderedAt() {
        return ((Number) js("return performance.getEntriesByName('console-rendered')[0].startTime")).doubleValue();
    }

    /** Every document, script, style, image and API call of this document went to localhost (no CDN, nothing outside). */
    @SuppressWarnings("unchecked")
    private void assertEverythingCameFromLocalhost() {
        List<String> urls = (List<String>) js("return [location.href].concat(performance.getEntriesByType('resource').map(e => e.name))");
        assertThat(urls).isNotEmpty().allMatch(u -> u.startsWith("http://localhost:"), "starts with http://localhost:");
        assertThat((List<Object>) js("return window.cspViolations || []")).as("requests the console's policy refused").isEmpty();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private long cell(String css) {
        return number(browser.findElement(By.cssSelector(css)));
    }

    private static long number(WebElement row, String field) {
        return number(row.findElement(By.cssSelector("[data-field='" + field + "']")));
    }

    private static long number(WebElement element) {
        String shown = element.getText().replace(",", "").trim();
        assertThat(shown).as("a whole number is shown").matches("\\d+");
        return Long.parseLong(shown);
    }

    private static long counts(JsonNode progress, String... states) {
        long sum = 0;
        for (String s : states) {
            sum += progress.path("counts").path(s).asLong(0);
        }
        return sum;
    }

    private void screenshot(String name) {
        try {
            Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(file, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot save the screenshot " + name, e);
        }
    }

    private static Path repoRoot() {
        for (Path dir = MODULE; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("safesend")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder holding the 'safesend' script above " + MODULE);
    }
}
