package dev.salesflow.domain.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Turns the JSON of an event stored before revisions existed (revision null) into revision 2.
 *
 * <p>The target revision is fixed here, not read from the class's {@code @Revision}: when a
 * revision 3 comes, this step must still produce revision 2 and the next step takes over.
 */
abstract class RevisionOneUpcaster extends SingleEventUpcaster {

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
        return representation.upcastPayload(to, JsonNode.class, payload -> {
            // The representation may be read more than once (Axon caches it): never change the input.
            ObjectNode event = payload.deepCopy();
            addFields(event);
            return event;
        });
    }

    /** Adds what revision 2 has and revision 1 lacked. */
    abstract void addFields(ObjectNode event);
}
