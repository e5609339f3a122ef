package dev.safesend.servicekit.identity;

/** A phone number that cannot be normalised to E.164; {@link #code()} is machine-readable, the message says why. */
public class InvalidPhoneNumberException extends RuntimeException {

    private final String code;

    public InvalidPhoneNumberException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
