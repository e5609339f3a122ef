package dev.safesend.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SafesendApiClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTemplateRequestHasTheDocumentedShape() throws Exception {
        String body = SafesendApiClient.templateRequest("+263771234567", "demo", "UTILITY", "order_update", "en_US",
                List.of("Tariro", "A-1001"));

        assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree("""
                {"recipient":"+263771234567","project":"demo","category":"UTILITY",
                 "template":{"name":"order_update","language":"en_US","bodyParameters":["Tariro","A-1001"]}}"""));
    }

    @Test
    void aTextRequestHasTheDocumentedShape() throws Exception {
        String body = SafesendApiClient.textRequest("+14155550123", "demo", "UTILITY", "hi");

        assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree("""
                {"recipient":"+14155550123","project":"demo","category":"UTILITY","text":{"body":"hi"}}"""));
    }

    @Test
    void theAnalyticsViewOfAMessageIsReadWithItsTimeline() throws Exception {
        SafesendApiClient.MessageView view = SafesendApiClient.messageView(JSON.readTree("""
                {"messageId":"m-1","status":"DELIVERED","recipient":"+263771234567","senderId":"s-1",
                 "wamid":"wamid.ABC","unknownField":true,
                 "timeline":[{"status":"ACCEPTED","at":"2026-11-22T10:00:00Z","source":"ingest"},
                             {"status":"DELIVERED","at":"2026-11-22T10:00:02Z","source":"webhook","reason":null,"errorCode":null}]}"""));

        assertThat(view.status()).isEqualTo("DELIVERED");
        assertThat(view.wamid()).isEqualTo("wamid.ABC");
        assertThat(view.timeline()).extracting(SafesendApiClient.TimelineEntry::status).containsExactly("ACCEPTED", "DELIVERED");
        assertThat(view.timeline().get(0).reason()).isNull();
    }
}
