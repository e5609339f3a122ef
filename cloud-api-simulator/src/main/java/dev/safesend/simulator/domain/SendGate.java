package dev.safesend.simulator.domain;

import java.util.Optional;

/**
 * The rules Meta applies to a well-formed, authorised send, in order:
 * <ol>
 *   <li>throughput of the business number (130429);</li>
 *   <li>a fixed error injected for the recipient's phone (fault plan, synchronous mode), and sending to oneself (131021);</li>
 *   <li>template exists in that language and is APPROVED (132001); an authentication template to a BSUID (131062);</li>
 *   <li>template parameters (132000, 132012, 131009);</li>
 *   <li>free-form message inside the 24 h customer-service window (131047, sync or async per mode); a marketing
 *       template to a user who stopped marketing messages (131050, async); a BSUID of nobody in the number's WABA
 *       (131026, async, instead of both);</li>
 *   <li>pair rate limit (131056).</li>
 * </ol>
 * Window and pair limit are per person: a message addressed by phone and one addressed by BSUID to
 * the same user count together.
 *
 * <p>Quota: the throughput bucket is the number's capacity to process calls, so every call that
 * reaches it takes a token, including calls a later rule refuses; a call refused with 130429 takes
 * nothing (there was no token). The pair quota is taken only by a message that is accepted, since
 * it is checked last: a message refused for any other reason never reaches a user.
 */
public final class SendGate {

    private final ThroughputLimiter throughput;
    private final TemplateRegistry templates;
    private final TemplateParameterRule parameters;
    private final CustomerServiceWindow window;
    private final PairLimiter pairs;
    private final BusinessNumbers numbers;
    private final UserDirectory users;
    private final WindowErrorMode windowErrorMode;

    public SendGate(ThroughputLimiter throughput, TemplateRegistry templates, TemplateParameterRule parameters,
                    CustomerServiceWindow window, PairLimiter pairs, BusinessNumbers numbers, UserDirectory users,
                    WindowErrorMode windowErrorMode) {
        this.throughput = throughput;
        this.templates = templates;
        this.parameters = parameters;
        this.window = window;
        this.pairs = pairs;
        this.numbers = numbers;
        this.users = users;
        this.windowErrorMode = windowErrorMode;
    }

    public GateDecision evaluate(OutboundMessage message, FaultPlan faults) {
        if (!throughput.tryAcquire(message.phoneNumberId())) {
            return reject(MetaError.RATE_LIMIT, "Message failed to send because there were too many messages sent from "
                    + "this phone number in a short period of time.");
        }
        Addressee to = users.address(message.recipient(), message.phoneNumberId());
        Optional<FaultPlan.RecipientFault> injected = to.known() ? faults.faultFor(to.phone()) : Optional.empty();
        if (injected.isPresent() && injected.get().mode() == FaultPlan.RecipientFault.Mode.SYNC) {
            return new GateDecision.Rejected(injected.get().rejection());
        }
        if (to.known() && to.phone().equals(numbers.displayNumber(message.phoneNumberId()))) {
            return reject(MetaError.RECIPIENT_IS_SENDER, "Sender and recipient phone number is the same.");
        }
        Template template = null;
        if (message.isTemplate()) {
            TemplateSend send = message.template();
            Optional<Template> found = templates.find(send.name(), send.languageCode()).filter(Template::isSendable);
            if (found.isEmpty()) {
                return reject(MetaError.TEMPLATE_MISSING,
                        "template name (" + send.name() + ") does not exist in " + send.languageCode());
            }
            template = found.get();
            if (template.category() == TemplateCategory.AUTHENTICATION && message.recipient().isUserId()) {
                return reject(MetaError.BSUID_NOT_SUPPORTED, "Authentication templates can only be sent to a phone "
                        + "number ('to'), not to a business-scoped user ID ('recipient').");
            }
            Optional<Rejection> parameterProblem = parameters.check(template, send);
            if (parameterProblem.isPresent()) {
                return new GateDecision.Rejected(parameterProblem.get());
            }
        }
        PairKey pair = new PairKey(message.phoneNumberId(), to.personKey());
        Rejection asyncFailure = null;
        if (!to.known()) {
            asyncFailure = new Rejection(MetaError.UNDELIVERABLE, "No WhatsApp user has this business-scoped user ID "
                    + "in this business portfolio.");
        } else if (!message.isTemplate() && !window.isOpen(pair)) {
            Rejection closed = new Rejection(MetaError.RE_ENGAGEMENT, "Message failed to send because more than 24 hours "
                    + "have passed since the customer last replied to this number.");
            if (windowErrorMode == WindowErrorMode.SYNC) {
                return new GateDecision.Rejected(closed);
            }
            asyncFailure = closed;
        } else if (template != null && template.category() == TemplateCategory.MARKETING
                && to.user().stoppedMarketing(numbers.wabaId(message.phoneNumberId()))) {
            asyncFailure = new Rejection(MetaError.USER_STOPPED_MARKETING,
                    "The user stopped marketing messages from this business.");
        }
        if (!pairs.tryAcquire(pair)) {
            return reject(MetaError.PAIR_RATE_LIMIT, "Message failed to send because there were too many messages sent "
                    + "from this phone number to the same phone number in a short period of time.");
        }
        if (injected.isPresent()) {
            asyncFailure = injected.get().rejection();
        }
        return new GateDecision.Accepted(template, asyncFailure, to);
    }

    private static GateDecision reject(MetaError error, String details) {
        return new GateDecision.Rejected(new Rejection(error, details));
    }
}
