package dev.safesend.simulator.domain;

/**
 * A validated send request: {@code type} is Meta's message type ("text", "template", "image", ...),
 * {@code template} is set only for templates, {@code callbackData} is the optional
 * {@code biz_opaque_callback_data} echoed in status webhooks. {@code recipient} is a phone
 * ({@code to}) or a BSUID ({@code recipient}).
 */
public record OutboundMessage(String phoneNumberId, Recipient recipient, String type, String textBody,
                              TemplateSend template, String callbackData) {

    public boolean isTemplate() {
        return template != null;
    }
}
