package dev.safesend.ingest.mapping;

import dev.safesend.ingest.domain.BatchOutcome;
import dev.safesend.ingest.domain.Category;
import dev.safesend.ingest.domain.HeaderMedia;
import dev.safesend.ingest.domain.IntakeReceipt;
import dev.safesend.ingest.domain.MessageRequest;
import dev.safesend.ingest.domain.RequestRejectedException;
import dev.safesend.ingest.domain.Template;
import dev.safesend.ingest.domain.TemplateRef;
import dev.safesend.ingest.domain.Violation;
import dev.safesend.ingest.rest.BatchResponse;
import dev.safesend.ingest.rest.MessageAcceptedResponse;
import dev.safesend.ingest.rest.SendMessageRequest;
import dev.safesend.ingest.rest.TemplateView;
import dev.safesend.servicekit.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;

/** REST body ↔ domain for the send API and the template registry. */
@ApplicationScoped
public class MessageApiMapper {

    /** @throws RequestRejectedException when the body is missing or its category is not one of ours */
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
                        "'" + abbreviate(body.category()) + "' is not one of MARKETING, UTILITY, AUTHENTICATION, SERVICE")));
            }
        }
        SendMessageRequest.Template t = body.template();
        TemplateRef template = t == null ? null : new TemplateRef(t.name(), t.language(), t.bodyParameters(),
                t.namedParameters(), t.headerText(),
                t.headerMedia() == null ? null : new HeaderMedia(t.headerMedia().type(), t.headerMedia().link(), t.headerMedia().id()),
                t.buttons() == null ? List.of() : t.buttons().stream()
                        .map(b -> b == null ? null : new TemplateRef.ButtonParameter(b.index(), b.subType(), b.value())).toList());
        return new MessageRequest(body.recipient(), body.project(), category,
                body.text() == null ? null : body.text().body() == null ? "" : body.text().body(), template,
                body.campaignId(), body.sendAfter(), body.expiresAt(), body.clientReference(), body.metadata());
    }

    public MessageAcceptedResponse toResponse(IntakeReceipt r) {
        return new MessageAcceptedResponse(r.messageId(), "ACCEPTED", r.recipient(), r.senderId(),
                r.lane().name().toLowerCase(Locale.ROOT), r.acceptedAt(), r.expiresAt(), r.optOutHintAppended() ? Boolean.TRUE : null);
    }

    public BatchResponse toResponse(BatchOutcome outcome) {
        return new BatchResponse(outcome.acceptedCount(), outcome.rejectedCount(), outcome.items().stream()
                .map(i -> i.accepted()
                        ? new BatchResponse.Item(i.index(), "ACCEPTED", toResponse(i.receipt()), List.of())
                        : new BatchResponse.Item(i.index(), "REJECTED", null, errors(i.violations(), "")))
                .toList());
    }

    /** Every item's problems, with fields prefixed by the item's place in the body: {@code messages[3].recipient}. */
    public List<Problem.FieldError> batchErrors(BatchOutcome outcome) {
        return outcome.items().stream().filter(i -> !i.accepted())
                .flatMap(i -> errors(i.violations(), "messages[" + i.index() + "]").stream()).toList();
    }

    public List<Problem.FieldError> errors(List<Violation> violations, String prefix) {
        return violations.stream().map(v -> new Problem.FieldError(
                prefix.isEmpty() ? v.field() : v.field().isEmpty() ? prefix : prefix + "." + v.field(), v.code(), v.message())).toList();
    }

    public TemplateView toView(Template t) {
        return new TemplateView(t.name(), t.language(), t.category(), t.status(), t.quality(),
                t.parameterFormat() == Template.ParameterFormat.NAMED ? t.bodyParameterCount() : t.bodyParameterCount()
                        + (t.headerTakesText() ? 1 : 0),
                t.parameterFormat().name(), t.headerFormat(), t.id(), t.updatedAt());
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
