package dev.salesflow.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The revision of an event's shape, part of the contract: stored with the event (the domain's
 * revision resolver reads it) and sent as the envelope's {@code event_revision}. Raise it when a
 * field is added, and give the domain an upcaster from the previous revision. No annotation means
 * revision 1 was never superseded.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventRevision {

    String value();
}
