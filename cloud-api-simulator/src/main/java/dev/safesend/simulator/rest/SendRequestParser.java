package dev.safesend.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.simulator.domain.MetaError;
import dev.safesend.simulator.domain.OutboundMessage;
import dev.safesend.simulator.domain.Recipient;
import dev.safesend.simulator.domain.RejectedException;
import dev.safesend.simulator.domain.TemplateSend;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads Meta's send envelope (reference §1.1-§1.3) into an {@link OutboundMessage}, addressed by
 * phone ({@code to}) or by BSUID ({@code recipient}; {@code to} wins when both are set), refusing
 * malformed requests the way Meta does: 100 for a body or field of the wrong shape or an unknown
 * messaging_product / type, 131008 for a missing required parameter, 131009 for an invalid value.
 */
final class SendRequestParser {

    static final int MAX_TEXT_BODY = 4096;
    static final int MAX_CALLBACK_DATA = 512;

    private static final Set<String> TYPES = Set.of("text", "template", "image", "audio", "video", "document", "sticker",
            "location", "contacts", "interactive", "reaction");
    private static final Set<String> PARAMETER_TYPES = Set.of("text", "currency", "date_time", "image", "video",
            "document", "location", "payload", "coupon_code", "action");
    private static final Set<String> MEDIA_TYPES = Set.of("image", "video", "document");
    private static final Set<String> BUTTON_SUB_TYPES = Set.of("quick_reply", "url", "catalog", "copy_code", "flow",
            "mpm", "voice_call");

    private final ObjectMapper json;

    SendRequestParser(ObjectMapper json) {
        this.json = json;
    }

    OutboundMessage parse(String phoneNumberId, String body) {
        JsonNode root = readObject(body);
        String product = optionalText(root, "messaging_product");
        if (product == null) {
            throw invalid("The parameter messaging_product is required.");
        }
        if (!"whatsapp".equalsIgnoreCase(product)) {
            throw invalid("Param messaging_product must be one of {WHATSAPP} - got \"" + product + "\".");
        }
        String recipientType = optionalText(root, "recipient_type");
        if (recipientType != null && !"individual".equals(recipientType)) {
            throw new RejectedException(MetaError.PARAMETER_INVALID,
                    "Param recipient_type must be 'individual' (groups are not simulated).");
        }
        Recipient recipient = recipient(root);
        String type = optionalText(root, "type");
        if (type == null) {
            type = "text";
        }
        if (!TYPES.contains(type)) {
            throw invalid("Param type must be one of " + TYPES + " - got \"" + type + "\".");
        }
        String callbackData = optionalText(root, "biz_opaque_callback_data");
        if (callbackData != null && callbackData.length() > MAX_CALLBACK_DATA) {
            throw new RejectedException(MetaError.PARAMETER_INVALID,
                    "Param biz_opaque_callback_data must be at most " + MAX_CALLBACK_DATA + " characters long.");
        }
        JsonNode context = root.get("context");
        if (context != null && !context.isObject()) {
            throw invalid("Param context must be an object.");
        }
        return switch (type) {
            case "text" -> new OutboundMessage(phoneNumberId, recipient, type, textBody(root), null, callbackData);
            case "template" -> new OutboundMessage(phoneNumberId, recipient, type, null, template(root), callbackData);
            default -> {
                JsonNode content = root.get(type);
                if (content == null || !content.isObject()) {
                    throw missing("The parameter " + type + " is required.");
                }
                yield new OutboundMessage(phoneNumberId, recipient, type, null, null, callbackData);
            }
        };
    }

    /** A phone in {@code to}, or a BSUID in {@code recipient}; when both are set, {@code to} wins. */
    private static Recipient recipient(JsonNode root) {
        String to = optionalText(root, "to");
        if (to != null && !to.isBlank()) {
            return Recipient.parse(to).orElseThrow(() -> new RejectedException(MetaError.PARAMETER_INVALID,
                    "Param to must be a phone number with country code, got \"" + to + "\"."));
        }
        String userId = optionalText(root, "recipient");
        if (userId == null || userId.isBlank()) {
            throw missing("The parameter to (a phone number) or recipient (a business-scoped user ID) is required.");
        }
        return Recipient.parseUserId(userId).orElseThrow(() -> new RejectedException(MetaError.PARAMETER_INVALID,
                "Param recipient must be a business-scoped user ID like US.13491208655302741918, got \"" + userId
                        + "\"."));
    }

