package dev.safesend.cloudapi.wire;

/**
 * A body that is not the Cloud API JSON it was read as: not JSON, trailing data, or a field of the wrong shape.
 * {@link #path()} names where ({@code entry[0].changes[1].value.statuses}), empty for the body as a whole.
 */
public class WirePayloadException extends RuntimeException {

    private final String path;
    private final String detail;

    public WirePayloadException(String path, String detail, Throwable cause) {
        super(path.isEmpty() ? detail : path + ": " + detail, cause);
        this.path = path;
        this.detail = detail;
    }

    /** Where, as a JSON path; empty for the body as a whole. */
    public String path() {
        return path;
    }

    /** What is wrong there ({@code expected an array}), without the path. */
    public String detail() {
        return detail;
    }
}
