package dev.safesend.ingest.component;

import dev.safesend.schemas.common.Category;
import dev.safesend.schemas.common.TemplateContent;
import dev.safesend.schemas.message.MessageStatus;
import dev.safesend.schemas.message.MessageStatusChanged;
import dev.safesend.schemas.message.SendRequest;
import dev.safesend.schemas.topic.Topics;
import dev.safesend.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.safesend.ingest.component.Ingest.bootstrap;
import static dev.safesend.ingest.component.Ingest.produce;
import static dev.safesend.ingest.component.Ingest.register;
import static dev.safesend.ingest.component.QuotaComponentTest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * As in production ({@code require-registration=true}): a message naming a project that is not registered, or a
 * malformed project id, is refused on REST (400 naming the field) and on wa.send-requests.v1 (REJECTED with the
 * reason), and nothing is stored; a Kafka request over its project's quota is REJECTED too.
 */
@QuarkusTest
@TestProfile(RegistrationRequiredComponentTest.Profile.class)
class RegistrationRequiredComponentTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("safesend.ingest.tenancy.require-registration", "true");
        }
    }

    @BeforeEach
    void registrySynced() {
        Ingest.templatesSynced();
    }

    private static SendRequest request(String requestId, String project) {
        return SendRequest.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setRequestId(requestId).setProject(project).setRecipient("+263771234567").setCategory(Category.UTILITY)
                .setTemplate(TemplateContent.newBuilder().setName("order_update").setLanguage("en_US")
                        .setBodyParameters(List.of("Tariro", "A-1")).build()).build();
    }

    @Test
    void restRefusesUnknownAndMalformedProjectsAndAcceptsRegisteredOnes() {
        String known = "reg-" + UUID.randomUUID().toString().substring(0, 8);
        register(known, null, null);
        Ingest.send(message("never-registered")).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("project")).body("errors.code", hasItem("unknown_project"));
        Ingest.send(message("Not_A_Slug")).statusCode(400).body("errors.code", hasItem("invalid_project_id"));
        Ingest.sendBatch("{\"messages\":[" + message(known) + "," + message("never-registered") + "]}").statusCode(400)
                .body("errors.field", hasItem("messages[1].project"));
        Ingest.send(message(known)).statusCode(202);
    }

    @Test
    void aKafkaRequestForAnUnknownProjectOrOverItsQuotaIsRejectedWithTheReason() {
        String limited = "regq-" + UUID.randomUUID().toString().substring(0, 8);
        register(limited, 1L, null);
        String unknown = "req-" + UUID.randomUUID();
        String first = "req-" + UUID.randomUUID();
        String over = "req-" + UUID.randomUUID();
        try (TopicProbe events = TopicProbe.atEnd(bootstrap(), Topics.MESSAGE_EVENTS.topicName())) {
            produce(Topics.SEND_REQUESTS.topicName(), unknown, request(unknown, "ghost-project"));
            // one key, one partition: the first is processed first
            produce(Topics.SEND_REQUESTS.topicName(), limited, request(first, limited));
            produce(Topics.SEND_REQUESTS.topicName(), limited, request(over, limited));
            List<MessageStatusChanged> seen = events.await(x -> List.of(unknown, first, over)
                            .contains(((MessageStatusChanged) x.value()).getRequestId()), 3, Duration.ofSeconds(30)).stream()
                    .map(x -> (MessageStatusChanged) x.value()).toList();
            Map<String, MessageStatusChanged> byRequest = new java.util.HashMap<>();
            seen.forEach(e -> byRequest.put(e.getRequestId(), e));
            assertThat(byRequest.get(unknown).getStatus()).isEqualTo(MessageStatus.REJECTED);
            assertThat(byRequest.get(unknown).getReason()).isEqualTo("unknown_project");
            assertThat(byRequest.get(first).getStatus()).isEqualTo(MessageStatus.ACCEPTED);
            assertThat(byRequest.get(over).getStatus()).isEqualTo(MessageStatus.REJECTED);
            assertThat(byRequest.get(over).getReason()).isEqualTo("quota_exceeded_day");
        }
        Ingest.usage(limited).body("day.used", equalTo(1));
    }
}
