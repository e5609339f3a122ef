package dev.safesend.ingest.component;

import dev.safesend.ingest.domain.WebhookSignature;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static dev.safesend.ingest.component.Ingest.bootstrap;
import static dev.safesend.ingest.component.Ingest.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A property test: seeded generators throw malformed send requests, batches and webhook bodies at the service.
 * Every answer must be a 4xx with problem+json, nothing may be published, and the service must stay ready.
 */
@QuarkusTest
class FuzzComponentTest {

    private static final long SEED = 20261122L;
    private static final int REQUESTS = 700;
    private static final int BATCHES = 150;
    private static final int WEBHOOKS = 400;
    private static final String VALID = "{\"recipient\":\"+263771234567\",\"project\":\"school\",\"category\":\"UTILITY\","
            + "\"template\":{\"name\":\"order_update\",\"language\":\"en_US\",\"bodyParameters\":[\"Tariro\",\"A-1001\"]}}";

    private final Random random = new Random(SEED);

    @BeforeEach
    void registrySynced() {
        Ingest.templatesSynced();
    }

    @Test
    void malformedRequestsAndWebhooksAreAll4xxProblemsAndNothingIsPublished() {
        List<String> failures = new ArrayList<>();
        int thrown = 0;
        try (TopicProbe urgent = TopicProbe.atEnd(bootstrap(), Topics.OUTBOUND_URGENT.topicName());
             TopicProbe bulk = TopicProbe.atEnd(bootstrap(), Topics.OUTBOUND_BULK.topicName());
             TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName());
             TopicProbe inbound = TopicProbe.atEnd(bootstrap(), Topics.INBOUND_MESSAGES.topicName());
             TopicProbe account = TopicProbe.atEnd(bootstrap(), Topics.ACCOUNT_EVENTS.topicName())) {
            String sender = token("sender");
            for (int i = 0; i < REQUESTS; i++) {
                byte[] body = malformedRequest();
                check("POST /v1/messages #" + i, body, given().auth().oauth2(sender).contentType("application/json").body(body)
                        .when().post("/v1/messages").then().extract(), failures);
                thrown++;
            }
            for (int i = 0; i < BATCHES; i++) {
                byte[] body = malformedBatch();
                check("POST /v1/messages:batch #" + i, body, given().auth().oauth2(sender).contentType("application/json").body(body)
                        .when().post("/v1/messages:batch").then().extract(), failures);
                thrown++;
            }
            for (int i = 0; i < WEBHOOKS; i++) {
                byte[] body = malformedWebhook();
                boolean sign = random.nextInt(4) != 0;
                String signature = sign ? WebhookSignature.sign(body, Ingest.APP_SECRET)
                        : random.nextBoolean() ? null : "sha256=" + Integer.toHexString(random.nextInt());
                var request = given().contentType("application/json").body(body);
                if (signature != null) {
                    request.header("X-Hub-Signature-256", signature);
                }
                check("POST /webhooks/whatsapp #" + i + (sign ? " signed" : " unsigned"), body,
                        request.when().post("/webhooks/whatsapp").then().extract(), failures);
                thrown++;
            }
            assertThat(failures).as("answers that were not a 4xx problem+json").isEmpty();
            assertThat(thrown).isGreaterThanOrEqualTo(1000);
            for (TopicProbe probe : List.of(urgent, bulk, events, inbound, account)) {
                assertThat(probe.drain(Duration.ofMillis(400))).as("published records").isEmpty();
            }
        }
        given().when().get("/q/health/ready").then().statusCode(200);
        given().auth().oauth2(token("sender")).contentType("application/json").body(VALID).when().post("/v1/messages")
                .then().statusCode(202);
    }

    private static void check(String what, byte[] body, ExtractableResponse<Response> answer, List<String> failures) {
        int status = answer.statusCode();
        String type = answer.contentType();
        if (status < 400 || status > 499 || type == null || !type.startsWith("application/problem+json")) {
            failures.add(what + " -> " + status + " " + type + " for "
                    + abbreviate(new String(body, StandardCharsets.UTF_8)) + " : " + abbreviate(answer.asString()));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    /** A valid request broken in one or more random ways, or random bytes. */
    private byte[] malformedRequest() {
        List<Function<String, String>> breakers = List.of(
                s -> s.replace("+263771234567", pick("", "0771234567", "+1", "+26377123456789012", "abc", "+263 77 12", "null")),
                s -> s.replace("\"UTILITY\"", pick("\"SPAM\"", "\"\"", "7", "null", "[]", "{}")),
                s -> s.replace("\"order_update\"", pick("\"nope\"", "\"\"", "\"old_promo\"", "\"new_launch\"", "42", "\"" + "n".repeat(600) + "\"")),
                s -> s.replace("\"en_US\"", pick("\"fr_FR\"", "\"english\"", "\"\"", "true")),
                s -> s.replace("[\"Tariro\",\"A-1001\"]", pick("[]", "[\"a\"]", "[\"a\",\"b\",\"c\"]", "[\"a\\nb\",\"c\"]", "[null,\"x\"]",
                        "\"Tariro\"", "[[1]]", "[\"" + "x".repeat(1100) + "\",\"y\"]")),
                s -> s.replace("\"project\":\"school\"", pick("\"project\":\"\"", "\"project\":1", "\"project\":\"" + "p".repeat(200) + "\"")),
                s -> s.replace("}}", "},\"text\":{\"body\":\"both\"}}"),
                s -> s.replace("\"template\"", "\"templat\""),
                s -> s.replace("}}", "},\"expiresAt\":\"" + pick("2001-01-01T00:00:00Z", "yesterday", "1") + "\"}"),
                s -> s.replace("}}", "},\"metadata\":" + pick("[]", "\"x\"", "{\"k\":[1]}") + "}"),
                s -> s.replace("\"bodyParameters\"", "\"headerMedia\":{\"type\":\"" + pick("GIF", "IMAGE") + "\"},\"bodyParameters\""),
                s -> s.replace("\"bodyParameters\"", "\"buttons\":[{\"index\":" + pick("-1", "\"x\"", "99", "null") + ",\"subType\":\"call\"}],\"bodyParameters\""),
                s -> s.substring(0, random.nextInt(s.length())),
                s -> s.replace(":", pick("", "::", ";")),
                s -> "[" + s + "]",
                s -> pick("", "null", "42", "\"text\"", "{", "}", "{\"recipient\":}", "{}"));
        String body = VALID;
        int breaks = 1 + random.nextInt(3);
        for (int i = 0; i < breaks; i++) {
            body = breakers.get(random.nextInt(breakers.size())).apply(body);
        }
        if (body.equals(VALID)) {
            body = "{}";
        }
        if (random.nextInt(20) == 0) {
            byte[] bytes = new byte[1 + random.nextInt(200)];
            random.nextBytes(bytes);
            return bytes;
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] malformedBatch() {
        String item = new String(malformedRequest(), StandardCharsets.UTF_8);
        return pick("{\"messages\":[" + item + "]}", "{\"messages\":[" + item + "," + item + "]}", "{\"messages\":[]}",
                "{\"messages\":{}}", "{\"messages\":\"x\"}", "[" + item + "]", "{\"messages\":[null]}", item, "")
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] malformedWebhook() {
        String good = Ingest.statusWebhook("wamid.FUZZ" + random.nextInt(1000), "delivered", "1750263773", "msg-fuzz");
        String body = pick(
                good.substring(0, 1 + random.nextInt(good.length() - 2)),
                good.replace("\"entry\":[", "\"entry\":{").replace("]}]}]}", "]}]}}"),
                good.replace("\"entry\"", "\"entries\""),
                "[" + good + "]",
                good.replace("\"changes\":[", "\"changes\":\"x\",\"c\":["),
                good.replace("\"field\":\"messages\",", ""),
                good.replace("\"value\":{", "\"value\":[{").replace("}}]}]}", "}]}]}]}"),
                good.replace("\"id\":\"wamid", "\"idx\":\"wamid"),
                good.replace("{\"id\":\"100000000000001\",", "7,{\"id\":\"100000000000001\","),
                good + " trailing",
                "", "null", "true", "{}", "{\"object\":\"whatsapp_business_account\"}", "\u0000\u0001garbage");
        return body.getBytes(StandardCharsets.UTF_8);
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }
}
