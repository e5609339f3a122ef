package dev.safesend.simulator.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.safesend.simulator.domain.TemplateFixtures.send;
import static dev.safesend.simulator.domain.TemplateFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

class SendGateTest {

    private static final String NUMBER = "106540352242922";
    private static final String SLOW_NUMBER = "555";

    private final MutableClock clock = MutableClock.startingAt("2025-07-01T10:00:00Z");
    private final BusinessNumbers numbers = new BusinessNumbers(Map.of(), Map.of(SLOW_NUMBER, 1), 80);
    private final CustomerServiceWindow window = new CustomerServiceWindow(clock, Duration.ofHours(24));
    private final PairLimiter pairs = new PairLimiter(clock, Duration.ofSeconds(6), 1);
    private static final Template OTP_CODE = new Template("7", "otp_code", "en_US", TemplateStatus.APPROVED,
            TemplateCategory.AUTHENTICATION, Template.ParameterFormat.POSITIONAL,
            List.of(TemplateFixtures.body("{{1}} is your verification code.")), "GREEN");

    private final UserDirectory users = new UserDirectory(clock, numbers, phone -> "ZW");

    private SendGate gate(WindowErrorMode mode) {
        List<Template> templates = new java.util.ArrayList<>(TemplateFixtures.ALL);
        templates.add(OTP_CODE);
        return new SendGate(new ThroughputLimiter(clock, numbers), new TemplateRegistry(templates),
                new TemplateParameterRule(), window, pairs, numbers, users, mode);
    }

    @Test
    void approvedTemplateWithRightParametersIsAccepted() {
        GateDecision decision = gate(WindowErrorMode.ASYNC).evaluate(orderUpdate(NUMBER, "+263771234567", 2), FaultPlan.NONE);

        assertThat(decision).isInstanceOfSatisfying(GateDecision.Accepted.class, accepted -> {
            assertThat(accepted.sentTemplate()).contains(TemplateFixtures.ORDER_UPDATE);
            assertThat(accepted.failure()).isEmpty();
        });
    }

    @Test
    void throttledNumberGets130429BeforeTheTemplateIsLookedAt() {
        SendGate gate = gate(WindowErrorMode.ASYNC);
        gate.evaluate(orderUpdate(SLOW_NUMBER, "+263771234567", 2), FaultPlan.NONE);

        GateDecision decision = gate.evaluate(template(SLOW_NUMBER, "+263771234568", "no_such_template"), FaultPlan.NONE);

        assertThat(code(decision)).isEqualTo(130429);
    }

    @Test
    void callRefusedByALaterRuleStillUsesTheNumbersThroughput() {
        SendGate gate = gate(WindowErrorMode.ASYNC);
        assertThat(code(gate.evaluate(template(SLOW_NUMBER, "+263771234567", "no_such_template"), FaultPlan.NONE)))
                .isEqualTo(132001);

        assertThat(code(gate.evaluate(orderUpdate(SLOW_NUMBER, "+263771234568", 2), FaultPlan.NONE))).isEqualTo(130429);
    }

    @Test
    void unknownTemplateAndPausedTemplateAndWrongLanguageAre132001() {
        SendGate gate = gate(WindowErrorMode.ASYNC);

        assertThat(code(gate.evaluate(template(NUMBER, "+263770000001", "no_such_template"), FaultPlan.NONE))).isEqualTo(132001);
        assertThat(code(gate.evaluate(template(NUMBER, "+263770000002", "old_promo"), FaultPlan.NONE))).isEqualTo(132001);
        OutboundMessage portuguese = new OutboundMessage(NUMBER, recipient("+263770000003"), "template", null,
                new TemplateSend("hello_world", "pt_BR", List.of(), List.of(), List.of()), null);
        assertThat(code(gate.evaluate(portuguese, FaultPlan.NONE))).isEqualTo(132001);
    }

    @Test
    void templateIsCheckedBeforeItsParameters() {
        OutboundMessage pausedWithWrongCount = new OutboundMessage(NUMBER, recipient("+263771234567"), "template", null,
                send("old_promo", List.of()), null);

        assertThat(code(gate(WindowErrorMode.ASYNC).evaluate(pausedWithWrongCount, FaultPlan.NONE))).isEqualTo(132001);
    }

    @Test
    void wrongParameterCountIs132000() {
        assertThat(code(gate(WindowErrorMode.ASYNC).evaluate(orderUpdate(NUMBER, "+263771234567", 1), FaultPlan.NONE)))
                .isEqualTo(132000);
    }

    @Test
    void freeFormTextOutsideTheWindowIsAcceptedThenFailsWith131047InAsyncMode() {
        GateDecision decision = gate(WindowErrorMode.ASYNC).evaluate(freeText(NUMBER, "+263771234567"), FaultPlan.NONE);

        assertThat(decision).isInstanceOfSatisfying(GateDecision.Accepted.class,
                accepted -> assertThat(accepted.failure()).hasValueSatisfying(
                        failure -> assertThat(failure.error().code()).isEqualTo(131047)));
    }

