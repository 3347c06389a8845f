package dev.salesflow.events;

import java.time.Instant;

/** Every event of the domain says when it happened in business time (not when it was stored). */
public interface DomainEvent {

    Instant occurredAt();
}
