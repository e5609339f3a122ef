package dev.safesend.dispatch.mapping;

import dev.safesend.cloudapi.wire.SendRequest;
import dev.safesend.dispatch.domain.OutboundSend;
import dev.safesend.servicekit.identity.Bsuid;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** dispatch's domain → Meta's send request (cloud-api-wire's {@link SendRequest}), with {@code biz_opaque_callback_data = messageId}. */
@ApplicationScoped
public class CloudApiMapper {

    public SendRequest toSendRequest(OutboundSend send) {
        // a phone goes in "to", a BSUID in "recipient" (Meta: when both are set, "to" wins, so only one is ever sent)
        boolean byUserId = Bsuid.isBsuid(send.recipient());
        String to = byUserId ? null : send.recipient();
        String recipient = byUserId ? send.recipient() : null;
        if (send.template() == null) {
            return SendRequest.text(to, recipient, new SendRequest.Text(send.previewUrl(), send.text()), send.messageId());
        }
        OutboundSend.Template t = send.template();
        List<SendRequest.Component> components = new ArrayList<>(2 + t.buttons().size());
        if (t.headerText() != null) {
            components.add(SendRequest.Component.header(List.of(SendRequest.Parameter.text(t.headerText()))));
        }
        if (!t.bodyParameters().isEmpty()) {
            List<SendRequest.Parameter> parameters = new ArrayList<>(t.bodyParameters().size());
            for (String p : t.bodyParameters()) {
                parameters.add(SendRequest.Parameter.text(p));
            }
            components.add(SendRequest.Component.body(parameters));
        }
        for (OutboundSend.Button b : t.buttons()) {
            SendRequest.Parameter parameter = "quick_reply".equals(b.subType())
                    ? SendRequest.Parameter.payload(b.value()) : SendRequest.Parameter.text(b.value());
            components.add(SendRequest.Component.button(b.subType(), b.index(), List.of(parameter)));
        }
        return SendRequest.template(to, recipient,
                new SendRequest.Template(t.name(), new SendRequest.Language(t.language()), components), send.messageId());
    }
}
