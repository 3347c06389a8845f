package dev.salesflow.app.progress;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, after the generator has stopped and before Axon and the bronze job stop, waits
 * (up to a deadline) until every stored event has landed in bronze. The embedded emulator keeps
 * messages in memory, so what it still holds at exit would otherwise only reach bronze when the
 * relay repeats it.
 */
@Component
public class DrainOnShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DrainOnShutdown.class);

    private final PipelineStatus status;
    private final Duration deadline;
    private volatile boolean running;

    public DrainOnShutdown(PipelineStatus status,
                           @Value("${salesflow.shutdown.drain-timeout:30s}") Duration deadline) {
        this.status = status;
        this.deadline = deadline;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        long until = System.nanoTime() + deadline.toNanos();
        PipelineStatus.Snapshot snapshot = status.read();
        while (!snapshot.bronzeCaughtUp() && System.nanoTime() < until) {
            log.info("Draining before exit: {} of {} events in bronze", snapshot.bronzeRows() + snapshot.deadLetters(),
                    snapshot.eventsStored());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            snapshot = status.read();
        }
        if (snapshot.bronzeCaughtUp()) {
            log.info("Drained: all {} stored events are in bronze", snapshot.eventsStored());
        } else {
            log.warn("Stopped before bronze caught up ({} of {} events); the rest lands after the next start",
                    snapshot.bronzeRows() + snapshot.deadLetters(), snapshot.eventsStored());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the generator (MAX - 100) and before Axon (MAX - 3072). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
