package dev.safesend.ingest.mapping;

import dev.safesend.ingest.domain.AccountSignal;
import dev.safesend.ingest.domain.DeliveryStatus;
import dev.safesend.ingest.domain.InboundMessage;
import dev.safesend.ingest.domain.MalformedWebhookException;
import dev.safesend.ingest.domain.SenderNumbers;
import dev.safesend.ingest.domain.WebhookBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookPayloadMapperTest {

    private static final String SENDER = "110000000000001";

    private final WebhookPayloadMapper mapper = new WebhookPayloadMapper(
            new SenderNumbers(Map.of(SENDER, "15550000001")));

    static byte[] fixture(String name) {
        try (InputStream in = WebhookPayloadMapperTest.class.getResourceAsStream("/webhooks/" + name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name, e);
        }
    }

    @Test
    void aSentStatusKeepsWamidCallbackDataRecipientTimeAndPricingAndIgnoresUnknownFields() {
        WebhookBatch batch = mapper.parse(fixture("status-sent.json"));
        assertThat(batch.statuses()).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(s.wamid()).isEqualTo("wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI1RjQy");
            assertThat(s.messageId()).isEqualTo("msg-sent-1");
            assertThat(s.recipientE164()).isEqualTo("+16505551234");
            assertThat(s.senderId()).isEqualTo("110000000000001");
            assertThat(s.at().getEpochSecond()).isEqualTo(1750263773L);
            assertThat(s.pricingCategory()).isEqualTo("utility");
            assertThat(s.dedupeKey()).isEqualTo("status:wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI1RjQy:SENT");
        });
    }

    @Test
    void aFailedStatusCarriesMetasErrorCodeTitleAndDetails() {
        var s = mapper.parse(fixture("status-failed.json")).statuses().get(0);
        assertThat(s.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(s.errorCode()).isEqualTo(131049);
        assertThat(s.errorTitle()).startsWith("This message was not delivered");
        assertThat(s.errorDetails()).startsWith("In order to maintain");
    }

    @Test
    void inboundTextButtonAndInteractiveRepliesKeepTheirContentContextAndProfileName() {
        InboundMessage text = mapper.parse(fixture("inbound-text.json")).inbound().get(0);
        assertThat(text.kind()).isEqualTo(InboundMessage.Kind.TEXT);
        assertThat(text.text()).isEqualTo("Does it come in another color?");
        assertThat(text.profileName()).isEqualTo("Sheena Nelson");

        InboundMessage button = mapper.parse(fixture("inbound-button.json")).inbound().get(0);
        assertThat(button.kind()).isEqualTo(InboundMessage.Kind.BUTTON);
        assertThat(button.buttonPayload()).isEqualTo("STOP_PROMO");
        assertThat(button.buttonText()).isEqualTo("Stop promotions");
        assertThat(button.contextWamid()).isEqualTo("wamid.TEMPLATE0001");

        InboundMessage interactive = mapper.parse(fixture("inbound-interactive.json")).inbound().get(0);
        assertThat(interactive.kind()).isEqualTo(InboundMessage.Kind.INTERACTIVE);
        assertThat(interactive.buttonPayload()).isEqualTo("reschedule");
        assertThat(interactive.buttonText()).isEqualTo("Reschedule");
        assertThat(interactive.contextWamid()).isEqualTo("wamid.MENU0001");
        assertThat(interactive.profileName()).isEqualTo("Ana Souza");
    }

    @Test
    void accountFieldsBecomeTypedSignalsWithTheirNestedAttributes() {
        AccountSignal paused = mapper.parse(fixture("template-status-paused.json")).accountSignals().get(0);
        assertThat(paused.kind()).isEqualTo(AccountSignal.Kind.TEMPLATE_STATUS);
        assertThat(paused.event()).isEqualTo("PAUSED");
        assertThat(paused.templateId()).isEqualTo("1000000000000004");
        assertThat(paused.templateName()).isEqualTo("promo_offer");
        assertThat(paused.attributes()).containsEntry("other_info.title", "FIRST_PAUSE");

        AccountSignal quality = mapper.parse(fixture("template-quality.json")).accountSignals().get(0);
        assertThat(quality.kind()).isEqualTo(AccountSignal.Kind.TEMPLATE_QUALITY);
        assertThat(quality.previousQuality()).isEqualTo("GREEN");
        assertThat(quality.newQuality()).isEqualTo("YELLOW");

        AccountSignal phone = mapper.parse(fixture("phone-quality.json")).accountSignals().get(0);
        assertThat(phone.kind()).isEqualTo(AccountSignal.Kind.PHONE_QUALITY);
        assertThat(phone.event()).isEqualTo("THROUGHPUT_UPGRADE");
        assertThat(phone.newQuality()).isEqualTo("TIER_10K");

        AccountSignal account = mapper.parse(fixture("account-update.json")).accountSignals().get(0);
        assertThat(account.kind()).isEqualTo(AccountSignal.Kind.ACCOUNT_UPDATE);
        assertThat(account.event()).isEqualTo("ACCOUNT_RESTRICTION");
        assertThat(account.attributes()).containsEntry("restriction_info[0].restriction_type", "RESTRICTED_BIZ_INITIATED_MESSAGING");

        AccountSignal preference = mapper.parse(fixture("user-preferences.json")).accountSignals().get(0);
        assertThat(preference.kind()).isEqualTo(AccountSignal.Kind.USER_PREFERENCES);
        assertThat(preference.waId()).isEqualTo("16505551234");
        assertThat(preference.preferenceValue()).isEqualTo("stop");
        assertThat(preference.senderId()).isEqualTo("110000000000001");
    }

    @Test
    void aLegacyFlaggedQualityUpdateNamesTheSenderByItsDisplayNumberWithItsLimit() {
        AccountSignal flagged = mapper.parse(fixture("phone-quality-flagged.json")).accountSignals().get(0);

        assertThat(flagged.kind()).isEqualTo(AccountSignal.Kind.PHONE_QUALITY);
        assertThat(flagged.event()).isEqualTo("FLAGGED");
        assertThat(flagged.senderId()).isEqualTo(SENDER);
        assertThat(flagged.wabaId()).isEqualTo("100000000000001");
        assertThat(flagged.newQuality()).isEqualTo("TIER_10K");
        assertThat(flagged.attributes()).containsEntry("display_phone_number", "15550000001")
                .containsEntry("current_limit", "TIER_10K").containsEntry("max_daily_conversations_per_business", "TIER_10K")
                .doesNotContainKey("old_limit");
        assertThat(new WebhookPayloadMapper().parse(fixture("phone-quality-flagged.json"))
                .accountSignals().get(0).senderId()).as("a mapper that knows no display number").isNull();
    }

    @Test
    void aDowngradeOfANumberNoSenderHasKeepsTheWabaAndCarriesTheDisplayNumberAndBothLimits() {
        AccountSignal downgrade = mapper.parse(fixture("phone-quality-downgrade.json")).accountSignals().get(0);

        assertThat(downgrade.event()).isEqualTo("DOWNGRADE");
        assertThat(downgrade.senderId()).isNull();
        assertThat(downgrade.wabaId()).isEqualTo("100000000000001");
        assertThat(downgrade.previousQuality()).isEqualTo("TIER_10K");
        assertThat(downgrade.newQuality()).isEqualTo("TIER_2K");
        assertThat(downgrade.attributes()).containsEntry("display_phone_number", "15559999999")
                .containsEntry("old_limit", "TIER_10K").containsEntry("current_limit", "TIER_2K")
                .containsEntry("max_daily_conversations_per_business", "TIER_2K");
    }

    @Test
    void aBusinessCapabilityUpdateCarriesThePortfolioLimitAsATierNameWhateverShapeMetaSends() {
        AccountSignal integer = mapper.parse(fixture("business-capability.json")).accountSignals().get(0);
        assertThat(integer.kind()).isEqualTo(AccountSignal.Kind.ACCOUNT_UPDATE);
        assertThat(integer.event()).isEqualTo("BUSINESS_CAPABILITY_UPDATE");
        assertThat(integer.senderId()).as("a portfolio-level change").isNull();
        assertThat(integer.newQuality()).isEqualTo("TIER_2K");
        assertThat(integer.attributes()).containsEntry("max_daily_conversations_per_business", "TIER_2K")
                .containsEntry("max_phone_numbers_per_waba", "25");

        AccountSignal named = mapper.parse(capability("{\"max_daily_conversations_per_business\":\"TIER_UNLIMITED\"}"))
                .accountSignals().get(0);
        assertThat(named.attributes()).containsEntry("max_daily_conversations_per_business", "TIER_UNLIMITED");
        AccountSignal legacy = mapper.parse(capability("{\"max_daily_conversation_per_phone\":-1}")).accountSignals().get(0);
        assertThat(legacy.newQuality()).isEqualTo("TIER_UNLIMITED");
        assertThat(legacy.attributes()).containsEntry("max_daily_conversations_per_business", "TIER_UNLIMITED");
    }

    @Test
    void anAccountAlertCarriesItsTypeSeverityAndStatusAndAPhoneNumbersAlertNamesTheSender() {
        AccountSignal business = mapper.parse(fixture("account-alerts.json")).accountSignals().get(0);
        assertThat(business.field()).isEqualTo("account_alerts");
        assertThat(business.event()).isEqualTo("INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED");
        assertThat(business.senderId()).isNull();
        assertThat(business.attributes()).containsEntry("alert_type", "INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED")
                .containsEntry("alert_severity", "WARNING").containsEntry("alert_status", "ACTIVE")
                .containsEntry("alert_description", "Limits cannot be increased yet.")
                .containsEntry("entity_type", "BUSINESS").containsEntry("entity_id", "500000000000001");

        AccountSignal phone = mapper.parse(fixture("account-alerts-phone.json")).accountSignals().get(0);
        assertThat(phone.senderId()).isEqualTo(SENDER);
        assertThat(phone.event()).isEqualTo("OBA_APPROVED");
        assertThat(phone.attributes()).containsEntry("alert_severity", "INFORMATIONAL");
    }

    @Test
    void anAccountRestrictionNamingItsPhoneNumberIsTheSendersWithTheRestrictionTypeAndExpiration() {
        AccountSignal restriction = mapper.parse(fixture("account-update.json")).accountSignals().get(0);

        assertThat(restriction.event()).isEqualTo("ACCOUNT_RESTRICTION");
        assertThat(restriction.senderId()).isEqualTo(SENDER);
        assertThat(restriction.attributes()).containsEntry("restriction_type", "RESTRICTED_BIZ_INITIATED_MESSAGING")
                .containsEntry("expiration", "1750350000").containsEntry("display_phone_number", "15550000001");
    }

    private static byte[] capability(String value) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"100000000000001\",\"changes\":[{"
                + "\"field\":\"business_capability_update\",\"value\":" + value + "}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCompletedCategoryChangeCarriesTheNewCategoryAndAnImpendingOneTheCategoryItWillGet() {
        AccountSignal done = mapper.parse(fixture("template-category-update.json")).accountSignals().get(0);
        assertThat(done.kind()).isEqualTo(AccountSignal.Kind.TEMPLATE_STATUS);
        assertThat(done.field()).isEqualTo("template_category_update");
        assertThat(done.event()).isEqualTo("CATEGORY_UPDATE");
        assertThat(done.templateName()).isEqualTo("order_update");
        assertThat(done.templateLanguage()).isEqualTo("en_US");
        assertThat(done.reason()).isEqualTo("MARKETING");
        assertThat(done.attributes()).containsEntry("previous_category", "UTILITY");

        String impending = new String(fixture("template-category-update.json"), StandardCharsets.UTF_8)
                .replace("\"previous_category\": \"UTILITY\", \"new_category\": \"MARKETING\"",
                        "\"correct_category\": \"MARKETING\", \"new_category\": \"UTILITY\", \"category_update_timestamp\": 1750864100");
        AccountSignal pending = mapper.parse(impending.getBytes(StandardCharsets.UTF_8)).accountSignals().get(0);
        assertThat(pending.event()).isEqualTo("CATEGORY_UPDATE_PENDING");
        assertThat(pending.reason()).isEqualTo("MARKETING");
        assertThat(pending.attributes()).containsEntry("new_category", "UTILITY").containsKey("category_update_timestamp");
    }

    @Test
    void anUnknownChangeFieldIsKeptAsAnOtherSignalAndReported() {
        WebhookBatch batch = mapper.parse(fixture("unknown-field.json"));
        assertThat(batch.unknownFields()).containsExactly("security");
        assertThat(batch.accountSignals()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AccountSignal.Kind.OTHER);
            assertThat(a.event()).isEqualTo("PIN_CHANGED");
        });
    }

    @Test
    void theSameAccountChangeDeliveredTwiceHasTheSameDedupeKeyAndADifferentOneDoesNot() {
        String a = mapper.parse(fixture("template-quality.json")).accountSignals().get(0).dedupeKey();
        String b = mapper.parse(fixture("template-quality.json")).accountSignals().get(0).dedupeKey();
        String c = mapper.parse(fixture("template-status-paused.json")).accountSignals().get(0).dedupeKey();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void onlyFreshUpdatesAreKeptAndARepeatedOneOnlyOnce() {
        String twice = new String(fixture("status-sent.json"), StandardCharsets.UTF_8)
                .replace("\"statuses\": [ {", "\"statuses\": [ {\"id\":\"wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI1RjQy\",\"status\":\"sent\"}, {");
        WebhookBatch batch = mapper.parse(twice.getBytes(StandardCharsets.UTF_8));
        assertThat(batch.statuses()).hasSize(2);
        assertThat(batch.dedupeKeys()).hasSize(1);
        assertThat(batch.onlyFresh(Set.copyOf(batch.dedupeKeys())).statuses()).hasSize(1);
        assertThat(batch.onlyFresh(Set.of()).size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[]", "{}", "{\"entry\":{}}", "{\"entry\":[1]}", "{\"entry\":[{\"changes\":{}}]}",
            "{\"entry\":[{\"changes\":[{\"value\":{}}]}]}", "{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":[]}]}]}",
            "{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"statuses\":[{\"status\":\"sent\"}]}}]}]}",
            "{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":[{\"from\":\"263771234567\"}]}}]}]}",
            "{\"entry\":[]} trailing", ""})
    void aBodyThatIsNotMetasEnvelopeIsMalformed(String body) {
        assertThatThrownBy(() -> mapper.parse(body.getBytes(StandardCharsets.UTF_8))).isInstanceOf(MalformedWebhookException.class);
    }

    @Test
    void aMalformedBodyIsNamedByWhereItWentWrongInJsonTerms() {
        String statusesNotAnArray = "{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"statuses\":{}}}]}]}";
        assertThatThrownBy(() -> mapper.parse(statusesNotAnArray.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedWebhookException.class)
                .hasMessage("entry[0].changes[0].value.statuses does not have Meta's shape: expected an array");
        String noId = "{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":[{\"from\":\"1\"}]}}]}]}";
        assertThatThrownBy(() -> mapper.parse(noId.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedWebhookException.class).hasMessage("entry[0].changes[0].value.messages[0] needs an id");
    }
}
