package dev.safesend.simulator.domain;

import java.util.Optional;

/**
 * The rules Meta applies to a well-formed, authorised send, in order:
 * <ol>
 *   <li>throughput of the business number (130429);</li>
 *   <li>a fixed error injected for the recipient (fault plan, synchronous mode), and sending to oneself (131021);</li>
 *   <li>template exists in that language and is APPROVED (132001);</li>
 *   <li>template parameters (132000, 132012, 131009);</li>
 *   <li>free-form message inside the 24 h customer-service window (131047, sync or async per mode);</li>
 *   <li>pair rate limit (131056).</li>
 * </ol>
 * Quota: the throughput bucket is the number's capacity to process calls, so every call that
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
    private final WindowErrorMode windowErrorMode;

    public SendGate(ThroughputLimiter throughput, TemplateRegistry templates, TemplateParameterRule parameters,
                    CustomerServiceWindow window, PairLimiter pairs, BusinessNumbers numbers,
                    WindowErrorMode windowErrorMode) {
        this.throughput = throughput;
        this.templates = templates;
        this.parameters = parameters;
        this.window = window;
        this.pairs = pairs;
        this.numbers = numbers;
        this.windowErrorMode = windowErrorMode;
    }

    public GateDecision evaluate(OutboundMessage message, FaultPlan faults) {
        if (!throughput.tryAcquire(message.phoneNumberId())) {
            return reject(MetaError.RATE_LIMIT, "Message failed to send because there were too many messages sent from "
                    + "this phone number in a short period of time.");
        }
        Optional<FaultPlan.RecipientFault> injected = faults.faultFor(message.recipient().waId());
        if (injected.isPresent() && injected.get().mode() == FaultPlan.RecipientFault.Mode.SYNC) {
            return new GateDecision.Rejected(injected.get().rejection());
        }
        if (message.recipient().waId().equals(numbers.displayNumber(message.phoneNumberId()))) {
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
            Optional<Rejection> parameterProblem = parameters.check(template, send);
            if (parameterProblem.isPresent()) {
                return new GateDecision.Rejected(parameterProblem.get());
            }
        }
        Rejection asyncFailure = null;
        if (!message.isTemplate() && !window.isOpen(message.pair())) {
            Rejection closed = new Rejection(MetaError.RE_ENGAGEMENT, "Message failed to send because more than 24 hours "
                    + "have passed since the customer last replied to this number.");
            if (windowErrorMode == WindowErrorMode.SYNC) {
                return new GateDecision.Rejected(closed);
            }
            asyncFailure = closed;
        }
        if (!pairs.tryAcquire(message.pair())) {
            return reject(MetaError.PAIR_RATE_LIMIT, "Message failed to send because there were too many messages sent "
                    + "from this phone number to the same phone number in a short period of time.");
        }
        if (injected.isPresent()) {
            asyncFailure = injected.get().rejection();
        }
        return new GateDecision.Accepted(template, asyncFailure);
    }

    private static GateDecision reject(MetaError error, String details) {
        return new GateDecision.Rejected(new Rejection(error, details));
    }
}