    @Test
    void freeFormTextOutsideTheWindowIsRefusedWith131047InSyncMode() {
        assertThat(code(gate(WindowErrorMode.SYNC).evaluate(freeText(NUMBER, "+263771234567"), FaultPlan.NONE)))
                .isEqualTo(131047);
    }

    @Test
    void freeFormTextInsideTheWindowIsAccepted() {
        window.open(new PairKey(NUMBER, "263771234567"));

        GateDecision decision = gate(WindowErrorMode.SYNC).evaluate(freeText(NUMBER, "+263771234567"), FaultPlan.NONE);

        assertThat(decision).isInstanceOfSatisfying(GateDecision.Accepted.class,
                accepted -> assertThat(accepted.failure()).isEmpty());
    }

    @Test
    void secondMessageToSameRecipientWithinSixSecondsIs131056() {
        SendGate gate = gate(WindowErrorMode.ASYNC);
        gate.evaluate(orderUpdate(NUMBER, "+263771234567", 2), FaultPlan.NONE);

        assertThat(code(gate.evaluate(orderUpdate(NUMBER, "+263771234567", 2), FaultPlan.NONE))).isEqualTo(131056);
    }

    @Test
    void refusedMessageDoesNotUseThePairQuota() {
        SendGate gate = gate(WindowErrorMode.ASYNC);
        assertThat(code(gate.evaluate(orderUpdate(NUMBER, "+263771234567", 1), FaultPlan.NONE))).isEqualTo(132000);

        assertThat(gate.evaluate(orderUpdate(NUMBER, "+263771234567", 2), FaultPlan.NONE))
                .isInstanceOf(GateDecision.Accepted.class);
    }

    @Test
    void injectedSynchronousRecipientErrorIsAnsweredAfterTheThroughputCheck() {
        FaultPlan faults = new FaultPlan(0, 0, Duration.ofSeconds(1), Duration.ZERO,
                Map.of("+263771234567", new FaultPlan.RecipientFault(131026, FaultPlan.RecipientFault.Mode.SYNC)));

        assertThat(code(gate(WindowErrorMode.ASYNC).evaluate(orderUpdate(NUMBER, "+263771234567", 2), faults)))
                .isEqualTo(131026);
    }

    @Test
    void injectedAsynchronousRecipientErrorIsAcceptedAndFailsLater() {
        FaultPlan faults = new FaultPlan(0, 0, Duration.ofSeconds(1), Duration.ZERO,
                Map.of("263771234567", new FaultPlan.RecipientFault(131050, FaultPlan.RecipientFault.Mode.ASYNC)));

        GateDecision decision = gate(WindowErrorMode.ASYNC).evaluate(orderUpdate(NUMBER, "+263771234567", 2), faults);

        assertThat(decision).isInstanceOfSatisfying(GateDecision.Accepted.class,
                accepted -> assertThat(accepted.failure()).hasValueSatisfying(
                        failure -> assertThat(failure.error().code()).isEqualTo(131050)));
    }

    @Test
    void sendingToTheBusinessNumberItselfIs131021() {
        String own = "+" + numbers.displayNumber(NUMBER);

        assertThat(code(gate(WindowErrorMode.ASYNC).evaluate(orderUpdate(NUMBER, own, 2), FaultPlan.NONE))).isEqualTo(131021);
    }

    @Test
    void authenticationTemplateToABsuidIs131062() {
        OutboundMessage otp = new OutboundMessage(NUMBER, bsuidOf("+263771234567"), "template", null,
                send("otp_code", List.of(text("123456"))), null);

        assertThat(code(gate(WindowErrorMode.ASYNC).evaluate(otp, FaultPlan.NONE))).isEqualTo(131062);
    }

    @Test
    void authenticationTemplateToAPhoneIsAccepted() {
        OutboundMessage otp = new OutboundMessage(NUMBER, recipient("+263771234567"), "template", null,
                send("otp_code", List.of(text("123456"))), null);

        assertThat(gate(WindowErrorMode.ASYNC).evaluate(otp, FaultPlan.NONE)).isInstanceOf(GateDecision.Accepted.class);
    }

    @Test
    void bsuidOfNobodyIsAcceptedThenFailsWith131026() {
        Recipient nobody = Recipient.parseUserId("ZW.00000000000000000001").orElseThrow();

        GateDecision decision = gate(WindowErrorMode.SYNC).evaluate(
                new OutboundMessage(NUMBER, nobody, "text", "hello", null, null), FaultPlan.NONE);

        assertThat(decision).isInstanceOfSatisfying(GateDecision.Accepted.class, accepted -> {
            assertThat(accepted.failure()).hasValueSatisfying(failure -> assertThat(failure.error().code()).isEqualTo(131026));
            assertThat(accepted.addressee().known()).isFalse();
        });
    }

