package dev.safesend.dispatch.mapping;

import dev.safesend.servicekit.identity.Bsuid;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.safesend.dispatch.domain.OutboundSend;
import jakarta.enterprise.context.ApplicationScoped;

/** dispatch's domain → Meta's send request JSON (Meta's Cloud API documentation), with {@code biz_opaque_callback_data = messageId}. */
@ApplicationScoped
public class CloudApiMapper {

    private final ObjectMapper json;

    public CloudApiMapper(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode toSendRequest(OutboundSend send) {
        ObjectNode body = json.createObjectNode()
                .put("messaging_product", "whatsapp")
                .put("recipient_type", "individual");
        // a phone goes in "to", a BSUID in "recipient" (Meta: when both are set, "to" wins, so only one is ever sent)
        body.put(Bsuid.isBsuid(send.recipient()) ? "recipient" : "to", send.recipient());
        if (send.template() != null) {
            body.put("type", "template");
            OutboundSend.Template t = send.template();
            ObjectNode template = body.putObject("template").put("name", t.name());
            template.putObject("language").put("code", t.language());
            ArrayNode components = template.putArray("components");
            if (t.headerText() != null) {
                ObjectNode header = components.addObject().put("type", "header");
                header.putArray("parameters").addObject().put("type", "text").put("text", t.headerText());
            }
            if (!t.bodyParameters().isEmpty()) {
                ArrayNode params = components.addObject().put("type", "body").putArray("parameters");
                t.bodyParameters().forEach(p -> params.addObject().put("type", "text").put("text", p));
            }
            for (OutboundSend.Button b : t.buttons()) {
                ObjectNode button = components.addObject().put("type", "button").put("sub_type", b.subType())
                        .put("index", String.valueOf(b.index()));
                ObjectNode param = button.putArray("parameters").addObject();
                if ("quick_reply".equals(b.subType())) {
                    param.put("type", "payload").put("payload", b.value());
                } else {
                    param.put("type", "text").put("text", b.value());
                }
            }
        } else {
            body.put("type", "text");
            body.putObject("text").put("preview_url", send.previewUrl()).put("body", send.text());
        }
        body.put("biz_opaque_callback_data", send.messageId());
        return body;
    }
}
