package dev.safesend.simulator.domain;

/** A button of a template's BUTTONS component ({@code type} QUICK_REPLY, URL, PHONE_NUMBER, OTP, ...). */
public record TemplateButton(String type, String text, String url, String phoneNumber) {
}
