package dev.salesflow.domain.upcasting;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Turns the JSON of an event stored before revisions existed (revision null) into revision 2.
 *
 * <p>The target revision is fixed here, not read from the class's {@code @EventRevision}: when a
 * revision 3 comes, this step must still produce revision 2 and the next step takes over.
 *
 * <p>The payload is edited as a Jackson tree, but parsed and written here rather than through
 * Axon's JsonNode conversion: that uses the serializer's ObjectMapper, which by default reads
 * decimals as doubles and writes them back changed ({@code 12.50} becomes {@code 12.5}, more
 * than ~16 significant digits are lost). Money must come out of an upcaster as it went in.
 */
abstract class RevisionOneUpcaster extends SingleEventUpcaster {

    private static final ObjectMapper EXACT_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final SimpleSerializedType from;
    private final SimpleSerializedType to;

    RevisionOneUpcaster(Class<?> eventType) {
        this.from = new SimpleSerializedType(eventType.getName(), null);
        this.to = new SimpleSerializedType(eventType.getName(), "2");
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(from);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, byte[].class, this::upcast);
    }

    private byte[] upcast(byte[] json) {
        try {
            // A fresh tree each time: Axon may convert the same stored bytes more than once.
            ObjectNode event = (ObjectNode) EXACT_JSON.readTree(json);
            addFields(event);
            return EXACT_JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot upcast " + from.getName() + ": its stored JSON is unreadable", e);
        }
    }

    /** Adds what revision 2 has and revision 1 lacked. */
    abstract void addFields(ObjectNode event);
}
