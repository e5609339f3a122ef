package dev.safesend.simulator.domain;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Cloud API error code with its title (what Meta puts after "(#code) ") and the HTTP status the
 * simulator answers it with (Meta's Cloud API documentation: clients must key on the code).
 */
public record MetaError(int code, String title, int httpStatus) {

    public static final MetaError INVALID_PARAMETER = new MetaError(100, "Invalid parameter", 400);
    public static final MetaError ACCESS_TOKEN = new MetaError(190, "Invalid OAuth access token - Cannot parse access token", 401);
    public static final MetaError POLICY_BLOCK = new MetaError(368, "Temporarily blocked for policies violations", 403);
    public static final MetaError RATE_LIMIT = new MetaError(130429, "Rate limit hit", 400);
    public static final MetaError EXPERIMENT = new MetaError(130472, "User's number is part of an experiment", 400);
    public static final MetaError COUNTRY_RESTRICTED = new MetaError(130497, "Business account is restricted from messaging users in this country", 403);
    public static final MetaError SOMETHING_WENT_WRONG = new MetaError(131000, "Something went wrong", 500);
    public static final MetaError ACCESS_DENIED = new MetaError(131005, "Access denied", 403);
    public static final MetaError PARAMETER_MISSING = new MetaError(131008, "Required parameter is missing", 400);
    public static final MetaError PARAMETER_INVALID = new MetaError(131009, "Parameter value is not valid", 400);
    public static final MetaError SERVICE_UNAVAILABLE = new MetaError(131016, "Service unavailable", 503);
    public static final MetaError RECIPIENT_IS_SENDER = new MetaError(131021, "Recipient cannot be sender", 400);
    public static final MetaError UNDELIVERABLE = new MetaError(131026, "Message undeliverable", 400);
    public static final MetaError ACCOUNT_LOCKED = new MetaError(131031, "Account has been locked", 403);
    public static final MetaError PAYMENT_ISSUE = new MetaError(131042, "Business eligibility payment issue", 400);
    public static final MetaError RE_ENGAGEMENT = new MetaError(131047, "Re-engagement message", 400);
    public static final MetaError SPAM_RATE_LIMIT = new MetaError(131048, "Spam rate limit hit", 400);
    public static final MetaError ECOSYSTEM_ENGAGEMENT = new MetaError(131049, "This message was not delivered to maintain healthy ecosystem engagement.", 400);
    public static final MetaError USER_STOPPED_MARKETING = new MetaError(131050, "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.", 400);
    public static final MetaError UNSUPPORTED_TYPE = new MetaError(131051, "Unsupported message type", 400);
    public static final MetaError PAIR_RATE_LIMIT = new MetaError(131056, "(Business Account, Consumer Account) pair rate limit hit", 400);
    public static final MetaError MAINTENANCE = new MetaError(131057, "Account in maintenance mode", 400);
    public static final MetaError BSUID_NOT_SUPPORTED = new MetaError(131062, "BSUID recipients are not supported for this message", 400);
    public static final MetaError PARAMETER_COUNT = new MetaError(132000, "Number of parameters does not match the expected number of params", 400);
    public static final MetaError TEMPLATE_MISSING = new MetaError(132001, "Template name does not exist in the translation", 400);
    public static final MetaError TEXT_TOO_LONG = new MetaError(132005, "Translated text too long", 400);
    public static final MetaError FORMAT_POLICY = new MetaError(132007, "Template Format Character Policy Violated", 400);
    public static final MetaError PARAMETER_FORMAT = new MetaError(132012, "Parameter format does not match format in the created template", 400);
    public static final MetaError TEMPLATE_PAUSED = new MetaError(132015, "Template is Paused", 400);
    public static final MetaError TEMPLATE_DISABLED = new MetaError(132016, "Template is Disabled", 400);

    private static final Map<Integer, MetaError> KNOWN = List.of(INVALID_PARAMETER, ACCESS_TOKEN, POLICY_BLOCK, RATE_LIMIT,
                    EXPERIMENT, COUNTRY_RESTRICTED, SOMETHING_WENT_WRONG, ACCESS_DENIED, PARAMETER_MISSING, PARAMETER_INVALID,
                    SERVICE_UNAVAILABLE, RECIPIENT_IS_SENDER, UNDELIVERABLE, ACCOUNT_LOCKED, PAYMENT_ISSUE, RE_ENGAGEMENT,
                    SPAM_RATE_LIMIT, ECOSYSTEM_ENGAGEMENT, USER_STOPPED_MARKETING, UNSUPPORTED_TYPE, PAIR_RATE_LIMIT,
                    MAINTENANCE, BSUID_NOT_SUPPORTED, PARAMETER_COUNT, TEMPLATE_MISSING, TEXT_TOO_LONG, FORMAT_POLICY, PARAMETER_FORMAT,
                    TEMPLATE_PAUSED, TEMPLATE_DISABLED)
            .stream().collect(Collectors.toUnmodifiableMap(MetaError::code, Function.identity()));

    /** The known error for {@code code}, or a generic one (HTTP 400) for codes the catalogue lacks. */
    public static MetaError of(int code) {
        MetaError known = KNOWN.get(code);
        return known != null ? known : new MetaError(code, "Simulated error", 400);
    }

    /** "(#131047) Re-engagement message" */
    public String message() {
        return "(#" + code + ") " + title;
    }
}
