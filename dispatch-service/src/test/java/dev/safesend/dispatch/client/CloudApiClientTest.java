package dev.safesend.dispatch.client;

import dev.safesend.dispatch.domain.SendOutcome;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CloudApiClientTest {

    @Test
    void aSuccessAnswerIsAcceptedWithItsWamid() {
        SendOutcome outcome = CloudApiClient.read(200, bytes("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"x\","
                + "\"wa_id\":\"x\"}],\"messages\":[{\"id\":\"wamid.1\",\"message_status\":\"accepted\"}],\"novel\":true}"));

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted("wamid.1"));
    }

    @Test
    void metasErrorAnswerIsARefusalWithItsCodeMessageAndDetails() {
        SendOutcome outcome = CloudApiClient.read(400, bytes(FakeCloudApiResource.ERRORS.get("+16505550126")));

        assertThat(outcome).isEqualTo(new SendOutcome.Refused(131026, "(#131026) Message undeliverable", "Message Undeliverable.", 400));
    }

    @Test
    void anAnswerWithoutMetasErrorObjectIsARefusalNamingTheHttpStatus() {
        assertThat(CloudApiClient.read(502, bytes("{\"status\":\"bad gateway\"}")))
                .isEqualTo(new SendOutcome.Refused(null, "HTTP 502", "the answer carried no Meta error object", 502));
        assertThat(CloudApiClient.read(503, null))
                .isEqualTo(new SendOutcome.Refused(null, "HTTP 503", "the answer carried no Meta error object", 503));
    }

    @Test
    void aSuccessWithoutAReadableWamidIsUncertainNeverARetryableRefusal() {
        // Meta took the request: it may have sent the message, so sending again could deliver it twice
        for (byte[] body : new byte[][] {bytes("{\"messages\":[]}"), bytes("<html>OK</html>"), null}) {
            assertThat(CloudApiClient.read(200, body)).isInstanceOfSatisfying(SendOutcome.Uncertain.class,
                    uncertain -> assertThat(uncertain.why()).startsWith("HTTP 200 without a readable wamid"));
        }
    }

    @Test
    void aBodyThatIsNotJsonIsNoAnswerAsBefore() {
        SendOutcome outcome = CloudApiClient.read(502, bytes("<html>Bad Gateway</html>"));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Refused.class, refused -> {
            assertThat(refused.title()).isEqualTo("no answer from the Cloud API");
            assertThat(refused.errorCode()).isNull();
            assertThat(refused.details()).startsWith("Unexpected character ('<'");
        });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