    private JsonNode readObject(String body) {
        if (body == null || body.isBlank()) {
            throw invalid("Request body is empty; expected a JSON object.");
        }
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                throw invalid("Request body must be a JSON object.");
            }
            return root;
        } catch (IOException e) {
            throw invalid("Request body is not valid JSON.");
        }
    }

    private String textBody(JsonNode root) {
        JsonNode text = root.get("text");
        if (text == null || text.isNull()) {
            throw missing("The parameter text is required.");
        }
        if (!text.isObject()) {
            throw invalid("Param text must be an object.");
        }
        String body = optionalText(text, "body");
        if (body == null || body.isEmpty()) {
            throw missing("The parameter text['body'] is required.");
        }
        if (body.length() > MAX_TEXT_BODY) {
            throw new RejectedException(MetaError.PARAMETER_INVALID,
                    "Param text['body'] must be at most " + MAX_TEXT_BODY + " characters long.");
        }
        return body;
    }

    private TemplateSend template(JsonNode root) {
        JsonNode template = root.get("template");
        if (template == null || template.isNull()) {
            throw missing("The parameter template is required.");
        }
        if (!template.isObject()) {
            throw invalid("Param template must be an object.");
        }
        String name = optionalText(template, "name");
        if (name == null || name.isBlank()) {
            throw missing("The parameter template['name'] is required.");
        }
        JsonNode language = template.get("language");
        if (language == null || language.isNull()) {
            throw missing("The parameter template['language'] is required.");
        }
        if (!language.isObject()) {
            throw invalid("Param template['language'] must be an object.");
        }
        String code = optionalText(language, "code");
        if (code == null || code.isBlank()) {
            throw missing("The parameter template['language']['code'] is required.");
        }
        List<TemplateSend.SentParameter> header = new ArrayList<>();
        List<TemplateSend.SentParameter> body = new ArrayList<>();
        List<TemplateSend.SentButton> buttons = new ArrayList<>();
        JsonNode components = template.get("components");
        if (components != null && !components.isNull()) {
            if (!components.isArray()) {
                throw invalid("Param template['components'] must be an array.");
            }
            for (JsonNode component : components) {
                if (!component.isObject()) {
                    throw invalid("Each template component must be an object.");
                }
                String componentType = optionalText(component, "type");
                if (componentType == null) {
                    throw missing("The parameter template['components'][]['type'] is required.");
                }
                switch (componentType.toLowerCase(Locale.ROOT)) {
                    case "header" -> header.addAll(parameters(component, "header"));
                    case "body" -> body.addAll(parameters(component, "body"));
                    case "button" -> buttons.add(button(component));
                    default -> throw new RejectedException(MetaError.PARAMETER_INVALID,
                            "Component type must be one of {header, body, button} - got \"" + componentType + "\".");
                }
            }
        }
        return new TemplateSend(name, code, header, body, buttons);
    }

    private TemplateSend.SentButton button(JsonNode component) {
        String subType = optionalText(component, "sub_type");
        if (subType == null) {
            throw missing("The parameter template['components'][]['sub_type'] is required for buttons.");
        }
        if (!BUTTON_SUB_TYPES.contains(subType.toLowerCase(Locale.ROOT))) {
            throw new RejectedException(MetaError.PARAMETER_INVALID, "Button sub_type \"" + subType + "\" is not valid.");
        }
        JsonNode indexNode = component.get("index");
        if (indexNode == null || indexNode.isNull()) {
            throw missing("The parameter template['components'][]['index'] is required for buttons.");
        }
        int index;
        try {
            index = Integer.parseInt(indexNode.asText().trim());
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (index < 0 || index > 9) {
            throw new RejectedException(MetaError.PARAMETER_INVALID, "Button index must be between 0 and 9.");
        }
        return new TemplateSend.SentButton(subType.toLowerCase(Locale.ROOT), index, parameters(component, "button"));
    }

    private List<TemplateSend.SentParameter> parameters(JsonNode component, String where) {
        JsonNode parameters = component.get("parameters");
        if (parameters == null || parameters.isNull()) {
            return List.of();
        }
        if (!parameters.isArray()) {
            throw invalid("Param " + where + "['parameters'] must be an array.");
        }
        List<TemplateSend.SentParameter> result = new ArrayList<>();
        for (JsonNode parameter : parameters) {
            if (!parameter.isObject()) {
                throw invalid("Each " + where + " parameter must be an object.");
            }
            String type = optionalText(parameter, "type");
            if (type == null) {
                throw missing("The parameter " + where + "['parameters'][]['type'] is required.");
            }
            if (!PARAMETER_TYPES.contains(type)) {
                throw new RejectedException(MetaError.PARAMETER_INVALID,
                        "Parameter type must be one of " + PARAMETER_TYPES + " - got \"" + type + "\".");
            }
            String text = null;
            if ("text".equals(type)) {
                text = optionalText(parameter, "text");
                if (text == null) {
                    throw missing("The parameter " + where + "['parameters'][]['text'] is required for type text.");
                }
            } else if ("payload".equals(type)) {
                text = optionalText(parameter, "payload");
                if (text == null) {
                    throw missing("The parameter button['parameters'][]['payload'] is required for type payload.");
                }
            } else if (MEDIA_TYPES.contains(type)) {
                JsonNode media = parameter.get(type);
                if (media == null || !media.isObject() || (!media.hasNonNull("link") && !media.hasNonNull("id"))) {
                    throw missing("The parameter " + where + "['parameters'][]['" + type + "'] needs a link or an id.");
                }
            } else if (!parameter.has(type)) {
                throw missing("The parameter " + where + "['parameters'][]['" + type + "'] is required for type " + type + ".");
            }
            result.add(new TemplateSend.SentParameter(type, optionalText(parameter, "parameter_name"), text));
        }
        return result;
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw invalid("Param " + field + " must be a string.");
        }
        return value.asText();
    }

    private static RejectedException invalid(String details) {
        return new RejectedException(MetaError.INVALID_PARAMETER, details);
    }

    private static RejectedException missing(String details) {
        return new RejectedException(MetaError.PARAMETER_MISSING, details);
    }
}
