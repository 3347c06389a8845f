package dev.salesflow.generation;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.customer.ChangeCustomerEmailCommand;
import dev.salesflow.domain.api.customer.ChangeLoyaltyTierCommand;
import dev.salesflow.domain.api.customer.MoveCustomerCommand;
import dev.salesflow.domain.api.customer.RegisterCustomerCommand;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * Commands go through a {@link CommandPipeline}: several senders, a bounded number in flight, each
 * command after those it depends on (same aggregate, a sale's parties; barriers for closures,
 * discontinuations and rates). A live run registers its customer base in the background while sales
 * start (each customer before the first command that needs it), so the first sale is stored within
 * a second of the start rather than after 20,000 registrations; the events are the same.
 *
 * <p>On a data directory that already holds events it resumes: it counts the stored sales,
 * fast-forwards the simulation over all but the last {@link #MAX_IN_FLIGHT} of them without
 * sending (commands were in flight in any order at the stop), and sends from there. Creations are
 * skipped when their aggregate exists (sales of that stretch are looked up); the other commands of
 * the stretch may have been applied before the stop and the domain treats such repeats as no-ops.
 */
public class GeneratorRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GeneratorRunner.class);

    /** Threads that send commands: the command side on 2 cores is fastest with a few in parallel. */
    static final int SENDERS = 4;

    /**
     * Commands sent and not yet ended at most. Also how far back a resume re-sends: it must not be
     * smaller than in any run that wrote the data directory.
     */
    static final int MAX_IN_FLIGHT = 256;

    private final GeneratorSettings options;
    private final CommandGateway commands;
    private final EventStoreQueries eventStore;
    private final SeedLock seedLock;
    private final Clock businessClock;
    private final BacklogGate gate;
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
    private volatile CommandPipeline pipeline;
    /** Live runs: customer registrations not sent yet, in stream order. */
    private final LinkedHashMap<String, Object> unregistered = new LinkedHashMap<>();

    public GeneratorRunner(
            GeneratorSettings options,
            CommandGateway commands,
            EventStoreQueries eventStore,
            SeedLock seedLock,
            Clock businessClock) {
        this(options, commands, eventStore, seedLock, businessClock, PipelineBacklog.NONE);
    }

    /** @param backlog how far the stages after the store are behind, for {@link GeneratorSettings#maxBacklog()} */
    public GeneratorRunner(
            GeneratorSettings options,
            CommandGateway commands,
            EventStoreQueries eventStore,
            SeedLock seedLock,
            Clock businessClock,
            PipelineBacklog backlog) {
        this.options = options;
        this.commands = commands;
        this.eventStore = eventStore;
        this.seedLock = seedLock;
        this.businessClock = businessClock;
        this.gate = new BacklogGate(backlog, options.effectiveMaxBacklog());
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
        try (CommandPipeline pipeline = new CommandPipeline(commands, SENDERS, MAX_IN_FLIGHT, new Counting())) {
            this.pipeline = pipeline;
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
            ArrayDeque<TimedCommand> ahead = new ArrayDeque<>();
            Set<String> existing = new HashSet<>();
            if (alreadyPlaced > 0) {
                // Up to MAX_IN_FLIGHT commands were in flight at the stop, in any order: the stored sales
                // are not a prefix of the stream. Commands are sent again from the first sale the store
                // lacks (at the latest from sale stored - MAX_IN_FLIGHT), creations skipped when their
                // aggregate exists; the domain ignores a change to a value already held.
                long safe = Math.max(0, alreadyPlaced - MAX_IN_FLIGHT);
                long firstMissing = firstMissingSale(simulation, safe);
                if (firstMissing < safe) {
                    log.info(
                            "Sale {} of the simulation is not in the event store although later ones are (it was in"
                                    + " flight at a stop): resuming from it",
                            firstMissing);
                    safe = firstMissing;
                }
                log.info(
                        "Resuming the simulation after {} sales already in the event store (from sale {} on, what"
                                + " is stored already is skipped)",
                        alreadyPlaced,
                        safe);
                // Creations passed over may be missing (registrations that were still deferred, see
                // send): they go first, each skipped again if its aggregate exists.
                List<TimedCommand> creations = new ArrayList<>();
                while (simulation.salesPlaced() < safe) {
                    TimedCommand passed = simulation.next();
                    if (passed == null) {
                        break;
                    }
                    if (passed.createsAggregate() && !(passed.command() instanceof PlaceSaleCommand)) {
                        creations.add(passed);
                    }
                }
                ahead.addAll(creations);
                if (plan.backfill() == null && simulation.latestRates() != null) {
                    // Today's rates may have been published while fast-forwarding: send them again (a no-op if stored).
                    send(simulation.latestRates().command());
                }
                // The sales that may have been stored after the safe point: read ahead to the last one.
                List<String> saleIds = new ArrayList<>();
                for (TimedCommand next = simulation.next();
                        next != null;
                        next = saleIds.size() < alreadyPlaced - safe + MAX_IN_FLIGHT ? simulation.next() : null) {
                    ahead.add(next);
                    if (next.command() instanceof PlaceSaleCommand sale) {
                        saleIds.add(sale.saleId());
                    }
                }
                existing.addAll(eventStore.existingAggregates(saleIds));
            }
            existing.addAll(eventStore.aggregateIds(List.of("Product", "Store", "Customer")));
            send(simulation, ahead, existing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("The sales generator was interrupted");
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
     * The number (0-based) of the first sale below {@code below} that the store lacks; {@code below}
     * if it holds them all. The in-flight bound does not make the stored sales a prefix up to
     * {@code stored - MAX_IN_FLIGHT}: it bounds how many commands are in flight at once, not how long
     * one stays in flight, and a sale waiting on its customer, store or products, or on a lock, can
     * still be in flight while hundreds after it commit; a stop then loses it far before the last
     * stored sale, and its follow-ups would find no sale. Asked in pages of ids, once per start.
     */
    private long firstMissingSale(SalesSimulation simulation, long below) {
        final int page = 500;
        for (long from = 0; from < below; from += page) {
            List<String> ids = new ArrayList<>(page);
            for (long n = from; n < Math.min(below, from + page); n++) {
                ids.add(simulation.saleId(n));
            }
            Set<String> stored = eventStore.existingAggregates(ids);
            for (int i = 0; i < ids.size(); i++) {
                if (!stored.contains(ids.get(i))) {
                    return from + i;
                }
            }
        }
        return below;
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

    private void send(SalesSimulation simulation, ArrayDeque<TimedCommand> ahead, Set<String> existing)
            throws InterruptedException {
        long startNanos = System.nanoTime();
        Pace pace = new Pace(startNanos);
        Long count = options.count();
        long deadlineNanos = options.duration() == null
                ? Long.MAX_VALUE
                : startNanos + options.duration().toNanos();
        boolean live = plan.backfill() == null;
        long skipped = 0;
        long submittedSales = 0;
        LocalDate reportedDay = null;
        while (running && (count == null || submittedSales < count) && System.nanoTime() < deadlineNanos) {
            if (live) {
                pace(pace, submittedSales);
            }
            TimedCommand next = ahead.isEmpty() ? simulation.next() : ahead.poll();
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
            if (live && next.command() instanceof RegisterCustomerCommand registration) {
                // Live: the customer base is registered in the background while sales start; a
                // customer's registration is sent at the latest before the first command that needs it.
                unregistered.put(registration.customerId(), registration);
                continue;
            }
            String customer = customerOf(next.command());
            if (customer != null) {
                Object registration = unregistered.remove(customer);
                if (registration != null) {
                    submit(registration, pace, submittedSales);
                }
            }
            submit(next.command(), pace, submittedSales);
            if (next.command() instanceof PlaceSaleCommand) {
                submittedSales++;
            }
            LocalDate day = LocalDate.ofInstant(next.at(), ZoneOffset.UTC);
            if (!live && !day.equals(reportedDay)) {
                reportedDay = day;
                log.info("Backfill reached business date {} ({} sales sent)", day, salesSent.get());
            }
        }
        // A run that ends by count or duration still registers the whole customer base; a stop
        // leaves the rest to the next start (resume sends the registrations that are missing).
        while (running && !unregistered.isEmpty()) {
            registerNext(pace, submittedSales);
        }
        pipeline.drain();
        log.info(
                "Sales generator done: {} sales and {} commands sent in this run, {} refused, {} creations skipped"
                        + " (already stored)",
                salesSent.get(),
                commandsSent.get(),
                rejected.get(),
                skipped);
    }

    /**
     * Submits a command once the pipeline's backlog is within the bound. A wait for the backlog
     * re-bases the live pace at now: the time held back is not caught up afterwards, so the rate
     * never exceeds the configured one.
     *
     * @param sales sales submitted in this run so far (where the pace starts again after a wait)
     */
    private void submit(Object command, Pace pace, long sales) throws InterruptedException {
        if (gate.awaitRoom(() -> running)) {
            pace.rebase(System.nanoTime(), sales);
        }
        if (!running) {
            return;
        }
        pipeline.submit(command);
    }

    /**
     * When the n-th sale of this run is due: at the configured rate from the pace's base, which a
     * wait for the pipeline's backlog moves to the moment the wait ended.
     */
    static final class Pace {
        private long baseNanos;
        private long baseSales;

        Pace(long startNanos) {
            this.baseNanos = startNanos;
        }

        void rebase(long nowNanos, long sales) {
            baseNanos = nowNanos;
            baseSales = sales;
        }

        long dueNanos(long n, double rate) {
            return baseNanos + (long) ((n - baseSales) * TimeUnit.SECONDS.toNanos(1) / rate);
        }
    }

    /**
     * Waits until the n-th sale of this run is due at the configured rate (no wait when rate is 0),
     * sending deferred customer registrations meanwhile.
     */
    private void pace(Pace pace, long n) throws InterruptedException {
        if (options.rate() <= 0) {
            return;
        }
        long waitNanos;
        while (running && (waitNanos = pace.dueNanos(n, options.rate()) - System.nanoTime()) > 0) {
            if (!unregistered.isEmpty() && pipeline.inFlight() < MAX_IN_FLIGHT / 2) {
                registerNext(pace, n);
            } else {
                LockSupport.parkNanos(
                        Math.min(waitNanos, unregistered.isEmpty() ? TimeUnit.MILLISECONDS.toNanos(200) : 1_000_000));
            }
        }
    }

    private void registerNext(Pace pace, long sales) throws InterruptedException {
        var first = unregistered.entrySet().iterator();
        Object registration = first.next().getValue();
        first.remove();
        submit(registration, pace, sales);
    }

    /** The customer a command needs registered (a sale's buyer, a change's subject); null if none. */
    private static String customerOf(Object command) {
        if (command instanceof PlaceSaleCommand c) {
            return c.customerId();
        }
        if (command instanceof ChangeLoyaltyTierCommand c) {
            return c.customerId();
        }
        if (command instanceof MoveCustomerCommand c) {
            return c.customerId();
        }
        if (command instanceof ChangeCustomerEmailCommand c) {
            return c.customerId();
        }
        return null;
    }

    /** One command alone, after everything before it. */
    private void send(Object command) {
        try {
            pipeline.drain();
            pipeline.submit(command);
            pipeline.drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending " + command, e);
        }
    }

    /** Counts what the senders report. */
    private final class Counting implements CommandPipeline.Outcome {
        @Override
        public void sent(Object command) {
            commandsSent.incrementAndGet();
            if (command instanceof PlaceSaleCommand) {
                salesSent.incrementAndGet();
            }
        }

        @Override
        public void refused(Object command, InvalidCommandException reason) {
            // The domain refused it: count and report, never drop silently.
            rejected.incrementAndGet();
            log.warn("Command refused by the domain: {} ({})", reason.getMessage(), command);
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

    /** Commands submitted and not yet ended (for tests). */
    int commandsInFlight() {
        CommandPipeline current = pipeline;
        return current == null ? 0 : current.inFlight();
    }

    /** Whether the generator waits for the pipeline's backlog now, the last reading and the time held back. */
    public GeneratorHoldBack holdBack() {
        return gate.state();
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
