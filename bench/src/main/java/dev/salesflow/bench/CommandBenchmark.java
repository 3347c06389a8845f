package dev.salesflow.bench;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.domain.infra.CommandSide;
import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.generator.SalesSimulation;
import dev.salesflow.generator.SimulationSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Sales per second through the domain into the event store: the command side alone (Axon command
 * bus, aggregates, the sale_parties check, Jackson, the event store on the configured database).
 * Its own Spring Boot configuration imports only that, so no Pub/Sub emulator or relay, bronze job,
 * projection, mart or web server starts. Commands come from the generator's simulation; each is
 * sent with {@code sendAndWait}, one transaction per command.
 *
 * <pre>./run.sh bench-commands --seconds 60 --threads 2</pre>
 */
@Command(
        name = "bench-commands",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = "Measures sales per second through the domain into the event store (command side only).")
public class CommandBenchmark implements Callable<Integer> {

    @Option(
            names = "--seconds",
            defaultValue = "60",
            description = "Measured time after warm-up (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
            names = "--warmup",
            defaultValue = "20",
            description = "Warm-up seconds, not counted (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--threads", defaultValue = "2", description = "Sender threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--report-every",
            defaultValue = "5",
            description = "Seconds between figures (default: ${DEFAULT-VALUE}).")
    int reportEvery;

    @Option(
            names = "--with-reader",
            description = "Also tail the event store as the relay does (a tracking stream),"
                    + " so the store flushes to disk before each batch it hands out, as in the application.")
    boolean withReader;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--data-dir",
            description = "Event store folder; default: a new folder under ./data-bench, deleted afterwards.")
    Path dataDir;

    /** Anything else goes to Spring, e.g. --spring.profiles.active=postgres. */
    @CommandLine.Unmatched
    List<String> passThrough = new ArrayList<>();

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.exit(new CommandLine(new CommandBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        boolean temporary = dataDir == null;
        Path dir = temporary
                ? Files.createDirectories(Path.of("data-bench")).resolve("run-" + System.currentTimeMillis())
                : dataDir;
        List<String> arguments = new ArrayList<>(List.of(
                "--salesflow.data-dir=" + dir.toAbsolutePath().normalize(),
                "--spring.main.web-application-type=none",
                "--spring.cloud.gcp.pubsub.enabled=false",
                "--logging.level.dev.salesflow=WARN"));
        arguments.addAll(passThrough);
        System.out.println("Command-side benchmark: Axon command bus -> aggregates (with the sale_parties check)"
                + " -> event store. Not started: Pub/Sub emulator and relay, bronze job, projections, marts, web.");
        try (ConfigurableApplicationContext context =
                new SpringApplicationBuilder(CommandSide.class).run(arguments.toArray(String[]::new))) {
            System.out.println("Event store: " + context.getEnvironment().getProperty("spring.datasource.url")
                    + " | threads " + threads + " | warm-up " + warmupSeconds + " s | measured " + seconds + " s");
            Tail tail = withReader ? new Tail(context.getBean(EventStore.class)) : null;
            try {
                run(context.getBean(CommandGateway.class), context.getBean(EventStoreQueries.class));
            } finally {
                if (tail != null) {
                    System.out.printf("reader: %d events read from a tracking stream%n", tail.stop());
                }
            }
        } finally {
            if (temporary) {
                deleteRecursively(dir);
            }
        }
        return 0;
    }

    private void run(CommandGateway commands, EventStoreQueries eventStore) throws InterruptedException {
        SalesSimulation simulation = new SalesSimulation(SimulationSettings.withSeed(seed));
        Instant catalogueAt = Instant.now();
        for (Object command : simulation.catalogue(catalogueAt)) {
            commands.sendAndWait(command);
        }
        AtomicLong placed = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<Thread> senders = new ArrayList<>();
        long endNanos =
                System.nanoTime() + Duration.ofSeconds(warmupSeconds + seconds).toNanos();
        for (int t = 0; t < threads; t++) {
            Thread sender = new Thread(
                    () -> {
                        while (System.nanoTime() < endNanos) {
                            PlaceSaleCommand sale;
                            synchronized (simulation) { // one deterministic sequence, shared
                                sale = simulation.nextSale(Instant.now());
                            }
                            try {
                                commands.sendAndWait(sale);
                                placed.incrementAndGet();
                            } catch (InvalidCommandException e) {
                                refused.incrementAndGet();
                            }
                        }
                    },
                    "bench-sender-" + t);
            sender.start();
            senders.add(sender);
        }

        long warmupEnd = System.nanoTime() + Duration.ofSeconds(warmupSeconds).toNanos();
        sleepUntil(warmupEnd);
        long measuredStart = System.nanoTime();
        long startCount = placed.get();
        long last = startCount;
        long lastNanos = measuredStart;
        System.out.printf("warm-up done: %d sales placed, %d refused%n", startCount, refused.get());
        for (int i = 1; i * (long) reportEvery <= seconds; i++) {
            sleepUntil(
                    measuredStart + Duration.ofSeconds((long) i * reportEvery).toNanos());
            long now = System.nanoTime();
            long count = placed.get();
            System.out.printf(
                    "%4d s  %8.0f sales/s  (load average %s)%n",
                    i * reportEvery, (count - last) * 1e9 / (now - lastNanos), loadAverage());
            last = count;
            lastNanos = now;
        }
        long measuredCount = placed.get() - startCount;
        double measuredSeconds = (System.nanoTime() - measuredStart) / 1e9;
        for (Thread sender : senders) {
            sender.join();
        }
        System.out.printf(
                "average over %.0f s: %.0f sales/s with %d threads | refused: %d | events stored: %d"
                        + " (load average %s)%n",
                measuredSeconds,
                measuredCount / measuredSeconds,
                threads,
                refused.get(),
                eventStore.countEvents(),
                loadAverage());
    }

    /** Reads every event as a tracking processor would, without deserialising the payloads. */
    private static final class Tail {
        private final BlockingStream<TrackedEventMessage<?>> stream;
        private final AtomicLong read = new AtomicLong();
        private final Thread thread;

        Tail(EventStore eventStore) {
            stream = eventStore.openStream(null);
            thread = new Thread(
                    () -> {
                        try {
                            while (!Thread.currentThread().isInterrupted()) {
                                if (stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
                                    stream.nextAvailable();
                                    read.incrementAndGet();
                                }
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } catch (RuntimeException e) {
                            if (!Thread.currentThread().isInterrupted()) {
                                throw e;
                            }
                        }
                    },
                    "bench-reader");
            thread.start();
        }

        long stop() throws InterruptedException {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(10));
            stream.close();
            return read.get();
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, wait / 1_000_000));
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
