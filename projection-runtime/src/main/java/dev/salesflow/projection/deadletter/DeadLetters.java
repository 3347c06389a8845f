package dev.salesflow.projection.deadletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
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
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final EventProcessingConfiguration processing;
    private final DeadLetterProperties properties;

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
     * Retries every parked sequence of {@code group} (or only {@code sequence}) now, whatever its
     * retry count: each letter is handled again in order; the first that fails again stays parked
     * with its count plus one, and the events behind it with it.
     */
    public synchronized List<RetryResult> retry(String group, Optional<String> sequence) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processor(group);
        List<String> sequences = sequence.map(List::of).orElseGet(() -> sequenceIds(queue));
        List<RetryResult> results = new ArrayList<>();
        for (String id : sequences) {
            long before = queue.sequenceSize(id);
            if (before == 0) {
                results.add(new RetryResult(group, id, 0, 0, "nothing parked for this sequence"));
                continue;
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
            results.add(new RetryResult(group, id, before, queue.sequenceSize(id), outcome));
        }
        return results;
    }

    /**
     * The automatic retry: every sequence whose first letter has failed fewer than the bound and
     * whose backoff has passed, in groups whose processor runs (not while it is stopped or replaying).
     *
     * @return sequences retried
     */
    public synchronized int retryDue() {
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
