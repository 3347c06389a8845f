package dev.salesflow.projection.deadletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.deadletter.jpa.JpaDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letters of every processing group that has a queue: listed, retried when due (bounded,
 * with backoff) and retried by hand. Retries run one at a time; a group's events keep flowing
 * meanwhile (a parked aggregate's new events join its sequence).
 *
 * <p>A retry by hand used to wait, without a bound, for the automatic retrier's whole pass over every
 * group (both took this object's monitor, and each letter retried runs its projection and commits
 * its rows), even when the group it named had nothing parked: on a loaded machine that took
 * seconds. Now an empty queue (or a sequence with nothing parked) answers before any lock; the
 * automatic pass gives way between sequences when a retry by hand waits; and a retry by hand stops
 * at {@link DeadLetterProperties#retryDeadline()}, reporting what it did ({@link RetryDeadlineException}).
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final EventProcessingConfiguration processing;
    private final DeadLetterProperties properties;
    /** One retry at a time, fair, so a retry by hand is next once the automatic pass gives way. */
    private final ReentrantLock retrying = new ReentrantLock(true);

    public DeadLetters(EventProcessingConfiguration processing, DeadLetterProperties properties) {
        this.processing = processing;
        this.properties = properties;
    }

    /** One parked event. {@code index} is its place in its sequence (0 = the one retried next). */
    public record Letter(
            String group,
            String sequence,
            int index,
            String eventId,
            String eventType,
            String aggregateType,
            String aggregateId,
            Long aggregateSequence,
            String cause,
            int retries,
            boolean parkedUntilRetriedByHand,
            Instant enqueuedAt,
            Instant lastTouched) {}

    /** What a retry by hand did to one sequence. */
    public record RetryResult(String group, String sequence, long lettersBefore, long lettersAfter, String outcome) {}

    /** Processing groups with a dead-letter queue (group names equal processor names here). */
    public List<String> groups() {
        return new TreeSet<>(processing.eventProcessors().keySet())
                .stream()
                        .filter(name -> processing.deadLetterQueue(name).isPresent())
                        .toList();
    }

    public List<Letter> list(Optional<String> group) {
        List<Letter> letters = new ArrayList<>();
        for (String name : group.map(List::of).orElseGet(this::groups)) {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence :
                    queue(name).deadLetters()) {
                int index = 0;
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    letters.add(letter(name, letter, index++));
                }
            }
        }
        return letters;
    }

    /**
     * A retry by hand that could not finish within {@link DeadLetterProperties#retryDeadline()}:
     * the automatic retrier held the queue for longer, or the sequences took longer. {@code done}
     * holds what was retried (each sequence fully, none half), the message what is left and what to do.
     */
    public static final class RetryDeadlineException extends RuntimeException {
        private final transient List<RetryResult> done;

        RetryDeadlineException(String message, List<RetryResult> done) {
            super(message);
            this.done = List.copyOf(done);
        }

        public List<RetryResult> done() {
            return done;
        }
    }

    /**
     * Retries every parked sequence of {@code group} (or only {@code sequence}) now, whatever its
     * retry count: each letter is handled again in order; the first that fails again stays parked
     * with its count plus one, and the events behind it with it. Nothing parked answers at once;
     * otherwise the call ends by {@link DeadLetterProperties#retryDeadline()} or throws
     * {@link RetryDeadlineException}.
     */
    public List<RetryResult> retry(String group, Optional<String> sequence) {
        long deadline = System.nanoTime() + properties.retryDeadline().toNanos();
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processor(group);
        // Read before any lock: the common "is anything parked?" must not wait for other retries.
        if (sequence.isPresent() && queue.sequenceSize(sequence.get()) == 0) {
            return List.of(new RetryResult(group, sequence.get(), 0, 0, "nothing parked for this sequence"));
        }
        if (sequence.isEmpty() && queue.amountOfSequences() == 0) {
            return List.of();
        }
        try {
            if (!retrying.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new RetryDeadlineException(
                        "Nothing retried in " + group
                                + ": another retry of dead letters held the queue for longer than "
                                + properties.retryDeadline().toSeconds() + " s (salesflow.dead-letters.retry-deadline);"
                                + " try again in a moment",
                        List.of());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryDeadlineException("Nothing retried in " + group + ": interrupted while waiting", List.of());
        }
        try {
            List<String> sequences = sequence.map(List::of).orElseGet(() -> sequenceIds(queue));
            List<RetryResult> results = new ArrayList<>();
            for (String id : sequences) {
                if (!results.isEmpty() && System.nanoTime() - deadline > 0) {
                    throw new RetryDeadlineException(
                            "Retried " + results.size() + " of " + sequences.size() + " parked sequences of " + group
                                    + " within " + properties.retryDeadline().toSeconds()
                                    + " s (salesflow.dead-letters.retry-deadline); the others are still parked: call"
                                    + " retry again to go on",
                            results);
                }
                results.add(retryOne(group, queue, processor, id));
            }
            return results;
        } finally {
            retrying.unlock();
        }
    }

    private RetryResult retryOne(
            String group,
            SequencedDeadLetterQueue<EventMessage<?>> queue,
            SequencedDeadLetterProcessor<EventMessage<?>> processor,
            String id) {
        long before = queue.sequenceSize(id);
        if (before == 0) {
            return new RetryResult(group, id, 0, 0, "nothing parked for this sequence");
        }
        String outcome;
        try {
            processor.process(letter -> id.equals(sequenceOf(letter)));
            long after = queue.sequenceSize(id);
            outcome = after == 0
                    ? "projected"
                    : "failed again: "
                            + first(queue, id)
                                    .map(l -> cause(l) + " (retries " + retries(l) + ")")
                                    .orElse("see the log");
        } catch (RuntimeException e) {
            outcome = "not retried, the batch failed: " + e.getMessage();
        }
        return new RetryResult(group, id, before, queue.sequenceSize(id), outcome);
    }

    /**
     * The automatic retry: every sequence whose first letter has failed fewer than the bound and
     * whose backoff has passed, in groups whose processor runs (not while it is stopped or replaying).
     *
     * @return sequences retried
     */
    public int retryDue() {
        if (!retrying.tryLock()) {
            return 0; // a retry by hand runs; the next pass comes after retryInterval
        }
        try {
            return retryDueLocked();
        } finally {
            retrying.unlock();
        }
    }

    private int retryDueLocked() {
        int retried = 0;
        for (String group : groups()) {
            if (!processing.eventProcessor(group).map(EventProcessor::isRunning).orElse(false)) {
                continue;
            }
            SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
            if (queue.amountOfSequences() == 0) {
                continue;
            }
            Instant now = Instant.now();
            for (String id : sequenceIds(queue)) {
                if (retrying.hasQueuedThreads()) {
                    return retried; // a retry by hand waits: it goes first, the rest on the next pass
                }
                Optional<DeadLetter<? extends EventMessage<?>>> head = first(queue, id);
                if (head.isEmpty() || !due(head.get(), now)) {
                    continue;
                }
                try {
                    processor(group).process(letter -> id.equals(sequenceOf(letter)) && due(letter, now));
                    retried++;
                } catch (RuntimeException e) {
                    log.warn(
                            "Retrying dead letters of {} in {} failed before any was handled ({}); trying again in {}",
                            id,
                            group,
                            e.getMessage(),
                            properties.retryInterval());
                }
            }
        }
        return retried;
    }

    private boolean due(DeadLetter<?> letter, Instant now) {
        int retries = RetryCountingPolicy.retries(letter);
        return retries < properties.maxRetries()
                && !letter.lastTouched().plus(properties.backoff(retries)).isAfter(now);
    }

    private Letter letter(String group, DeadLetter<? extends EventMessage<?>> letter, int index) {
        EventMessage<?> message = letter.message();
        String aggregateType = null;
        String aggregateId = null;
        Long aggregateSequence = null;
        if (message instanceof DomainEventMessage<?> event) {
            aggregateType = event.getType();
            aggregateId = event.getAggregateIdentifier();
            aggregateSequence = event.getSequenceNumber();
        }
        int retries = retries(letter);
        return new Letter(
                group,
                sequenceOf(letter),
                index,
                message.getIdentifier(),
                message.getPayloadType().getSimpleName(),
                aggregateType,
                aggregateId,
                aggregateSequence,
                letter.cause().isPresent() ? cause(letter) : null,
                retries,
                index == 0 && retries >= properties.maxRetries(),
                letter.enqueuedAt(),
                letter.lastTouched());
    }

    private static int retries(DeadLetter<?> letter) {
        return RetryCountingPolicy.retries(letter);
    }

    private static String cause(DeadLetter<?> letter) {
        return letter.cause()
                .map(c -> c.type().substring(c.type().lastIndexOf('.') + 1) + ": " + c.message())
                .orElse("parked behind an earlier event of its aggregate");
    }

    /** The sequence a letter belongs to: its aggregate id under the processors' per-aggregate policy. */
    static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        if (letter instanceof JpaDeadLetter<?> stored) {
            return stored.getSequenceIdentifier();
        }
        return letter.message() instanceof DomainEventMessage<?> event
                ? event.getAggregateIdentifier()
                : letter.message().getIdentifier();
    }

    private static List<String> sequenceIds(SequencedDeadLetterQueue<EventMessage<?>> queue) {
        List<String> ids = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            Iterator<DeadLetter<? extends EventMessage<?>>> letters = sequence.iterator();
            if (letters.hasNext()) {
                ids.add(sequenceOf(letters.next()));
            }
        }
        return ids;
    }

    private static Optional<DeadLetter<? extends EventMessage<?>>> first(
            SequencedDeadLetterQueue<EventMessage<?>> queue, String sequence) {
        Iterator<DeadLetter<? extends EventMessage<?>>> letters =
                queue.deadLetterSequence(sequence).iterator();
        return letters.hasNext() ? Optional.of(letters.next()) : Optional.empty();
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return processing.deadLetterQueue(group).orElseThrow(() -> unknown(group));
    }

    private SequencedDeadLetterProcessor<EventMessage<?>> processor(String group) {
        return processing.sequencedDeadLetterProcessor(group).orElseThrow(() -> unknown(group));
    }

    private IllegalArgumentException unknown(String group) {
        return new IllegalArgumentException(
                "No dead-letter queue for processing group '" + group + "'; groups with one: " + groups());
    }
}
