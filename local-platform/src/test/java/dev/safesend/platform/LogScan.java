package dev.safesend.platform;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the services' logs of a platform run for what must never be in them: a bearer token (a JWT or an
 * {@code Authorization} value), one of the platform's secrets, or a whole phone number (masked ones, such as
 * {@code +26377****171}, are what the services write). The simulator's log is left out: it stands for Meta.
 */
final class LogScan {

    /** One thing found, where. */
    record Finding(Path file, long line, String what, String excerpt) {
        @Override
        public String toString() {
            return file.getFileName() + ":" + line + " " + what + ": " + excerpt;
        }
    }

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}");
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/-]{16,}");
    /** A run of 10–15 digits, maybe after a '+', that is not part of an id (UUID piece, wamid, dotted or hex word). */
    private static final Pattern DIGITS = Pattern.compile("(?<![\\w.:/-])\\+?(\\d{10,15})(?![\\w-])");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private LogScan() {
    }

    /** Every finding in the {@code *-service*.log} files under {@code logs}. */
    static List<Finding> scan(Path logs, Collection<String> secrets) {
        List<Finding> findings = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches(".*-service.*\\.log")).sorted().toList()) {
                scanFile(file, secrets, findings);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return findings;
    }

    private static void scanFile(Path file, Collection<String> secrets, List<Finding> findings) throws IOException {
        long number = 0;
        try (var lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                number++;
                scanLine(file, number, line, secrets, findings);
            }
        }
    }

    static void scanLine(Path file, long number, String line, Collection<String> secrets, List<Finding> findings) {
        Matcher jwt = JWT.matcher(line);
        if (jwt.find()) {
            findings.add(new Finding(file, number, "a JWT", excerpt(line, jwt.start())));
        }
        Matcher bearer = BEARER.matcher(line);
        if (bearer.find()) {
            findings.add(new Finding(file, number, "a bearer token", excerpt(line, bearer.start())));
        }
        for (String secret : secrets) {
            int at = secret.length() >= 8 ? line.indexOf(secret) : -1;
            if (at >= 0) {
                findings.add(new Finding(file, number, "a secret", excerpt(line, at).replace(secret, "<secret>")));
            }
        }
        Matcher digits = DIGITS.matcher(line);
        while (digits.find()) {
            if (isPhone(digits.group(1))) {
                findings.add(new Finding(file, number, "a whole phone number", excerpt(line, digits.start())));
            }
        }
    }

    private static boolean isPhone(String digits) {
        try {
            return PHONES.isValidNumber(PHONES.parse("+" + digits, null));
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static String excerpt(String line, int at) {
        int from = Math.max(0, at - 60);
        return line.substring(from, Math.min(line.length(), at + 60));
    }
}
