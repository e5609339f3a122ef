package dev.safesend.dispatch.domain.gate;

import java.util.Map;

/**
 * The table from Meta's error code (and, when there is none, the HTTP status) to dispatch's action.
 * Keyed on {@code code}, as Meta advises, never on titles or subcodes.
 */
public final class ErrorPolicy {

    private static final Map<Integer, ErrorAction> BY_CODE = Map.ofEntries(
            Map.entry(130429, ErrorAction.BACK_OFF_SENDER_AND_RETRY),
            Map.entry(4, ErrorAction.BACK_OFF_SENDER_AND_RETRY),
            Map.entry(80007, ErrorAction.BACK_OFF_SENDER_AND_RETRY),
            Map.entry(131056, ErrorAction.RETRY_RECIPIENT_LATER),
            Map.entry(131000, ErrorAction.RETRY_WITH_BACKOFF),
            Map.entry(131016, ErrorAction.RETRY_WITH_BACKOFF),
            Map.entry(131057, ErrorAction.RETRY_WITH_BACKOFF),
            Map.entry(131049, ErrorAction.DEFER_A_DAY),
            Map.entry(131050, ErrorAction.FAIL_AND_REPORT_OPT_OUT),
            Map.entry(131048, ErrorAction.PAUSE_SENDER),
            Map.entry(368, ErrorAction.PAUSE_SENDER),
            Map.entry(131031, ErrorAction.PAUSE_SENDER),
            Map.entry(131064, ErrorAction.PAUSE_SENDER),
            Map.entry(131026, ErrorAction.FAIL),
            Map.entry(131062, ErrorAction.FAIL), // a BSUID cannot receive this message (authentication templates): permanent
            Map.entry(131021, ErrorAction.FAIL),
            Map.entry(131047, ErrorAction.FAIL),
            Map.entry(132000, ErrorAction.FAIL),
            Map.entry(132001, ErrorAction.FAIL),
            Map.entry(132005, ErrorAction.FAIL),
            Map.entry(132007, ErrorAction.FAIL),
            Map.entry(132012, ErrorAction.FAIL),
            Map.entry(132015, ErrorAction.FAIL),
            Map.entry(132016, ErrorAction.FAIL));

    private ErrorPolicy() {
    }

    /**
     * @param code       Meta's error code, or null when the call got no Meta error object
     * @param httpStatus the HTTP status, or 0 when there was no answer at all (timeout, refused connection)
     */
    public static ErrorAction actionFor(Integer code, int httpStatus) {
        if (code != null && BY_CODE.containsKey(code)) {
            return BY_CODE.get(code);
        }
        if (code == null && (httpStatus == 0 || httpStatus >= 500 || httpStatus == 429)) {
            return ErrorAction.RETRY_WITH_BACKOFF;
        }
        if (code != null && httpStatus >= 500) {
            return ErrorAction.RETRY_WITH_BACKOFF;
        }
        return ErrorAction.FAIL;
    }
}
