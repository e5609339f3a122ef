package dev.safesend.cloudapi.wire.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.safesend.cloudapi.wire.ChangeValue;
import dev.safesend.cloudapi.wire.CloudApiJson;
import dev.safesend.cloudapi.wire.SendRequest;
import dev.safesend.cloudapi.wire.WebhookEnvelope;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * CPU per message of the typed wire path against the JSON-tree walking it replaced, on one thread (not a test: a
 * figure, run by hand). Each case does the work a service does per message: ingest reads a status webhook and takes
 * the fields it maps; the simulator writes one; dispatch builds and writes a template send request and reads the
 * success answer. The "tree" side is the code as it was before cloud-api-wire (readTree and path walking, ObjectNode
 * building and writeValueAsBytes with a shared ObjectMapper).
 *
 * <pre>./mvnw -q -o -pl cloud-api-wire test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp cloud-api-wire/target/test-classes:cloud-api-wire/target/classes:$(cat cloud-api-wire/target/cp.txt) \
 *   dev.safesend.cloudapi.wire.bench.WireCostMeasurement [iterations]</pre>
 */
public final class WireCostMeasurement {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader TREE_READER = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final byte[] SUCCESS = ("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"+14155550123\","
            + "\"wa_id\":\"14155550123\"}],\"messages\":[{\"id\":\"wamid.HBgLMTQxNTU1NTAxMjMVAgARGBI\",\"message_status\":\"accepted\"}]}")
            .getBytes();

    private WireCostMeasurement() {
    }

    public static void main(String[] args) throws IOException {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        byte[] statusWebhook = resource("/webhooks/status-sent.json");
        byte[] failedWebhook = resource("/webhooks/status-failed.json");
        System.out.printf("status webhook %d bytes, failed %d bytes, send request %d bytes; %d iterations, 5 rounds, median%n",
                statusWebhook.length, failedWebhook.length, CloudApiJson.write(typedSend(0)).length, iterations);
        List<String[]> rows = new ArrayList<>();
        rows.add(compare("ingest: read a status webhook", iterations,
                () -> treeStatus(statusWebhook) + treeStatus(failedWebhook),
                () -> typedStatus(statusWebhook) + typedStatus(failedWebhook), 2));
        rows.add(compare("simulator: write a status webhook", iterations,
                () -> treeWebhook(iterationsSeed++).length, () -> CloudApiJson.write(typedWebhook(iterationsSeed++)).length, 1));
        rows.add(compare("dispatch: build+write a template send", iterations,
                () -> write(treeSend(iterationsSeed++)).length, () -> CloudApiJson.write(typedSend(iterationsSeed++)).length, 1));
        rows.add(compare("dispatch: read the success answer", iterations,
                () -> treeAnswer(SUCCESS).length(), () -> CloudApiJson.readSendResponse(SUCCESS).wamid().length(), 1));
        System.out.printf("%-40s %12s %12s %8s%n", "case (ns per message)", "tree (before)", "typed (now)", "ratio");
        for (String[] row : rows) {
            System.out.printf("%-40s %12s %12s %8s%n", (Object[]) row);
        }
        System.out.println("sink " + sink);
    }

    private static int iterationsSeed;
    private static long sink;

    private static String[] compare(String name, int iterations, IntSupplier before, IntSupplier after, int perCall) {
        double[] b = new double[5];
        double[] a = new double[5];
        for (int warm = 0; warm < 3; warm++) {
            time(before, iterations / 2);
            time(after, iterations / 2);
        }
        for (int round = 0; round < 5; round++) {
            b[round] = time(before, iterations) / perCall;
            a[round] = time(after, iterations) / perCall;
        }
        Arrays.sort(b);
        Arrays.sort(a);
        return new String[] {name, String.format("%.0f", b[2]), String.format("%.0f", a[2]), String.format("%.2f", a[2] / b[2])};
    }

    private static double time(IntSupplier work, int iterations) {
        long start = System.nanoTime();
        long s = 0;
        for (int i = 0; i < iterations; i++) {
            s += work.getAsInt();
        }
        sink += s;
        return (System.nanoTime() - start) / (double) iterations;
    }

    /** ingest's old walk: the fields WebhookPayloadMapper took from each status. */
    private static int treeStatus(byte[] body) {
        JsonNode root;
        try {
            root = TREE_READER.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int h = 0;
        for (JsonNode entry : root.path("entry")) {
            h += text(entry, "id").length();
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                h += text(value.path("metadata"), "phone_number_id").length();
                for (JsonNode s : value.path("statuses")) {
                    JsonNode error = s.path("errors").path(0);
                    h += text(s, "id").length() + text(s, "status").length() + text(s, "timestamp").length()
                            + length(text(s, "recipient_id")) + length(text(s, "recipient_user_id"))
                            + length(text(s, "biz_opaque_callback_data"))
                            + (error.path("code").canConvertToInt() ? error.path("code").asInt() : 0)
                            + length(text(error, "title"))
                            + length(error.path("error_data").has("details") ? text(error.path("error_data"), "details") : text(error, "message"))
                            + length(text(s.path("pricing"), "category"));
                }
            }
        }
        return h;
    }

