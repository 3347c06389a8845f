package dev.salesflow.projection.deadletter;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How dead letters of the projections are retried: every {@code retryInterval} the retrier looks
 * for letters that are due (the wait doubles from {@code firstBackoff} after each failed try, up to
 * {@code maxBackoff}) and have failed fewer than {@code maxRetries} retries; after that a letter
 * stays parked until it is retried by hand ({@code ./run.sh dead-letters retry}).
 *
 * @param maxSequences    aggregates a group may have parked; beyond it the processor stops and retries its batch
 * @param maxSequenceSize events one parked aggregate may hold behind its failed event
 * @param retryDeadline   how long a retry by hand may take: waiting for the automatic retrier to
 *     finish what it is doing, then between sequences; past it the call answers what it did and what
 *     it left (HTTP 503), and nothing is left half done
 */
@ConfigurationProperties("salesflow.dead-letters")
public record DeadLetterProperties(
        @DefaultValue("5") int maxRetries,
        @DefaultValue("5s") Duration retryInterval,
        @DefaultValue("10s") Duration firstBackoff,
        @DefaultValue("10m") Duration maxBackoff,
        @DefaultValue("1024") int maxSequences,
        @DefaultValue("10000") int maxSequenceSize,
        @DefaultValue("5s") Duration retryDeadline) {

    public DeadLetterProperties {
        if (maxRetries < 0) {
            throw new IllegalArgumentException(
                    "salesflow.dead-letters.max-retries must be 0 or more, got " + maxRetries);
        }
        if (retryDeadline.isNegative() || retryDeadline.isZero()) {
            throw new IllegalArgumentException(
                    "salesflow.dead-letters.retry-deadline must be longer than zero, got " + retryDeadline);
        }
    }

    /** How long a letter that failed {@code retries} retries waits before the next automatic one. */
    public Duration backoff(int retries) {
        Duration wait = firstBackoff;
        for (int i = 0; i < retries && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
