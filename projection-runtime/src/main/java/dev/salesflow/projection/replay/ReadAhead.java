package dev.salesflow.projection.replay;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Reads and deserialises the next batches of a {@link ReplayEventSource} on its own thread while
 * the replay applies and writes the previous ones, so the two halves share two cores instead of
 * taking turns. It reads from a token until the source returns an empty batch (caught up), then
 * stops; a few batches at most wait in memory.
 *
 * <p>The thread is never interrupted (an interrupt in the middle of an H2 file read closes the
 * file channel); {@link #close()} asks it to stop after its current read instead.
 */
final class ReadAhead implements AutoCloseable {

    /** One batch, read and deserialised, with the time that took. */
    record Batch(List<? extends TrackedEventMessage<?>> events, long readNanos) {}

    private record Failure(Throwable error) {}

    private final BlockingQueue<Object> ready;
    private final Thread thread;
    private volatile boolean closed;

    ReadAhead(ReplayEventSource source, TrackingToken from, int batchesAhead) {
        this.ready = new ArrayBlockingQueue<>(Math.max(1, batchesAhead));
        this.thread = new Thread(() -> read(source, from), "projection-replay-read-ahead");
        thread.setDaemon(true);
        thread.start();
    }

    /** The next batch in order; an empty one means caught up (and is the last). */
    Batch next() {
        try {
            Object item = ready.take();
            if (item instanceof Failure failure) {
                Throwable error = failure.error();
                if (error instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("Reading the event store failed: " + error, error);
            }
            return (Batch) item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayFailedException("Replay interrupted while waiting for events", e);
        }
    }

    private void read(ReplayEventSource source, TrackingToken from) {
        TrackingToken token = from;
        try {
            while (!closed) {
                long start = System.nanoTime();
                List<? extends TrackedEventMessage<?>> events = source.nextBatch(token);
                for (TrackedEventMessage<?> event : events) {
                    event.getPayload(); // deserialised here, off the applying thread
                }
                if (!offer(new Batch(events, System.nanoTime() - start)) || events.isEmpty()) {
                    return;
                }
                token = events.get(events.size() - 1).trackingToken();
            }
        } catch (RuntimeException | Error e) {
            offer(new Failure(e));
        }
    }

    /** Waits for room unless closed; false if closed meanwhile. */
    private boolean offer(Object item) {
        try {
            while (!closed) {
                if (ready.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops reading (after the read under way, if any) and waits for the thread to end. */
    @Override
    public void close() {
        closed = true;
        ready.clear();
        try {
            thread.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
