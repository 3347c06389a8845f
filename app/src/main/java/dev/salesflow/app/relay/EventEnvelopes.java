package dev.salesflow.app.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import dev.salesflow.domain.api.DomainEvent;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Revision;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Turns an Axon event into the Pub/Sub message of the contract in DESIGN.md: the JSON envelope
 * as data, {@code event_id}, {@code event_type} and {@code occurred_at} as attributes, and the
 * aggregate id as ordering key.
 */
@Component
public class EventEnvelopes {

    private final ObjectMapper json;
    private final Clock clock;

    @Autowired
    public EventEnvelopes(ObjectMapper json) {
        this(json, Clock.systemUTC());
    }

    EventEnvelopes(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public PubsubMessage toMessage(EventMessage<?> event) {
        Object payload = event.getPayload();
        String eventType = payload.getClass().getSimpleName();
        Instant occurredAt = payload instanceof DomainEvent domainEvent ? domainEvent.occurredAt() : event.getTimestamp();
        Revision revision = payload.getClass().getAnnotation(Revision.class);

        ObjectNode envelope = json.createObjectNode();
        envelope.put("event_id", event.getIdentifier());
        envelope.put("event_type", eventType);
        envelope.put("event_revision", revision == null ? null : revision.value());
        String aggregateId = null;
        if (event instanceof DomainEventMessage<?> domainEvent) {
            aggregateId = domainEvent.getAggregateIdentifier();
            envelope.put("aggregate_type", domainEvent.getType());
            envelope.put("aggregate_id", aggregateId);
            envelope.put("sequence_number", domainEvent.getSequenceNumber());
        }
        envelope.put("occurred_at", occurredAt.toString());
        envelope.put("published_at", clock.instant().toString());
        envelope.set("payload", json.valueToTree(payload));

        PubsubMessage.Builder message = PubsubMessage.newBuilder()
                .setData(ByteString.copyFromUtf8(write(envelope)))
                .putAttributes("event_id", event.getIdentifier())
                .putAttributes("event_type", eventType)
                .putAttributes("occurred_at", occurredAt.toString());
        if (aggregateId != null) {
            message.setOrderingKey(aggregateId);
        }
        return message.build();
    }

    private String write(ObjectNode envelope) {
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event envelope could not be written as JSON", e);
        }
    }
}
