package dev.safesend.cloudapi.wire;

/**
 * A body that is not the Cloud API JSON it was read as: not JSON, trailing data, or a field of the wrong shape.
 * {@link #path()} names where ({@code entry[0].changes[1].value.statuses}), empty for the body as a whole.
 */
public class WirePayloadException extends RuntimeException {

    private final String path;

    public WirePayloadException(String path, String message, Throwable cause) {
        super(path.isEmpty() ? message : path + ": " + message, cause);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
