package dev.safesend.dispatch.domain;

/** What the Cloud API answered to one send. */
public sealed interface SendOutcome {

    /** 200: Meta accepted the message; delivery comes later by webhook. */
    record Accepted(String wamid) implements SendOutcome {
    }

    /** Meta refused it with an error code (reference/cloud-api.md §2.6), or the call failed without an answer. */
    record Refused(Integer errorCode, String title, String details, int httpStatus) implements SendOutcome {

        /** No answer at all (timeout, connection refused): {@code errorCode} is null. */
        public static Refused noAnswer(String why) {
            return new Refused(null, "no answer from the Cloud API", why, 0);
        }
    }
}
