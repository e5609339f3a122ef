package dev.safesend.dispatch.domain;

/** No sender with this phone-number-id is registered. */
public class SenderNotFoundException extends RuntimeException {
    public SenderNotFoundException(String senderId) {
        super("sender '" + senderId + "' is not registered");
    }
}
