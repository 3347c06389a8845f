package dev.salesflow.bronze;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an embedded streaming job running: when it ends by itself (on the DirectRunner one failed
 * bundle fails the whole job) it is started again after a backoff that doubles from
 * {@code firstBackoff} up to {@code maxBackoff}; after {@code maxAttempts} restarts in a row without
 * {@code stableAfter} of running in between it gives up and stays {@link Phase#FAILED}. Every phase,
 * with the attempt and the last error, is readable through {@link #health()}.
 */
public final class JobSupervisor {

    private static final Logger log = LoggerFactory.getLogger(JobSupervisor.class);

    /** Where the job is. {@code RUNNING} after a restart keeps the attempt and the error that caused it. */
    public enum Phase {
        RUNNING,
        RESTARTING,
        FAILED,
        STOPPED
    }

    /**
     * One reading of the supervised job.
     *
     * @param attempt   restarts in a row so far (0 while the job has been running long enough)
     * @param lastError why the job last ended, or {@code null}
     * @param since     when the phase began
     */
    public record Health(Phase phase, int attempt, int maxAttempts, String lastError, Instant since) {

        /** Running, or about to run again: not given up. */
        public boolean healthy() {
            return phase == Phase.RUNNING || phase == Phase.RESTARTING;
        }

        /** For status lines: {@code RUNNING}, {@code RESTARTING (attempt 2 of 8, last error: …)}, … */
        public String describe() {
            return switch (phase) {
                case RUNNING ->
                    attempt == 0
                            ? "RUNNING"
                            : "RUNNING (restarted, attempt " + attempt + " of " + maxAttempts + "; last error: "
                                    + lastError + ")";
                case RESTARTING ->
                    "RESTARTING (attempt " + attempt + " of " + maxAttempts + ", last error: " + lastError + ")";
                case FAILED -> "FAILED (gave up after " + attempt + " restarts; last error: " + lastError + ")";
                case STOPPED -> "STOPPED";
            };
        }
    }

    /** How restarts are paced. */
    public record Backoff(Duration first, Duration max, int maxAttempts, Duration stableAfter) {
        public Backoff {
            if (first.isNegative() || max.compareTo(first) < 0 || maxAttempts < 0) {
                throw new IllegalArgumentException("backoff needs 0 <= first <= max and maxAttempts >= 0, was " + first
                        + ", " + max + ", " + maxAttempts);
            }
        }

        /** 1 s, 2 s, 4 s … up to 60 s, giving up after 8 restarts in a row (about 3 minutes). */
        public static Backoff standard() {
            return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 8, Duration.ofMinutes(5));
        }

        Duration before(int attempt) {
            long factor = 1L << Math.min(attempt - 1, 30);
            Duration wait = first.multipliedBy(factor);
            return wait.compareTo(max) > 0 || wait.isNegative() ? max : wait;
        }
    }

    private final String name;
    private final Supplier<PipelineResult> starter;
    private final Consumer<PipelineResult> onEnded;
    private final Backoff backoff;
    private final Clock clock;
    private final Object lock = new Object();
    private volatile PipelineResult current;
    private volatile Health health;
    private volatile boolean stopped;
    private Thread watcher;

    /**
     * @param starter builds and runs the job without blocking ({@code blockOnRun=false}); may throw
     * @param onEnded called with every run that ended, e.g. to keep its counters
     */
    public JobSupervisor(
            String name, Supplier<PipelineResult> starter, Consumer<PipelineResult> onEnded, Backoff backoff) {
        this.name = name;
        this.starter = starter;
        this.onEnded = Objects.requireNonNull(onEnded);
        this.backoff = backoff;
        this.clock = Clock.systemUTC();
    }

    /** Starts the job (its first start's exception, e.g. refused options, is thrown here) and watches it. */
    public void start() {
        synchronized (lock) {
            if (watcher != null) {
                throw new IllegalStateException(name + " is already supervised");
            }
            current = starter.get();
            health = new Health(Phase.RUNNING, 0, backoff.maxAttempts(), null, clock.instant());
            watcher = new Thread(this::watch, name + "-supervisor");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    public Health health() {
        Health now = health;
        return now == null ? new Health(Phase.STOPPED, 0, backoff.maxAttempts(), null, clock.instant()) : now;
    }

    /** The run now in progress (or the last one), {@code null} before {@link #start()}. */
    public PipelineResult current() {
        return current;
    }

    /** Cancels the job and stops watching it. */
    public void stop() {
        Thread watching;
        synchronized (lock) {
            stopped = true;
            watching = watcher;
        }
        if (watching != null) {
            watching.interrupt();
            try {
                watching.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        cancel(current);
        health = new Health(
                Phase.STOPPED, health().attempt(), backoff.maxAttempts(), health().lastError(), clock.instant());
    }

    private void watch() {
        Instant runningSince = clock.instant();
        while (!stopped) {
            PipelineResult job = current;
            String error = awaitEnd(job);
            if (stopped) {
                return;
            }
            if (error == null) {
                // Still running: a restarted job that has run long enough has recovered.
                Health now = health;
                if (now.attempt() > 0
                        && Duration.between(runningSince, clock.instant()).compareTo(backoff.stableAfter()) >= 0) {
                    health = new Health(Phase.RUNNING, 0, backoff.maxAttempts(), now.lastError(), clock.instant());
                    log.info(
                            "{} has run for {} since its last restart: restart count reset",
                            name,
                            backoff.stableAfter());
                }
                continue;
            }
            safely(() -> onEnded.accept(job));
            cancel(job);
            int attempt = health.attempt() + 1;
            if (attempt > backoff.maxAttempts()) {
                health = new Health(Phase.FAILED, health.attempt(), backoff.maxAttempts(), error, clock.instant());
                log.error(
                        "{} failed again and is NOT restarted (gave up after {} restarts in a row): {}. Fix the"
                                + " cause and restart the application; nothing is acked that has not landed, so Pub/Sub"
                                + " keeps the backlog.",
                        name,
                        backoff.maxAttempts(),
                        error);
                return;
            }
            Duration wait = backoff.before(attempt);
            health = new Health(Phase.RESTARTING, attempt, backoff.maxAttempts(), error, clock.instant());
            log.warn(
                    "{} ended: {}. Restart {} of {} in {} ms",
                    name,
                    error,
                    attempt,
                    backoff.maxAttempts(),
                    wait.toMillis());
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                return; // stop() interrupts
            }
            synchronized (lock) {
                if (stopped) {
                    return;
                }
                try {
                    current = starter.get();
                    health = new Health(Phase.RUNNING, attempt, backoff.maxAttempts(), error, clock.instant());
                    runningSince = clock.instant();
                } catch (RuntimeException e) {
                    // Could not even start: counts as a failed attempt with this error.
                    current = new EndedResult(describe(e));
                }
            }
        }
    }

    /** {@code null} while the job runs (checked about once a second), else why it ended. */
    private static String awaitEnd(PipelineResult job) {
        if (job instanceof EndedResult ended) {
            return ended.error;
        }
        try {
            PipelineResult.State state = job.waitUntilFinish(org.joda.time.Duration.standardSeconds(1));
            if (state == null || !state.isTerminal()) {
                return null;
            }
            return "the job ended in state " + state;
        } catch (RuntimeException e) {
            return describe(e);
        }
    }

    /** The innermost cause's message, which names what failed (e.g. DuckDB's error), with its type. */
    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().strip();
        int newline = message.indexOf('\n');
        if (newline > 0) {
            message = message.substring(0, newline);
        }
        return root.getClass().getSimpleName() + ": " + message;
    }

    private static void cancel(PipelineResult job) {
        if (job == null || job instanceof EndedResult) {
            return;
        }
        try {
            if (!job.getState().isTerminal()) {
                job.cancel();
            }
        } catch (Exception e) {
            log.debug("cancel: {}", e.toString());
        }
    }

    private static void safely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("after a job ended: {}", e.toString());
        }
    }

    /** Stands for a start that threw: ended at once, with that error. */
    private static final class EndedResult implements PipelineResult {
        private final String error;

        EndedResult(String error) {
            this.error = error;
        }

        @Override
        public State getState() {
            return State.FAILED;
        }

        @Override
        public State cancel() {
            return State.FAILED;
        }

        @Override
        public State waitUntilFinish(org.joda.time.Duration duration) {
            return State.FAILED;
        }

        @Override
        public State waitUntilFinish() {
            return State.FAILED;
        }

        /** A run that never started counted nothing. */
        @Override
        public MetricResults metrics() {
            return new MetricResults() {
                @Override
                public MetricQueryResults queryMetrics(MetricsFilter filter) {
                    return MetricQueryResults.create(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
                }
            };
        }
    }
}
