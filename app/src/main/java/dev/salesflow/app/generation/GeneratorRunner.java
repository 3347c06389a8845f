package dev.salesflow.app.generation;

import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.app.eventstore.EventStoreQueries;
import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.customer.RegisterCustomerCommand;
import dev.salesflow.domain.api.product.ListProductCommand;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.domain.api.store.OpenStoreCommand;
import dev.salesflow.generator.SalesSimulation;
import dev.salesflow.generator.SimulationSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Drives the simulated business: sends the catalogue, then sales at the configured rate, as
 * commands through Axon. On a data directory that already holds events it resumes the same
 * deterministic sequence where it stopped, so no aggregate is created twice.
 *
 * <p>Business time is read from the {@code businessClock} once for the catalogue and once per sale.
 */
@Component
@ConditionalOnProperty(name = "salesflow.generator.enabled", havingValue = "true", matchIfMissing = true)
public class GeneratorRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GeneratorRunner.class);

    private final SalesflowProperties.Generator settings;
    private final CommandGateway commands;
    private final EventStoreQueries eventStore;
    private final SeedLock seedLock;
    private final Clock businessClock;
    private final AtomicLong salesSent = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean running;
    private volatile boolean finished;
    private Thread worker;

    public GeneratorRunner(SalesflowProperties properties, CommandGateway commands, EventStoreQueries eventStore,
                           SeedLock seedLock, Clock businessClock) {
        this.settings = properties.generator();
        this.commands = commands;
        this.eventStore = eventStore;
        this.seedLock = seedLock;
        this.businessClock = businessClock;
    }

    @Override
    public void start() {
        seedLock.check(settings);
        running = true;
        worker = new Thread(this::generate, "sales-generator");
        worker.start();
    }

    private void generate() {
        try {
            SalesSimulation simulation = new SalesSimulation(new SimulationSettings(settings.seed(),
                    settings.products(), settings.customers(), settings.stores()));
            sendCatalogue(simulation);
            long alreadyPlaced = eventStore.countAggregates("Sale");
            if (alreadyPlaced > 0) {
                log.info("Resuming the simulation after {} sales already in the event store", alreadyPlaced);
                simulation.skip(alreadyPlaced);
            }
            sendSales(simulation);
        } catch (RuntimeException e) {
            log.error("The sales generator stopped: {}", e.getMessage(), e);
        } finally {
            finished = true;
        }
    }

    private void sendCatalogue(SalesSimulation simulation) {
        List<Object> catalogue = simulation.catalogue(businessClock.instant());
        Set<String> existing = eventStore.aggregateIds(List.of("Product", "Store", "Customer"));
        int sent = 0;
        for (Object command : catalogue) {
            if (!running) {
                return;
            }
            if (!existing.contains(aggregateId(command))) {
                send(command);
                sent++;
            }
        }
        log.info("Catalogue: {} commands sent, {} already in the event store", sent, catalogue.size() - sent);
    }

    private void sendSales(SalesSimulation simulation) {
        long startNanos = System.nanoTime();
        Long count = settings.count();
        long deadlineNanos = settings.duration() == null ? Long.MAX_VALUE : startNanos + settings.duration().toNanos();
        while (running && (count == null || salesSent.get() < count) && System.nanoTime() < deadlineNanos) {
            pace(startNanos, salesSent.get());
            PlaceSaleCommand sale = simulation.nextSale(businessClock.instant());
            if (send(sale)) {
                salesSent.incrementAndGet();
            }
        }
        log.info("Sales generator done: {} sales sent in this run, {} refused", salesSent.get(), rejected.get());
    }

    /** Waits until the n-th sale of this run is due at the configured rate (no wait when rate is 0). */
    private void pace(long startNanos, long n) {
        if (settings.rate() <= 0) {
            return;
        }
        long dueNanos = startNanos + (long) (n * TimeUnit.SECONDS.toNanos(1) / settings.rate());
        long waitNanos;
        while (running && (waitNanos = dueNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(200)));
        }
    }

    private boolean send(Object command) {
        try {
            commands.sendAndWait(command);
            return true;
        } catch (InvalidCommandException e) {
            // The domain refused it: count and report, never drop silently.
            rejected.incrementAndGet();
            log.warn("Command refused by the domain: {} ({})", e.getMessage(), command);
            return false;
        }
    }

    private static String aggregateId(Object command) {
        if (command instanceof ListProductCommand product) {
            return product.productId();
        }
        if (command instanceof OpenStoreCommand store) {
            return store.storeId();
        }
        if (command instanceof RegisterCustomerCommand customer) {
            return customer.customerId();
        }
        throw new IllegalStateException("Unexpected catalogue command " + command.getClass().getSimpleName());
    }

    public long salesSent() {
        return salesSent.get();
    }

    public long rejected() {
        return rejected.get();
    }

    public boolean finished() {
        return finished;
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
        return Integer.MAX_VALUE - 100;
    }
}
