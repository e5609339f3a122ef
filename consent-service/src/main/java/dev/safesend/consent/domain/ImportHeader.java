package dev.safesend.consent.domain;

import dev.safesend.servicekit.identity.InvalidPhoneNumberException;
import dev.safesend.servicekit.identity.PhoneNumbers;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import java.util.regex.Pattern;

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

    private static final Pattern WA_ID = Pattern.compile("\\+?[0-9]{6,20}");
    private static final Category[] CATEGORIES = Category.values();

    private final Map<Integer, String> attributeColumns;
    private final int width;
    // the column of each known field, or -1: looked up once, not per row
    private final int phone;
    private final int waId;
    private final int name;
    private final int language;
    private final int tags;
    private final int consentSource;
    private final int consentAt;
    private final int consentProof;
    private final int[] categories = new int[CATEGORIES.length];

    private ImportHeader(Map<String, Integer> index, Map<Integer, String> attributeColumns, int width) {
        this.attributeColumns = attributeColumns;
        this.width = width;
        this.phone = index.getOrDefault("phone", -1);
        this.waId = index.getOrDefault("waid", -1);
        this.name = index.getOrDefault("name", -1);
        this.language = index.getOrDefault("language", -1);
        this.tags = index.getOrDefault("tags", -1);
        this.consentSource = index.getOrDefault("consentsource", -1);
        this.consentAt = index.getOrDefault("consentat", -1);
        this.consentProof = index.getOrDefault("consentproof", -1);
        for (Category c : CATEGORIES) {
            categories[c.ordinal()] = index.getOrDefault(c.name().toLowerCase(Locale.ROOT), -1);
        }
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
        String rawPhone = cell(values, phone);
        if (values.length != width) {
            return reject(line, rawPhone, "column_count", "expected " + width + " columns but the row has " + values.length);
        }
        PhoneNumbers.PhoneNumber number;
        try {
            number = PhoneNumbers.normalise(rawPhone, defaultRegion);
        } catch (InvalidPhoneNumberException e) {
            return reject(line, rawPhone, "invalid_phone:" + e.code(), e.getMessage());
        }
        Map<Category, ConsentState> consent = new EnumMap<>(Category.class);
        for (Category c : CATEGORIES) {
            String v = cell(values, categories[c.ordinal()]);
            if (v == null) {
                continue;
            }
            ConsentState state = stateOf(v);
            if (state == null) {
                return reject(line, number.e164(), "invalid_consent", c.name().toLowerCase(Locale.ROOT) + " '" + v
                        + "' is neither opt_in nor opt_out");
            }
            consent.put(c, state);
        }
        ConsentSource source = ConsentSource.IMPORT;
        String sourceCell = cell(values, consentSource);
        if (sourceCell != null) {
            try {
                source = ConsentSource.valueOf(sourceCell.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return reject(line, number.e164(), "invalid_source", "consentSource '" + sourceCell + "' is not one of "
                        + Arrays.toString(ConsentSource.values()));
            }
        }
        Instant at = now;
        String atCell = cell(values, consentAt);
        if (atCell != null) {
            at = instant(atCell);
            if (at == null) {
                return reject(line, number.e164(), "invalid_time", "consentAt '" + atCell + "' is not an ISO-8601 time");
            }
            if (at.isAfter(now.plusSeconds(300))) {
                return reject(line, number.e164(), "invalid_time", "consentAt lies in the future");
            }
        }
        String proofCell = cell(values, consentProof);
        Evidence evidence = new Evidence(source, at, proofCell != null ? proofCell : "import " + jobId + " line " + line);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributeColumns.forEach((i, name) -> {
            String v = i < values.length ? emptyToNull(values[i]) : null;
            if (v != null) {
                attributes.put(name, v);
            }
        });
        String tagCell = cell(values, tags);
        List<String> tagList = tagCell == null ? List.of() : tags(tagCell);
        String waIdCell = cell(values, waId);
        if (waIdCell != null && !WA_ID.matcher(waIdCell).matches()) {
            return reject(line, number.e164(), "invalid_wa_id", "waId must be digits");
        }
        return new Parsed(new ImportedContact(number.e164(), number.region(), waIdCell == null ? null : waIdCell.replace("+", ""),
                cell(values, name), cell(values, language), tagList, attributes, consent, evidence, atCell != null, proofCell != null, line));
    }

    private static ConsentState stateOf(String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "opt_in", "opted_in", "in", "yes", "y", "true", "1" -> ConsentState.OPTED_IN;
            case "opt_out", "opted_out", "out", "no", "n", "false", "0" -> ConsentState.OPTED_OUT;
            default -> null;
        };
    }

    private static String cell(String[] values, int column) {
        return column < 0 || column >= values.length ? null : emptyToNull(values[column]);
    }

    /** Tags separated by {@code ;} or {@code |}, stripped, without empty ones and repeats, in order. */
    private static List<String> tags(String cell) {
        List<String> out = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i <= cell.length(); i++) {
            if (i == cell.length() || cell.charAt(i) == ';' || cell.charAt(i) == '|') {
                String tag = cell.substring(start, i).strip();
                if (!tag.isEmpty() && !out.contains(tag)) {
                    out.add(tag);
                }
                start = i + 1;
            }
        }
        return out;
    }

    /**
     * An ISO-8601 time with an offset (or an instant), or null. The usual {@code 2026-01-31T10:00:00Z} is read directly;
     * anything else (other offsets, fractions, or a value the direct reading refuses) by the ISO parsers.
     */
    static Instant instant(String cell) {
        if (cell.length() == 20 && cell.charAt(4) == '-' && cell.charAt(7) == '-' && cell.charAt(10) == 'T' && cell.charAt(13) == ':'
                && cell.charAt(16) == ':' && cell.charAt(19) == 'Z') {
            int year = digits(cell, 0, 4);
            int month = digits(cell, 5, 7);
            int day = digits(cell, 8, 10);
            int hour = digits(cell, 11, 13);
            int minute = digits(cell, 14, 16);
            int second = digits(cell, 17, 19);
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0) {
                try {
                    return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
                } catch (DateTimeException e) {
                    // fall through: the ISO parsers decide (a leap second, say)
                }
            }
        }
        try {
            return OffsetDateTime.parse(cell).toInstant();
        } catch (DateTimeException e) {
            try {
                return Instant.parse(cell);
            } catch (DateTimeException again) {
                return null;
            }
        }
    }

    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            value = value * 10 + (ch - '0');
        }
        return value;
    }

    private static String emptyToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static Rejected reject(long line, String phone, String code, String message) {
        return new Rejected(new RowError(line, Masking.phone(phone), code, message));
    }
}
