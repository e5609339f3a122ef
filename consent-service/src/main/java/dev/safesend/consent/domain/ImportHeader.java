package dev.safesend.consent.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The columns of a contact import, and how one row becomes an {@link ImportedContact}.
 * <p>
 * Columns (case-insensitive, any order): {@code phone} (required), {@code waId}, {@code name}, {@code language},
 * {@code tags} (separated by {@code ;} or {@code |}), {@code marketing}, {@code utility}, {@code authentication}
 * ({@code opt_in}/{@code in}/{@code yes}/{@code true}, {@code opt_out}/{@code out}/{@code no}/{@code false}, empty:
 * unchanged), {@code consentSource} (WEB_FORM, IMPORT, API, ADMIN, KEYWORD; default IMPORT), {@code consentAt}
 * (ISO-8601; default the import's time), {@code consentProof} (default "import &lt;job&gt; line &lt;n&gt;") and
 * {@code attr.<name>} for free attributes. Any other column makes the header unusable.
 */
public final class ImportHeader {

    private static final Set<String> KNOWN = Set.of("phone", "waid", "name", "language", "tags", "marketing", "utility",
            "authentication", "consentsource", "consentat", "consentproof");

    private final Map<String, Integer> index;
    private final Map<Integer, String> attributeColumns;
    private final int width;

    private ImportHeader(Map<String, Integer> index, Map<Integer, String> attributeColumns, int width) {
        this.index = index;
        this.attributeColumns = attributeColumns;
        this.width = width;
    }

    /** @throws MalformedHeaderException listing every problem */
    public static ImportHeader parse(List<String> columns) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        Map<Integer, String> attributes = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        if (columns == null || columns.isEmpty() || columns.stream().allMatch(c -> c == null || c.isBlank())) {
            throw new MalformedHeaderException(List.of("the file is empty or has no header line"));
        }
        for (int i = 0; i < columns.size(); i++) {
            String raw = columns.get(i) == null ? "" : columns.get(i).strip();
            if (i == 0 && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1);
            }
            String name = raw.toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                problems.add("column " + (i + 1) + " has no name");
                continue;
            }
            if (!seen.add(name)) {
                problems.add("column '" + raw + "' appears twice");
                continue;
            }
            if (name.startsWith("attr.") && name.length() > 5) {
                attributes.put(i, raw.substring(5));
            } else if (KNOWN.contains(name)) {
                index.put(name, i);
            } else {
                problems.add("unknown column '" + raw + "' (known: phone, waId, name, language, tags, marketing, utility, "
                        + "authentication, consentSource, consentAt, consentProof, attr.<name>)");
            }
        }
        if (!index.containsKey("phone") && problems.stream().noneMatch(p -> p.contains("'phone'"))) {
            problems.add("the required column 'phone' is missing");
        }
        if (!problems.isEmpty()) {
            throw new MalformedHeaderException(problems);
        }
        return new ImportHeader(index, attributes, columns.size());
    }

    /** The outcome of one row: either a contact or an error. */
    public sealed interface RowResult permits Parsed, Rejected {
    }

    public record Parsed(ImportedContact contact) implements RowResult {
    }

    public record Rejected(RowError error) implements RowResult {
    }

    /**
     * @param line          1-based line number (the header is line 1)
     * @param values        the row's cells
     * @param defaultRegion region for numbers without a country code, or null
     * @param now           the import's time (default evidence time)
     * @param jobId         named in the default proof
     */
    public RowResult read(long line, String[] values, String defaultRegion, Instant now, String jobId) {
        String rawPhone = cell(values, "phone");
        if (values.length != width) {
            return reject(line, rawPhone, "column_count", "expected " + width + " columns but the row has " + values.length);
        }
        PhoneNumbers.PhoneNumber phone;
        try {
            phone = PhoneNumbers.normalise(rawPhone, defaultRegion);
        } catch (InvalidPhoneNumberException e) {
            return reject(line, rawPhone, "invalid_phone:" + e.code(), e.getMessage());
        }
        Map<Category, ConsentState> consent = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            String v = cell(values, c.name().toLowerCase(Locale.ROOT));
            if (v == null) {
                continue;
            }
            ConsentState state = stateOf(v);
            if (state == null) {
                return reject(line, phone.e164(), "invalid_consent", c.name().toLowerCase(Locale.ROOT) + " '" + v
                        + "' is neither opt_in nor opt_out");
            }
            consent.put(c, state);
        }
        ConsentSource source = ConsentSource.IMPORT;
        String sourceCell = cell(values, "consentsource");
        if (sourceCell != null) {
            try {
                source = ConsentSource.valueOf(sourceCell.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return reject(line, phone.e164(), "invalid_source", "consentSource '" + sourceCell + "' is not one of "
                        + Arrays.toString(ConsentSource.values()));
            }
        }
        Instant at = now;
        String atCell = cell(values, "consentat");
        if (atCell != null) {
            try {
                at = OffsetDateTime.parse(atCell).toInstant();
            } catch (DateTimeException e) {
                try {
                    at = Instant.parse(atCell);
                } catch (DateTimeException again) {
                    return reject(line, phone.e164(), "invalid_time", "consentAt '" + atCell + "' is not an ISO-8601 time");
                }
            }
            if (at.isAfter(now.plusSeconds(300))) {
                return reject(line, phone.e164(), "invalid_time", "consentAt lies in the future");
            }
        }
        String proofCell = cell(values, "consentproof");
        Evidence evidence = new Evidence(source, at, proofCell != null ? proofCell : "import " + jobId + " line " + line);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributeColumns.forEach((i, name) -> {
            String v = i < values.length ? emptyToNull(values[i]) : null;
            if (v != null) {
                attributes.put(name, v);
            }
        });
        String tagCell = cell(values, "tags");
        List<String> tags = tagCell == null ? List.of()
                : Arrays.stream(tagCell.split("[;|]")).map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
        String waId = cell(values, "waid");
        if (waId != null && !waId.matches("\\+?[0-9]{6,20}")) {
            return reject(line, phone.e164(), "invalid_wa_id", "waId must be digits");
        }
        return new Parsed(new ImportedContact(phone.e164(), phone.region(), waId == null ? null : waId.replace("+", ""),
                cell(values, "name"), cell(values, "language"), tags, attributes, consent, evidence, atCell != null, proofCell != null, line));
    }

    private static ConsentState stateOf(String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "opt_in", "opted_in", "in", "yes", "y", "true", "1" -> ConsentState.OPTED_IN;
            case "opt_out", "opted_out", "out", "no", "n", "false", "0" -> ConsentState.OPTED_OUT;
            default -> null;
        };
    }

    private String cell(String[] values, String column) {
        Integer i = index.get(column);
        return i == null || i >= values.length ? null : emptyToNull(values[i]);
    }

    private static String emptyToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static Rejected reject(long line, String phone, String code, String message) {
        return new Rejected(new RowError(line, Masking.phone(phone), code, message));
    }
}
