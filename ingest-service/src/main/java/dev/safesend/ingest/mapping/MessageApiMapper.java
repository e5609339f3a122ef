package dev.safesend.ingest.mapping;

import dev.safesend.ingest.domain.AcceptedMessage;
import dev.safesend.ingest.domain.Category;
import dev.safesend.ingest.domain.MessageRequest;
import dev.safesend.ingest.domain.RequestRejectedException;
import dev.safesend.ingest.domain.TemplateRef;
import dev.safesend.ingest.domain.Violation;
import dev.safesend.ingest.rest.MessageAcceptedResponse;
import dev.safesend.ingest.rest.SendMessageRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;

/** REST body ↔ domain for the send API. */
@ApplicationScoped
public class MessageApiMapper {

    public MessageRequest toDomain(SendMessageRequest body) {
        if (body == null) {
            throw new RequestRejectedException(List.of(new Violation("", "required", "a JSON body is required")));
        }
        Category category = null;
        if (body.category() != null) {
            try {
                category = Category.valueOf(body.category().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new RequestRejectedException(List.of(new Violation("category", "unknown_category",
                        "'" + body.category() + "' is not one of MARKETING, UTILITY, AUTHENTICATION, SERVICE")));
            }
        }
        TemplateRef template = body.template() == null ? null : new TemplateRef(body.template().name(),
                body.template().language(), body.template().bodyParameters(), body.template().headerText(),
                body.template().buttons() == null ? List.of() : body.template().buttons().stream()
                        .map(b -> new TemplateRef.ButtonParameter(b.index(), b.subType(), b.value())).toList());
        return new MessageRequest(body.recipient(), body.project(), category,
                body.text() == null ? null : body.text().body() == null ? "" : body.text().body(), template,
                body.campaignId(), body.sendAfter(), body.expiresAt(), body.clientReference(), body.metadata());
    }

    public MessageAcceptedResponse toResponse(AcceptedMessage accepted) {
        return new MessageAcceptedResponse(accepted.messageId(), "ACCEPTED", accepted.request().recipient(),
                accepted.senderId(), accepted.lane().name().toLowerCase(Locale.ROOT), accepted.acceptedAt(), accepted.expiresAt());
    }
}
