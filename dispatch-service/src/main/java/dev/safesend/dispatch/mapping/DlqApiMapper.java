package dev.safesend.dispatch.mapping;

import dev.safesend.dispatch.domain.DeadLetters;
import dev.safesend.dispatch.rest.DeadLetterBody;
import dev.safesend.dispatch.rest.DeadLetterPage;
import dev.safesend.dispatch.rest.RedriveReportBody;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** DLQ records and re-drive reports → API bodies. */
@ApplicationScoped
public class DlqApiMapper {

    public DeadLetterPage toPage(DeadLetters.Page page) {
        return new DeadLetterPage(page.items().stream().map(this::toBody).toList(), page.nextCursor());
    }

    public DeadLetterBody toBody(DeadLetters.DeadLetter l) {
        Map<String, String> headers = new LinkedHashMap<>();
        l.headers().forEach(h -> headers.put(h.key(), text(h.value()))); // a repeated header shows its last value, as Kafka's lastHeader
        return new DeadLetterBody(l.partition(), l.offset(), l.key(), l.timestamp(), headers, l.decodable(), l.recordType(),
                l.messageId(), l.project());
    }

    public RedriveReportBody toBody(DeadLetters.RedriveReport r) {
        return new RedriveReportBody(r.redriven().size(),
                r.redriven().stream().map(p -> new RedriveReportBody.Redriven(p.from().partition(), p.from().offset(),
                        p.from().messageId(), p.partition(), p.offset())).toList(),
                r.skipped().stream().map(s -> new RedriveReportBody.Skipped(s.letter().partition(), s.letter().offset(),
                        s.letter().messageId(), s.reason(), s.ledgerState())).toList(),
                r.notFound().stream().map(n -> new RedriveReportBody.NotFound(n.partition(), n.offset(), n.messageId())).toList(),
                r.failed().stream().map(f -> new RedriveReportBody.Failed(f.letter().partition(), f.letter().offset(),
                        f.letter().messageId(), f.error())).toList());
    }

    /** UTF-8 text as it is; anything else (binary) as {@code base64:…}. */
    static String text(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException binary) {
            return "base64:" + Base64.getEncoder().encodeToString(value);
        }
    }
}
