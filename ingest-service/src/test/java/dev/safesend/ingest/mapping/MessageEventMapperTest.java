package dev.safesend.ingest.mapping;

import dev.safesend.ingest.domain.AcceptedMessage;
import dev.safesend.ingest.domain.Category;
import dev.safesend.ingest.domain.Lane;
import dev.safesend.ingest.domain.MessageRequest;
import dev.safesend.ingest.domain.TemplateRef;
import dev.safesend.schemas.common.TemplateContent;
import dev.safesend.servicekit.content.ContentDigest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MessageEventMapperTest {

    @Test
    void aUsersMessagePublishedTwiceIsTheSameEventSoItIsConfirmedOnce() {
        assertThat(MessageEventMapper.inboundEventId("wamid.HBgLMjYzNzcxMjM0NTY3FQIAEhgg"))
                .isEqualTo(MessageEventMapper.inboundEventId("wamid.HBgLMjYzNzcxMjM0NTY3FQIAEhgg"))
                .isNotEqualTo(MessageEventMapper.inboundEventId("wamid.HBgLMjYzNzcxMjM0NTY3FQIAEhgh"))
                .hasSize(36);
    }

    @Test
    void theContentDigestIngestComputesIsTheOneDispatchComputesFromThePublishedMessage() {
        Map<String, String> named = new LinkedHashMap<>();
        named.put("season", "winter");
        named.put("code", "W-10");
        List<TemplateRef> templates = List.of(
                TemplateRef.positional("seasonal_promo", "en_US", List.of("winter", "W-10")),
                new TemplateRef("seasonal_promo", "en_US", List.of(), named, null, null, List.of()),
                new TemplateRef("order_update", "pt_BR", List.of("Tariro"), Map.of(), "Pedido", null, List.of()));
        for (TemplateRef t : templates) {
            MessageRequest request = new MessageRequest("+263771234567", "shop", Category.MARKETING, null, t, "c-1", null,
                    null, null, Map.of());
            Instant at = Instant.parse("2026-12-07T06:00:00Z");
            TemplateContent wire = new MessageEventMapper().toOutbound(
                    new AcceptedMessage("m-1", request, "110000000000001", Lane.BULK, at, at.plusSeconds(600), 2), null).getTemplate();
            // dispatch digests the record's name, language, bodyParameters and headerText (OutboundSend.contentHash)
            assertThat(t.contentHash()).as(t.toString())
                    .isEqualTo(ContentDigest.template(wire.getName(), wire.getLanguage(), wire.getBodyParameters(), wire.getHeaderText()));
        }
        assertThat(templates.get(0).contentHash()).as("positional and named values in the same order read the same")
                .isEqualTo(templates.get(1).contentHash());
    }

    @Test
    void theAcceptedEventCarriesTheCallersClientReferenceAndTheTemplateSoAnalyticsCanFindAndAttributeTheMessage() {
        MessageRequest request = new MessageRequest("+263771234567", "shop", Category.MARKETING, null,
                TemplateRef.positional("seasonal_promo", "en_US", List.of("winter")), "c-1", null, null, "order-4711", Map.of());
        Instant at = Instant.parse("2026-12-07T06:00:00Z");
        var accepted = new MessageEventMapper().accepted(
                new AcceptedMessage("m-1", request, "110000000000001", Lane.BULK, at, at.plusSeconds(600), 2), "req-1");
        assertThat(accepted.getClientReference()).isEqualTo("order-4711");
        assertThat(accepted.getTemplateName()).isEqualTo("seasonal_promo");
        assertThat(accepted.getCampaignId()).isEqualTo("c-1");
        assertThat(accepted.getProject()).isEqualTo("shop");

        MessageRequest unreferenced = new MessageRequest("+263771234567", "shop", Category.UTILITY, "hi", null, null, null,
                null, null, Map.of());
        assertThat(new MessageEventMapper().accepted(
                new AcceptedMessage("m-2", unreferenced, "110000000000001", Lane.BULK, at, at.plusSeconds(600), 2), null)
                .getClientReference()).isNull();
    }
}
