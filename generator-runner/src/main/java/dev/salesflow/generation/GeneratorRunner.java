package dev.salesflow.generation;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.eventstore.lifecycle.Phase;
import dev.salesflow.generator.SalesSimulation;
import dev.salesflow.generator.TimedCommand;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Drives the simulated business: sends the simulation's command stream through Axon. Live runs
 * pace sales at the configured rate with business time = now; a backfill sends its history as
 * fast as possible and then stops generating (the rest of the application keeps running).
 *
 * <p>On a data directory that already holds events it resumes: it counts the stored sales,
 * fast-forwards the simulation over them without sending, and sends from there. The commands that
 * followed the last stored sale may have been applied before the stop; the domain treats such
 * repeats as no-ops, except creations, which are skipped when their aggregate exists.
 */
public class GeneratorRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GeneratorRunner.class);

    private final GeneratorSettings options;
    private final CommandGateway commands;
    private final EventStoreQueries eventStore;
    private final SeedLock seedLock;
    private final Clock businessClock;
    private final AtomicLong salesSent = new AtomicLong();
    private final AtomicLong commandsSent = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile Instant businessTime;
    private volatile boolean running;
    private volatile boolean finished;
    private volatile Failure failure;
    private volatile Consumer<Failure> onFailure = failed -> {};
    private GeneratorPlan plan;
    private Thread worker;

    public GeneratorRunner(
            GeneratorSettings options,
            CommandGateway commands,
            EventStoreQueries eventStore,
            SeedLock seedLock,
            Clock businessClock) {
        this.options = options;
        this.commands = commands;
        this.eventStore = eventStore;
        this.seedLock = seedLock;
        this.businessClock = businessClock;
    }

    @Override
    public void start() {
        // A backfill ends by default at the start of today (UTC): two runs on one day are equal.
        plan = seedLock.check(options, businessClock.instant().truncatedTo(ChronoUnit.DAYS));
        running = true;
        worker = new Thread(this::generate, "sales-generator");
        worker.start();
    }

    private void generate() {
        try {
            SalesSimulation simulation = plan.backfill() == null
                    ? SalesSimulation.live(plan.settings(), businessClock::instant)
                    : SalesSimulation.backfill(plan.settings(), plan.backfill());
            if (plan.backfill() != null) {
                log.info(
                        "Backfill: {} days before {} at {} sales per day on average",
                        plan.backfill().days(),
                        plan.backfill().until(),
                        plan.backfill().salesPerDay());
            }
            long alreadyPlaced = eventStore.countAggregates("Sale");
            if (alreadyPlaced > 0) {
                log.info("Resuming the simulation after {} sales already in the event store", alreadyPlaced);
                simulation.fastForward(alreadyPlaced);
                if (plan.backfill() == null && simulation.latestRates() != null) {
                    // Today's rates may have been published while fast-forwarding: send them again (a no-op if stored).
                    send(simulation.latestRates().command());
                }
            }
            Set<String> existing = eventStore.aggregateIds(List.of("Product", "Store", "Customer"));
            send(simulation, existing);
        } catch (RuntimeException | Error e) {
            if (!running) {
                // Stopping: the command bus may already refuse; the next start resumes from the store.
                log.info("The sales generator stopped during shutdown ({})", e.toString());
                return;
            }
            Failure failed = new Failure(
                    plan.backfill() != null, businessTime, salesSent.get(), commandsSent.get(), rootCause(e));
            failure = failed;
            log.error("{}", failed.describe(), e);
            onFailure.accept(failed);
            if (e instanceof Error error) {
                throw error;
            }
        } finally {
            finished = true;
        }
    }

    /**
     * Why the generator stopped before its end: anything but a command the domain refused (those are
     * counted and skipped). The generator does not restart itself: the next start resumes from the
     * stored events.
     *
     * @param backfill whether it was a backfill (which then cannot complete)
     * @param businessTime business time of the last command handed out, null before the first
     */
    public record Failure(boolean backfill, Instant businessTime, long salesSent, long commandsSent, String cause) {

        /** One line: what failed, where, and what to do. */
        public String describe() {
            String where = businessTime == null
                    ? "before its first command"
                    : "at business time " + businessTime + " after " + salesSent + " sales (" + commandsSent
                            + " commands) in this run";
            return (backfill
                            ? "The backfill cannot complete: the sales generator stopped "
                            : "The sales generator stopped ")
                    + where + ": " + cause + ". What is stored is kept; fix the cause and run the same command again"
                    + " to resume.";
        }
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return root == e
                ? e.getClass().getSimpleName() + message
                : e.getClass().getSimpleName() + " caused by " + root.getClass().getSimpleName() + message;
    }

    private void send(SalesSimulation simulation, Set<String> existing) {
        long startNanos = System.nanoTime();
        Long count = options.count();
        long deadlineNanos = options.duration() == null
                ? Long.MAX_VALUE
                : startNanos + options.duration().toNanos();
        boolean live = plan.backfill() == null;
        long skipped = 0;
        LocalDate reportedDay = null;
        while (running && (count == null || salesSent.get() < count) && System.nanoTime() < deadlineNanos) {
            if (live) {
                pace(startNanos, salesSent.get());
            }
            TimedCommand next = simulation.next();
            if (next == null) {
                log.info(
                        "Backfill complete: history up to {} generated; generation stops, the pipeline keeps running",
                        plan.backfill().until());
                break;
            }
            businessTime = next.at();
            if (next.createsAggregate() && existing.contains(next.createdAggregateId())) {
                skipped++;
                continue;
            }
            if (send(next.command()) && next.command() instanceof PlaceSaleCommand) {
                salesSent.incrementAndGet();
            }
            LocalDate day = LocalDate.ofInstant(next.at(), ZoneOffset.UTC);
            if (!live && !day.equals(reportedDay)) {
                reportedDay = day;
                log.info("Backfill reached business date {} ({} sales sent)", day, salesSent.get());
            }
        }
        log.info(
                "Sales generator done: {} sales and {} commands sent in this run, {} refused, {} creations skipped"
                        + " (already stored)",
                salesSent.get(),
                commandsSent.get(),
                rejected.get(),
                skipped);
    }

    /** Waits until the n-th sale of this run is due at the configured rate (no wait when rate is 0). */
    private void pace(long startNanos, long n) {
        if (options.rate() <= 0) {
            return;
        }
        long dueNanos = startNanos + (long) (n * TimeUnit.SECONDS.toNanos(1) / options.rate());
        long waitNanos;
        while (running && (waitNanos = dueNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(200)));
        }
    }

    private boolean send(Object command) {
        try {
            commands.sendAndWait(command);
            commandsSent.incrementAndGet();
            return true;
        } catch (InvalidCommandException e) {
            // The domain refused it: count and report, never drop silently.
            rejected.incrementAndGet();
            log.warn("Command refused by the domain: {} ({})", e.getMessage(), command);
            return false;
        }
    }

    public long salesSent() {
        return salesSent.get();
    }

    /** All commands sent in this run: catalogue, rates, sales, follow-ups and changes. */
    public long commandsSent() {
        return commandsSent.get();
    }

    public long rejected() {
        return rejected.get();
    }

    /** Business time of the last command handed out (for progress output); null before the first. */
    public Instant businessTime() {
        return businessTime;
    }

    public boolean finished() {
        return finished;
    }

    /** Why the generator stopped early, or null while it runs or after it ended as planned. */
    public Failure failure() {
        return failure;
    }

    /** Called once, on the generator's thread, when it stops early ({@link #failure()}). */
    public void onFailure(Consumer<Failure> listener) {
        this.onFailure = listener;
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after Axon and stops before it, so no command is sent to a stopped bus. */
    @Override
    public int getPhase() {
        return Phase.GENERATOR.value();
    }
}
