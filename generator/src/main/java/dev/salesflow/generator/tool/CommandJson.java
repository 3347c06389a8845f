package dev.salesflow.generator.tool;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.salesflow.generator.TimedCommand;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * One command as one line of JSON: {@code {"at":…,"type":"PlaceSaleCommand","command":{…}}}.
 * Record components in declaration order, map keys sorted, times as ISO-8601 text, decimals as
 * written: equal commands give equal bytes, so two runs can be compared with {@code cmp}.
 */
public final class CommandJson {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    public String line(TimedCommand command) {
        try {
            return mapper.writeValueAsString(
                    new Line(command.at(), command.command().getClass().getSimpleName(), command.command()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The envelope; a record, so its fields keep this order (map keys inside commands are sorted). */
    private record Line(Instant at, String type, Object command) {}
}
