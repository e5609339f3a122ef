package dev.safesend.schemas.serde;

/** A record could not be written or read; the message says why (it ends up in DLQ reason headers). */
public class AvroSerdeException extends RuntimeException {
    public AvroSerdeException(String message) {
        super(message);
    }

    public AvroSerdeException(String message, Throwable cause) {
        super(message, cause);
    }
}
