package dev.salesflow.projection.deadletter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.NoSuchDeadLetterException;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processing group's dead-letter queue (Axon's, stored in the event-store database) that says in
 * the log what it parks and what became of each retry: which event, which group, why, and how to
 * retry it by hand. Lines about a live batch are written once it commits (a rolled-back batch is
 * handled again and parks nothing).
 */
final class ReportingDeadLetterQueue implements SequencedDeadLetterQueue<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(ReportingDeadLetterQueue.class);

    private final String group;
    private final SequencedDeadLetterQueue<EventMessage<?>> delegate;
    private final int maxRetries;

    ReportingDeadLetterQueue(String group, SequencedDeadLetterQueue<EventMessage<?>> delegate, int maxRetries) {
        this.group = group;
        this.delegate = delegate;
        this.maxRetries = maxRetries;
    }

    String group() {
        return group;
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter)
            throws DeadLetterQueueOverflowException {
        delegate.enqueue(sequenceIdentifier, letter);
        afterCommit(() -> log.warn(
                "Dead letter in {}: {} could not be projected ({}); it and the later events of {} "
                        + "are parked, other aggregates go on. Retried automatically up to {} times; by hand: "
                        + "./run.sh dead-letters retry --group {}",
                group,
                describe(letter.message()),
                letter.cause().map(ReportingDeadLetterQueue::describe).orElse("no cause"),
                sequenceIdentifier,
                maxRetries,
                group));
    }

    @Override
    public boolean enqueueIfPresent(
            Object sequenceIdentifier, Supplier<DeadLetter<? extends EventMessage<?>>> letterBuilder)
            throws DeadLetterQueueOverflowException {
        AtomicReference<EventMessage<?>> message = new AtomicReference<>();
        boolean parked = delegate.enqueueIfPresent(sequenceIdentifier, () -> {
            DeadLetter<? extends EventMessage<?>> letter = letterBuilder.get();
            message.set(letter.message());
            return letter;
        });
        if (parked && log.isInfoEnabled()) {
            afterCommit(() -> log.info(
                    "Parked in {} behind an earlier dead letter of {}: {}",
                    group,
                    sequenceIdentifier,
                    describe(message.get())));
        }
        return parked;
    }

    @Override
    public boolean process(
            Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
            Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        return delegate.process(sequenceFilter, letter -> report(letter, task.apply(letter)));
    }

    private EnqueueDecision<EventMessage<?>> report(
            DeadLetter<? extends EventMessage<?>> letter, EnqueueDecision<EventMessage<?>> decision) {
        String event = describe(letter.message());
        if (!decision.shouldEnqueue()) {
            afterCommit(() -> log.info("Dead letter in {} projected on retry: {}", group, event));
            return decision;
        }
        int retries = RetryCountingPolicy.retries(decision.withDiagnostics(letter));
        String cause =
                decision.enqueueCause().map(ReportingDeadLetterQueue::describe).orElse("no cause");
        if (retries > maxRetries) {
            log.warn(
                    "Dead letter in {} failed again when retried by hand (retries: {}) and stays parked: {} ({})",
                    group,
                    retries,
                    event,
                    cause);
        } else if (retries == maxRetries) {
            log.warn(
                    "Dead letter in {} failed retry {} of {} and stays parked until retried by hand: {} ({}). "
                            + "Fix the cause, then: ./run.sh dead-letters retry --group {}",
                    group,
                    retries,
                    maxRetries,
                    event,
                    cause,
                    group);
        } else {
            log.info("Dead letter in {} failed retry {} of {}: {} ({})", group, retries, maxRetries, event, cause);
        }
        return decision;
    }

    /** Logs once the unit of work commits, in the order the lines came (Axon runs after-commit handlers last first). */
    private static void afterCommit(Runnable line) {
        if (!CurrentUnitOfWork.isStarted()) {
            line.run();
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<Runnable> lines = root.getOrComputeResource(ReportingDeadLetterQueue.class.getName(), key -> {
            List<Runnable> created = new ArrayList<>();
            root.afterCommit(unit -> created.forEach(Runnable::run));
            return created;
        });
        lines.add(line);
    }

    static String describe(EventMessage<?> message) {
        String type = message.getPayloadType().getSimpleName();
        if (message instanceof DomainEventMessage<?> event) {
            return type + " " + event.getIdentifier() + " of " + event.getType() + " " + event.getAggregateIdentifier()
                    + " #" + event.getSequenceNumber();
        }
        return type + " " + message.getIdentifier();
    }

    private static String describe(Throwable cause) {
        if (cause instanceof Cause wrapped) {
            return describe(wrapped);
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static String describe(Cause cause) {
        String type = cause.type();
        return type.substring(type.lastIndexOf('.') + 1) + ": " + cause.message();
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        delegate.evict(letter);
    }

    @Override
    public void requeue(
            DeadLetter<? extends EventMessage<?>> letter,
            UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater)
            throws NoSuchDeadLetterException {
        delegate.requeue(letter, letterUpdater);
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        return delegate.contains(sequenceIdentifier);
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return delegate.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        return delegate.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return delegate.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return delegate.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return delegate.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return delegate.amountOfSequences();
    }

    @Override
    public void clear() {
        delegate.clear();
    }
}
