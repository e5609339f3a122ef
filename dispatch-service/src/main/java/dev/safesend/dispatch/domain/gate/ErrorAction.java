package dev.safesend.dispatch.domain.gate;

/** What dispatch does after the Cloud API refused a message (Meta's Cloud API documentation). */
public enum ErrorAction {
    /** 130429 throughput: slow the whole sender down, then retry the message. */
    BACK_OFF_SENDER_AND_RETRY,
    /** 131056 pair limit: retry this recipient later; other recipients are unaffected. */
    RETRY_RECIPIENT_LATER,
    /** 5xx, 131000, 131016, 131057, timeouts, no answer: retry with exponential backoff and jitter. */
    RETRY_WITH_BACKOFF,
    /** 131049 per-user marketing cap: defer at least 24 h. */
    DEFER_A_DAY,
    /** 131050: the user stopped marketing; fail and report the opt-out. */
    FAIL_AND_REPORT_OPT_OUT,
    /** 131048, 368, 131031: pause the sender and alert; the message fails. */
    PAUSE_SENDER,
    /** Everything Meta will refuse again (bad template, undeliverable, recipient = sender …): fail, no retry. */
    FAIL
}