    @Test
    void pairLimitIsPerPersonWhetherAddressedByPhoneOrByBsuid() {
        SendGate gate = gate(WindowErrorMode.ASYNC);
        gate.evaluate(orderUpdate(NUMBER, "+263771234567", 2), FaultPlan.NONE);

        OutboundMessage byBsuid = new OutboundMessage(NUMBER, bsuidOf("+263771234567"), "template", null,
                send("order_update", List.of(text("Jess"), text("X1"))), "cb");

        assertThat(code(gate.evaluate(byBsuid, FaultPlan.NONE))).isEqualTo(131056);
    }

    @Test
    void windowOpenedByTheUserAllowsFreeTextByBsuid() {
        window.open(new PairKey(NUMBER, "263771234567"));

        GateDecision decision = gate(WindowErrorMode.SYNC).evaluate(
                new OutboundMessage(NUMBER, bsuidOf("+263771234567"), "text", "hello", null, null), FaultPlan.NONE);

        assertThat(decision).isInstanceOfSatisfying(GateDecision.Accepted.class,
                accepted -> assertThat(accepted.failure()).isEmpty());
    }

    @Test
    void marketingTemplateToAUserWhoStoppedMarketingFailsWith131050ByPhoneAndByBsuid() {
        users.setMarketingStopped("263771234567", BusinessNumbers.DEFAULT_WABA_ID, true);
        OutboundMessage byPhone = new OutboundMessage(NUMBER, recipient("+263771234567"), "template", null,
                send("promo_offer", List.of(text("SPRING"))), null);
        OutboundMessage byBsuid = new OutboundMessage(SLOW_NUMBER, bsuidOf("+263771234567"), "template", null,
                send("promo_offer", List.of(text("SPRING"))), null);
        SendGate gate = gate(WindowErrorMode.ASYNC);

        assertThat(asyncCode(gate.evaluate(byPhone, FaultPlan.NONE))).isEqualTo(131050);
        assertThat(asyncCode(gate.evaluate(byBsuid, FaultPlan.NONE))).isEqualTo(131050);
    }

    @Test
    void utilityTemplateStillReachesAUserWhoStoppedMarketing() {
        users.setMarketingStopped("263771234567", BusinessNumbers.DEFAULT_WABA_ID, true);

        GateDecision decision = gate(WindowErrorMode.ASYNC).evaluate(orderUpdate(NUMBER, "+263771234567", 2),
                FaultPlan.NONE);

        assertThat(decision).isInstanceOfSatisfying(GateDecision.Accepted.class,
                accepted -> assertThat(accepted.failure()).isEmpty());
    }

    @Test
    void injectedErrorForAPhoneAlsoHitsSendsToItsBsuid() {
        FaultPlan faults = new FaultPlan(0, 0, Duration.ofSeconds(1), Duration.ZERO,
                Map.of("+263771234567", new FaultPlan.RecipientFault(131026, FaultPlan.RecipientFault.Mode.SYNC)));
        OutboundMessage byBsuid = new OutboundMessage(NUMBER, bsuidOf("+263771234567"), "template", null,
                send("order_update", List.of(text("Jess"), text("X1"))), "cb");

        assertThat(code(gate(WindowErrorMode.ASYNC).evaluate(byBsuid, faults))).isEqualTo(131026);
    }

    private Recipient bsuidOf(String phone) {
        String bsuid = users.user(recipient(phone).waId()).userId(BusinessNumbers.DEFAULT_WABA_ID);
        return Recipient.parseUserId(bsuid).orElseThrow();
    }

    private static int asyncCode(GateDecision decision) {
        assertThat(decision).isInstanceOf(GateDecision.Accepted.class);
        return ((GateDecision.Accepted) decision).failure().orElseThrow().error().code();
    }

    private static int code(GateDecision decision) {
        assertThat(decision).isInstanceOf(GateDecision.Rejected.class);
        return ((GateDecision.Rejected) decision).rejection().error().code();
    }

    private static Recipient recipient(String to) {
        return Recipient.parse(to).orElseThrow();
    }

    private static OutboundMessage orderUpdate(String number, String to, int parameters) {
        List<TemplateSend.SentParameter> body = parameters == 2 ? List.of(text("Jess"), text("X1")) : List.of(text("Jess"));
        return new OutboundMessage(number, recipient(to), "template", null, send("order_update", body), "cb");
    }

    private static OutboundMessage template(String number, String to, String name) {
        return new OutboundMessage(number, recipient(to), "template", null, send(name, List.of(text("x"))), null);
    }

    private static OutboundMessage freeText(String number, String to) {
        return new OutboundMessage(number, recipient(to), "text", "hello", null, null);
    }
}
