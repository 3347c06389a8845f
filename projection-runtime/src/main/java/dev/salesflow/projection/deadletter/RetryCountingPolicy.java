package dev.salesflow.projection.deadletter;

import dev.salesflow.warehouse.WarehouseException;
import java.sql.SQLException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * What happens to an event whose handler threw, live or on a retry of its dead letter.
 *
 * <ul>
 *   <li>The event's fault (the projection cannot handle it): live, it is dead-lettered with
 *       {@value #RETRIES} = 0; on a failed retry it is put back with the count plus one. The
 *       retrier stops at the configured bound; the letter then stays, with its cause and count.</li>
 *   <li>Not the event's fault (the warehouse could not be read or written): live, the exception
 *       goes on and fails the batch, which the processor retries from its last token, so nothing
 *       is parked for a passing outage; on a retry the letter is put back without counting it.</li>
 * </ul>
 */
final class RetryCountingPolicy implements EnqueuePolicy<EventMessage<?>> {

    /** Diagnostics key: failed retries of this letter (0 when first parked). */
    static final String RETRIES = "retries";

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        boolean retry = isRetry();
        if (!isTheEventsFault(cause)) {
            if (!retry) {
                throw cause instanceof RuntimeException runtime
                        ? runtime
                        : new IllegalStateException(
                                "Handling event " + letter.message().getIdentifier()
                                        + " failed for a reason outside the event: " + cause.getMessage(),
                                cause);
            }
            return Decisions.requeue(ThrowableCause.truncated(cause), DeadLetter::diagnostics);
        }
        if (!retry) {
            return Decisions.enqueue(
                    ThrowableCause.truncated(cause), l -> l.diagnostics().and(RETRIES, 0));
        }
        int retries = retries(letter) + 1;
        return Decisions.requeue(
                ThrowableCause.truncated(cause), l -> l.diagnostics().and(RETRIES, retries));
    }

    static int retries(DeadLetter<?> letter) {
        Object value = letter.diagnostics().get(RETRIES);
        return value instanceof Number number ? number.intValue() : 0;
    }

    /**
     * Axon retries a dead letter in a unit of work that holds the letter as a resource; live
     * handling has none.
     */
    private static boolean isRetry() {
        return CurrentUnitOfWork.map(unit -> unit.resources().containsKey(DeadLetter.class.getName()))
                .orElse(false);
    }

    /** A warehouse or database failure anywhere in the chain is the infrastructure's, not the event's. */
    static boolean isTheEventsFault(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof WarehouseException || t instanceof SQLException) {
                return false;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return true;
    }
}
