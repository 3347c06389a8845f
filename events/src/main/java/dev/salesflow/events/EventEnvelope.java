package dev.salesflow.events;

/**
 * Names of the Pub/Sub event envelope (message data, JSON) and of the message attributes that repeat
 * some of them; the relay writes them and bronze reads them. DESIGN.md describes each field.
 */
public final class EventEnvelope {

    public static final String EVENT_ID = "event_id";
    public static final String EVENT_TYPE = "event_type";
    public static final String EVENT_REVISION = "event_revision";
    public static final String AGGREGATE_TYPE = "aggregate_type";
    public static final String AGGREGATE_ID = "aggregate_id";
    public static final String SEQUENCE_NUMBER = "sequence_number";
    public static final String OCCURRED_AT = "occurred_at";
    public static final String PUBLISHED_AT = "published_at";
    public static final String PAYLOAD = "payload";

    private EventEnvelope() {}

    /** The event type as the envelope names it: the event record's simple class name. */
    public static String eventType(Class<?> eventClass) {
        return eventClass.getSimpleName();
    }

    /** The revision an event record declares, or null where it has none. */
    public static String revisionOf(Class<?> eventClass) {
        EventRevision revision = eventClass.getAnnotation(EventRevision.class);
        return revision == null ? null : revision.value();
    }
}
