package dev.salesflow.pubsub.emulator.broker;

import java.time.Duration;

/**
 * What a single pull may hand out and for how long it may wait.
 *
 * @param maxMessages at most this many messages (must be positive)
 * @param maxBytes at most this many payload bytes; the first message is always allowed so that a
 *     large message cannot block a subscription forever; {@code Long.MAX_VALUE} for no limit
 * @param ackDeadlineSeconds lease length for the delivered messages; 0 means the subscription's
 *     own {@code ack_deadline_seconds}
 * @param maxWait how long to wait for a message when none is available ({@link Duration#ZERO} to
 *     return at once)
 */
public record PullLimits(int maxMessages, long maxBytes, int ackDeadlineSeconds, Duration maxWait) {

    public PullLimits {
        if (maxMessages <= 0) {
            throw BrokerException.invalid("max_messages must be positive, got " + maxMessages);
        }
        if (maxBytes <= 0) {
            throw BrokerException.invalid("max bytes must be positive, got " + maxBytes);
        }
        if (ackDeadlineSeconds < 0 || ackDeadlineSeconds > Broker.MAX_ACK_DEADLINE_SECONDS) {
            throw BrokerException.invalid("ack deadline out of range: " + ackDeadlineSeconds);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative");
        }
    }

    public static PullLimits of(int maxMessages, Duration maxWait) {
        return new PullLimits(maxMessages, Long.MAX_VALUE, 0, maxWait);
    }
}
