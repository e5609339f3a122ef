package dev.safesend.consent.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportHeaderTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final ImportHeader HEADER = ImportHeader.parse(List.of("phone", "name", "Marketing", "tags", "attr.grade", "consentAt", "consentProof"));

    @Test
    void aHeaderWithoutThePhoneColumnIsUnusable() {
        assertThatThrownBy(() -> ImportHeader.parse(List.of("name", "marketing")))
                .isInstanceOf(MalformedHeaderException.class).hasMessageContaining("'phone' is missing");
    }

    @Test
    void unknownOrDuplicatedColumnsMakeTheHeaderUnusable() {
        assertThatThrownBy(() -> ImportHeader.parse(List.of("phone", "nmae")))
                .isInstanceOf(MalformedHeaderException.class).hasMessageContaining("unknown column 'nmae'");
        assertThatThrownBy(() -> ImportHeader.parse(List.of("phone", "Phone")))
                .isInstanceOf(MalformedHeaderException.class).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> ImportHeader.parse(List.of()))
                .isInstanceOf(MalformedHeaderException.class).hasMessageContaining("empty");
    }

    @Test
    void aRowBecomesAContactWithTagsAttributesConsentAndEvidence() {
        var result = HEADER.read(2, new String[]{"+263 77 123 4567", "Tariro", "yes", "parent; grade-7", "7", "2026-02-01T08:00:00Z", "form 9"},
                null, NOW, "job-1");
        ImportedContact c = ((ImportHeader.Parsed) result).contact();
        assertThat(c.phone()).isEqualTo("+263771234567");
        assertThat(c.region()).isEqualTo("ZW");
        assertThat(c.tags()).containsExactly("parent", "grade-7");
        assertThat(c.attributes()).containsEntry("grade", "7");
        assertThat(c.consent()).containsEntry(Category.MARKETING, ConsentState.OPTED_IN);
        assertThat(c.evidence()).isEqualTo(new Evidence(ConsentSource.IMPORT, Instant.parse("2026-02-01T08:00:00Z"), "form 9"));
        assertThat(c.explicitEvidence()).isTrue();
    }

    @Test
    void aRowWithoutProofGetsTheImportLineAsProofButNoExplicitEvidence() {
        ImportedContact c = ((ImportHeader.Parsed) HEADER.read(5, new String[]{"+263771234567", "", "in", "", "", "", ""}, null, NOW, "job-1")).contact();
        assertThat(c.evidence().proof()).isEqualTo("import job-1 line 5");
        assertThat(c.evidence().at()).isEqualTo(NOW);
        assertThat(c.explicitEvidence()).isFalse();
    }

    @Test
    void aMalformedRowIsRejectedWithItsLineACodeAndAMaskedPhone() {
        RowError bad = ((ImportHeader.Rejected) HEADER.read(3, new String[]{"+2637712", "x", "", "", "", "", ""}, null, NOW, "j")).error();
        assertThat(bad.line()).isEqualTo(3);
        assertThat(bad.code()).startsWith("invalid_phone");
        assertThat(bad.maskedPhone()).doesNotContain("2637712");
        assertThat(((ImportHeader.Rejected) HEADER.read(4, new String[]{"+263771234567", "x", "maybe", "", "", "", ""}, null, NOW, "j"))
                .error().code()).isEqualTo("invalid_consent");
        assertThat(((ImportHeader.Rejected) HEADER.read(6, new String[]{"+263771234567", "x"}, null, NOW, "j"))
                .error().code()).isEqualTo("column_count");
    }

    @Test
    void consentAtIsReadInEveryIso8601FormAndAnImpossibleTimeIsRejected() {
        assertThat(ImportHeader.instant("2026-02-01T08:00:00Z")).isEqualTo(Instant.parse("2026-02-01T08:00:00Z"));
        assertThat(ImportHeader.instant("2026-02-01T10:00:00+02:00")).isEqualTo(Instant.parse("2026-02-01T08:00:00Z"));
        assertThat(ImportHeader.instant("2026-02-01T08:00:00.250Z")).isEqualTo(Instant.parse("2026-02-01T08:00:00.250Z"));
        assertThat(ImportHeader.instant("2026-06-30T23:59:60Z")).isEqualTo(Instant.parse("2026-06-30T23:59:59Z"));
        assertThat(ImportHeader.instant("2026-02-30T08:00:00Z")).isNull();
        assertThat(ImportHeader.instant("2026-02-01T24:00:00Z")).isEqualTo(Instant.parse("2026-02-02T00:00:00Z"));
        assertThat(ImportHeader.instant("2026-02-01T24:00:01Z")).isNull();
        assertThat(ImportHeader.instant("2026-02-01 08:00:00Z")).isNull();
        assertThat(((ImportHeader.Rejected) HEADER.read(7, new String[]{"+263771234567", "x", "in", "", "", "2026-13-01T08:00:00Z", ""},
                null, NOW, "j")).error().code()).isEqualTo("invalid_time");
    }

    @Test
    void tagsAreSplitOnSemicolonsAndBarsStrippedAndRepeatedOnce() {
        ImportedContact c = ((ImportHeader.Parsed) HEADER.read(8, new String[]{"+263771234567", "", "", " a ;b|| a|c ;", "", "", ""},
                null, NOW, "j")).contact();
        assertThat(c.tags()).containsExactly("a", "b", "c");
    }

    @Test
    void duplicateRowsMergeLaterNonEmptyFieldsWinningAndTagsUnited() {
        ImportedContact first = ((ImportHeader.Parsed) HEADER.read(2, new String[]{"+263771234567", "Tari", "in", "a", "6", "", ""}, null, NOW, "j")).contact();
        ImportedContact second = ((ImportHeader.Parsed) HEADER.read(9, new String[]{"+263771234567", "Tariro", "", "b", "", "", ""}, null, NOW, "j")).contact();
        ImportedContact merged = first.mergedWith(second);
        assertThat(merged.name()).isEqualTo("Tariro");
        assertThat(merged.tags()).containsExactly("a", "b");
        assertThat(merged.attributes()).containsEntry("grade", "6");
        assertThat(merged.consent()).containsEntry(Category.MARKETING, ConsentState.OPTED_IN);
        assertThat(merged.line()).isEqualTo(9);
    }
}
