package dev.salesflow.pubsub.emulator.broker;

/**
 * The flow-control budget of one StreamingPull stream ({@code max_outstanding_messages/bytes}):
 * what the broker has leased through it and not yet seen acked, nacked or expired. Kept by the
 * broker, under its lock, so that an ack arriving by any route (on the stream, or by the unary
 * Acknowledge RPC the Java client uses) frees budget at once and wakes the stream's pull.
 */
public final class StreamBudget {

    private final long maxMessages;
    private final long maxBytes;
    // Guarded by the broker lock.
    long messages;
    long bytes;
    /** A pull of this stream waits for budget and must be signalled when some is freed. */
    boolean waiting;

    /**
     * @param maxMessages at most this many leased messages at once; 0 or less means no limit
     * @param maxBytes at most this many leased bytes at once; 0 or less means no limit
     */
    public StreamBudget(long maxMessages, long maxBytes) {
        this.maxMessages = maxMessages > 0 ? maxMessages : Long.MAX_VALUE;
        this.maxBytes = maxBytes > 0 ? maxBytes : Long.MAX_VALUE;
    }

    long remainingMessages() {
        return maxMessages - messages;
    }

    long remainingBytes() {
        return maxBytes - bytes;
    }

    void lease(long size) {
        messages++;
        bytes += size;
    }

    /** Returns true if a pull waits for this budget (the caller then signals it). */
    boolean release(long size) {
        messages--;
        bytes -= size;
        boolean wake = waiting;
        waiting = false;
        return wake;
    }
}
