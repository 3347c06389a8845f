package dev.salesflow.app.generation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** {@code 2026-11-01} (the start of that UTC day) or an instant such as {@code 2026-11-01T12:00:00Z}. */
public final class UntilConverter implements CommandLine.ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        try {
            return value.contains("T")
                    ? Instant.parse(value)
                    : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a date: use 2026-11-01 or 2026-11-01T00:00:00Z");
        }
    }
}
