package dev.safesend.dispatch.domain;

/** What the Cloud API answered to one send. */
public sealed interface SendOutcome {

    /** 200: Meta accepted the message; delivery comes later by webhook. */
    record Accepted(String wamid) implements SendOutcome {
    }

    /**
     * The request may have reached Meta but no answer came back (a read timeout, a connection closed after the
     * request was written). Sending again could deliver it twice, so it is not retried: the ledger row stays
     * INFLIGHT and is settled by the status webhook carrying its messageId, or becomes UNKNOWN.
     */
    record Uncertain(String why) implements SendOutcome {
    }

    /** Meta refused it with an error code (Meta's Cloud API documentation), or the call failed without an answer. */
    record Refused(Integer errorCode, String title, String details, int httpStatus) implements SendOutcome {

        /** No answer and the request surely never left (connection refused, no connection): {@code errorCode} is null; safe to retry. */
        public static Refused noAnswer(String why) {
            return new Refused(null, "no answer from the Cloud API", why, 0);
        }
    }
}