    /** The same fields from cloud-api-wire's records. */
    private static int typedStatus(byte[] body) {
        WebhookEnvelope root = CloudApiJson.readWebhook(body);
        int h = 0;
        for (WebhookEnvelope.Entry entry : root.entry()) {
            h += entry.id().length();
            for (WebhookEnvelope.Change change : entry.changes()) {
                ChangeValue value = change.value();
                h += value.metadata().phoneNumberId().length();
                for (ChangeValue.Status s : value.statuses()) {
                    ChangeValue.WebhookError error = s.firstError();
                    h += s.id().length() + s.status().length() + s.timestamp().length() + length(s.recipientId())
                            + length(s.recipientUserId()) + length(s.bizOpaqueCallbackData())
                            + (error == null || error.code() == null ? 0 : error.code())
                            + (error == null ? 0 : length(error.title()))
                            + (error == null ? 0 : length(error.details() != null ? error.details() : error.message()))
                            + (s.pricing() == null ? 0 : length(s.pricing().category()));
                }
            }
        }
        return h;
    }

    /** The simulator's old status webhook: ObjectNode building, then writeValueAsBytes. */
    private static byte[] treeWebhook(int n) {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject();
        entry.put("id", "100000000000001");
        ObjectNode change = entry.putArray("changes").addObject();
        change.put("field", "messages");
        ObjectNode value = change.putObject("value");
        value.put("messaging_product", "whatsapp");
        ObjectNode metadata = value.putObject("metadata");
        metadata.put("display_phone_number", "15550000001");
        metadata.put("phone_number_id", "110000000000001");
        ObjectNode contact = value.putArray("contacts").addObject();
        contact.put("user_id", "US.13491208655302741918");
        contact.put("wa_id", "16505551234");
        ArrayNode statuses = value.putArray("statuses");
        ObjectNode node = statuses.addObject();
        node.put("id", "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI" + n);
        node.put("status", "delivered");
        node.put("timestamp", Long.toString(1750263773L + n));
        node.put("recipient_id", "16505551234");
        node.put("recipient_user_id", "US.13491208655302741918");
        node.put("biz_opaque_callback_data", "msg-" + n);
        ObjectNode conversation = node.putObject("conversation");
        conversation.put("id", "conv-1");
        conversation.put("expiration_timestamp", "1750350173");
        conversation.putObject("origin").put("type", "marketing");
        ObjectNode pricing = node.putObject("pricing");
        pricing.put("billable", true);
        pricing.put("pricing_model", "PMP");
        pricing.put("type", "regular");
        pricing.put("category", "marketing");
        return write(root);
    }

    private static WebhookEnvelope typedWebhook(int n) {
        ChangeValue.Status status = new ChangeValue.Status("wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI" + n, "delivered",
                Long.toString(1750263773L + n), "16505551234", "US.13491208655302741918", "msg-" + n,
                new ChangeValue.Conversation("conv-1", "1750350173", new ChangeValue.Origin("marketing")),
                new ChangeValue.Pricing(true, "PMP", "regular", "marketing"), null);
        ChangeValue value = ChangeValue.messages(new ChangeValue.Metadata("15550000001", "110000000000001"),
                List.of(new ChangeValue.Contact(null, "US.13491208655302741918", null, "16505551234")), null, List.of(status), null);
        return new WebhookEnvelope(WebhookEnvelope.WHATSAPP_BUSINESS_ACCOUNT,
                List.of(new WebhookEnvelope.Entry("100000000000001", null, List.of(new WebhookEnvelope.Change("messages", value)))));
    }

    /** dispatch's old CloudApiMapper for a template with one body parameter and a quick-reply button. */
    private static ObjectNode treeSend(int n) {
        ObjectNode body = JSON.createObjectNode().put("messaging_product", "whatsapp").put("recipient_type", "individual");
        body.put("to", "+14155550123");
        body.put("type", "template");
        ObjectNode template = body.putObject("template").put("name", "promo_offer");
        template.putObject("language").put("code", "en_US");
        ArrayNode components = template.putArray("components");
        ArrayNode params = components.addObject().put("type", "body").putArray("parameters");
        params.addObject().put("type", "text").put("text", "20%");
        ObjectNode button = components.addObject().put("type", "button").put("sub_type", "quick_reply").put("index", "0");
        button.putArray("parameters").addObject().put("type", "payload").put("payload", "STOP_PROMO");
        body.put("biz_opaque_callback_data", "m-" + n);
        return body;
    }

    private static SendRequest typedSend(int n) {
        return SendRequest.template("+14155550123", null, new SendRequest.Template("promo_offer", new SendRequest.Language("en_US"),
                List.of(SendRequest.Component.body(List.of(SendRequest.Parameter.text("20%"))),
                        SendRequest.Component.button("quick_reply", 0, List.of(SendRequest.Parameter.payload("STOP_PROMO"))))),
                "m-" + n);
    }

    /** dispatch's old answer reading: readEntity(JsonNode) then messages[0].id. */
    private static String treeAnswer(byte[] body) {
        try {
            return JSON.readTree(body).path("messages").path(0).path("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] write(Object tree) {
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = WireCostMeasurement.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
