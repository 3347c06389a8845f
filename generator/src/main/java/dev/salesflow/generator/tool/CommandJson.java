package dev.salesflow.generator.tool;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.salesflow.generator.TimedCommand;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

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
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("at", command.at());
        envelope.put("type", command.command().getClass().getSimpleName());
        envelope.put("command", command.command());
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
