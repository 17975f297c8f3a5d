package dev.protostar.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --since}: how long ago ("10m", "1h30m", "45s", "2d") or when (2026-12-06T13:00:00Z), as a Unix time in seconds. */
final class Since implements ITypeConverter<Long> {
    private static final Pattern DURATION = Pattern.compile("(?:(\\d{1,6})d)?(?:(\\d{1,6})h)?(?:(\\d{1,6})m)?(?:(\\d{1,9})s)?");

    @Override
    public Long convert(String value) {
        return at(value, Instant.now());
    }

    static long at(String value, Instant now) {
        Matcher m = DURATION.matcher(value);
        if (!value.isEmpty() && m.matches()) {
            Duration ago = Duration.ofDays(number(m.group(1))).plusHours(number(m.group(2))).plusMinutes(number(m.group(3)))
                    .plusSeconds(number(m.group(4)));
            return now.minus(ago).getEpochSecond();
        }
        try {
            return OffsetDateTime.parse(value).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("\"" + dev.protostar.core.Printable.of(value) + "\" is neither a duration (10m, 1h30m, 45s, 2d) "
                    + "nor a time with its offset (2026-12-06T13:00:00Z)");
        }
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
