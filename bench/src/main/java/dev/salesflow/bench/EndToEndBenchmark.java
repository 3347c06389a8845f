package dev.salesflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesflow.app.SalesflowApplication;
import dev.salesflow.app.gold.MartScheduler;
import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.generation.GeneratorRunner;
import dev.salesflow.generation.GeneratorSettings;
import dev.salesflow.gold.ModelRunner;
import dev.salesflow.relay.PubSubRelay;
import dev.salesflow.warehouse.Warehouse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole embedded application from an empty data directory (issue 14 item 1): a backfill as
 * fast as the command side takes it, and the time until each stage holds every stored event:
 * events stored (generator done), relayed (confirmed by Pub/Sub), in bronze, each silver / SCD2
 * projection caught up with the head of the store, and a gold refresh that started after all of
 * them. Times count from the moment the application is ready; events/s is events over that time.
 *
 * <pre>./run.sh bench-end-to-end --backfill-days 30</pre>
 *
 * <p>With {@code --live} (issue 14 item 2) it starts a live run instead, as {@code ./run.sh} does on
 * an empty data directory, and prints when the first sale was stored, in silver, and visible through
 * the dashboard's API (the page itself polls that API every 3 s), then how long the customer base
 * took to register in the background.
 *
 * <pre>./run.sh bench-end-to-end --live</pre>
 */
@Command(
        name = "bench-end-to-end",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = "Measures the whole embedded application: backfill from an empty data directory until every stage"
                + " (store, relay, bronze, silver / SCD2, gold) holds every event.")
public class EndToEndBenchmark implements Callable<Integer> {

    @Option(
            names = "--backfill-days",
            defaultValue = "30",
            description = "Days of history (default: ${DEFAULT-VALUE}).")
    int backfillDays;

    @Option(
            names = "--sales-per-day",
            defaultValue = "2000",
            description = "Average sales per day (default: ${DEFAULT-VALUE}).")
    int salesPerDay;

    @Option(
            names = "--live",
            description = "Measure a live start instead: first sale stored / in silver / visible on the dashboard.")
    boolean live;

    @Option(
            names = "--rate",
            defaultValue = "20",
            description = "With --live: sales per second (default: ${DEFAULT-VALUE}, as ./run.sh).")
    double rate;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--timeout-minutes",
            defaultValue = "30",
            description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    int timeoutMinutes;

    @Option(
            names = "--data-dir",
            description = "A data directory that must not exist yet; default: a new folder under"
                    + " ./data-bench, deleted afterwards.")
    Path dataDir;

    /** Anything else goes to Spring, e.g. --salesflow.pubsub.emulator.grpc-port=8095. */
    @CommandLine.Unmatched
    List<String> passThrough = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        boolean temporary = dataDir == null;
        Path dir = temporary
                ? Files.createDirectories(Path.of("data-bench")).resolve("end-to-end-" + System.currentTimeMillis())
                : dataDir;
        if (Files.exists(dir)) {
            throw new IllegalArgumentException(dir + " exists: the benchmark starts from an empty data directory");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("salesflow.data-dir", dir.toAbsolutePath().normalize().toString());
        properties.put("salesflow.generator.seed", Long.toString(seed));
        if (live) {
            properties.put("salesflow.generator.rate", Double.toString(rate));
        } else {
            properties.put("salesflow.generator.rate", "0");
            properties.put("salesflow.generator.backfill-days", Integer.toString(backfillDays));
            properties.put("salesflow.generator.sales-per-day", Integer.toString(salesPerDay));
            properties.put("salesflow.generator.until", "2026-11-01T00:00:00Z");
        }
        properties.put("server.port", "0");
        properties.put("logging.level.dev.salesflow", "WARN");
        properties.put("logging.level.salesflow.progress", "WARN");
        List<String> arguments = new ArrayList<>();
        properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        arguments.addAll(passThrough);
        System.out.printf(
                "End-to-end benchmark: %s into %s | %d cores | max heap %d MB | load %s%n",
                live
                        ? String.format("live start at %s sales/s", rate)
                        : String.format("%d-day backfill at %d sales/day", backfillDays, salesPerDay),
                dir,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                RelayBenchmark.loadAverage());
        long launched = System.nanoTime();
        try (ConfigurableApplicationContext context =
                new SpringApplicationBuilder(SalesflowApplication.class).run(arguments.toArray(String[]::new))) {
            long ready = System.nanoTime();
            System.out.printf(
                    "application ready after %.1f s, %.1f s of process CPU (load %s)%n",
                    (ready - launched) / 1e9, processCpuSeconds(), RelayBenchmark.loadAverage());
            if (live) {
                new LiveStart(context, launched, ready).follow(TimeUnit.MINUTES.toNanos(timeoutMinutes));
            } else {
                new Stages(context, ready).follow(TimeUnit.MINUTES.toNanos(timeoutMinutes));
            }
        } finally {
            if (temporary) {
                deleteRecursively(dir);
            }
        }
        return 0;
    }

    /** CPU time of this JVM (all threads) in seconds: on a shared host a steadier figure than wall time. */
    static double processCpuSeconds() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e9
                : Double.NaN;
    }

    /** Watches every stage until it holds every stored event, and prints when each got there. */
    private static final class Stages {
        private final GeneratorRunner generator;
        private final EventStoreQueries store;
        private final EventStore eventStore;
        private final PubSubRelay relay;
        private final Warehouse warehouse;
        private final MartScheduler marts;
        private final EventProcessingConfiguration processing;
        private final long ready;
        private final Map<String, Long> doneAt = new LinkedHashMap<>();
        private long events = -1;
        private long headIndex = -1;
        private long projectionsDoneAt = -1;
        private final double cpuAtReady = processCpuSeconds();
        private final Map<String, Double> cpuAt = new LinkedHashMap<>();

        Stages(ConfigurableApplicationContext context, long ready) {
            this.generator = context.getBean(GeneratorRunner.class);
            this.store = context.getBean(EventStoreQueries.class);
            this.eventStore = context.getBean(EventStore.class);
            this.relay = context.getBean(PubSubRelay.class);
            this.warehouse = context.getBean(Warehouse.class);
            this.marts = context.getBean(MartScheduler.class);
            this.processing = context.getBean(EventProcessingConfiguration.class);
            this.ready = ready;
        }

        void follow(long timeoutNanos) throws InterruptedException {
            long lastReport = System.nanoTime();
            while (!allDone()) {
                if (System.nanoTime() - ready > timeoutNanos) {
                    System.out.println("timed out; stages not done: " + pending());
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(250);
                check();
                if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(15)) {
                    lastReport = System.nanoTime();
                    System.out.printf(
                            "  %.0f s: %,d events stored, %,d relayed, %,d in bronze; waiting for %s (load %s)%n",
                            seconds(lastReport),
                            store.countEvents(),
                            relay.published(),
                            bronzeRows(),
                            pending(),
                            RelayBenchmark.loadAverage());
                }
            }
            System.out.println();
            System.out.printf(
                    "%-36s %10s %10s %12s %10s%n", "stage holds every event", "events", "seconds", "events/s", "CPU s");
            doneAt.forEach((stage, at) -> System.out.printf(
                    "%-36s %,10d %10.1f %,12.0f %10.1f%n",
                    stage, events, seconds(at), events / seconds(at), cpuAt.get(stage)));
            System.out.printf(
                    "process CPU: %.1f s in all, %.1f s since ready (2 cores: the wall time's lower bound on a quiet"
                            + " host is half of it)%n",
                    processCpuSeconds(), processCpuSeconds() - cpuAtReady);
            System.out.printf("load average after: %s%n", RelayBenchmark.loadAverage());
        }

        private void check() {
            if (events < 0) {
                if (!generator.finished()) {
                    return;
                }
                events = store.countEvents();
                headIndex = position(eventStore.createHeadToken());
                mark("events stored (backfill done)");
            }
            if (relay.published() >= events) {
                mark("relayed (confirmed by Pub/Sub)");
            }
            if (!doneAt.containsKey("in bronze") && bronzeRows() >= events) {
                mark("in bronze");
            }
            boolean allProjections = true;
            for (var entry : processing.eventProcessors().entrySet()) {
                if (!(entry.getValue() instanceof TrackingEventProcessor processor)
                        || entry.getKey().equals(PubSubRelay.PROCESSING_GROUP)) {
                    continue;
                }
                String stage = "projection " + entry.getKey();
                if (!doneAt.containsKey(stage)) {
                    if (caughtUp(processor)) {
                        mark(stage);
                    } else {
                        allProjections = false;
                    }
                }
            }
            if (allProjections && projectionsDoneAt < 0) {
                projectionsDoneAt = System.nanoTime();
            }
            ModelRunner.RunResult run = marts.lastRun();
            if (projectionsDoneAt > 0
                    && run != null
                    && run.succeeded()
                    && run.startedAt().isAfter(instantOf(projectionsDoneAt))) {
                mark("gold marts refreshed after that");
            }
        }

        private boolean caughtUp(TrackingEventProcessor processor) {
            Map<Integer, EventTrackerStatus> status = processor.processingStatus();
            if (status.isEmpty()) {
                return false;
            }
            for (EventTrackerStatus segment : status.values()) {
                OptionalLong position = segment.getCurrentPosition();
                if (position.isEmpty() || position.getAsLong() < headIndex) {
                    return false;
                }
            }
            return true;
        }

        private boolean allDone() {
            return doneAt.containsKey("gold marts refreshed after that");
        }

        private String pending() {
            List<String> stages = new ArrayList<>();
            if (events < 0) {
                stages.add("backfill");
            }
            for (String stage : List.of("relayed (confirmed by Pub/Sub)", "in bronze")) {
                if (!doneAt.containsKey(stage)) {
                    stages.add(stage);
                }
            }
            processing.eventProcessors().keySet().stream()
                    .filter(name -> !name.equals(PubSubRelay.PROCESSING_GROUP))
                    .filter(name -> processing.eventProcessors().get(name) instanceof TrackingEventProcessor)
                    .filter(name -> !doneAt.containsKey("projection " + name))
                    .forEach(name -> stages.add("projection " + name));
            if (!allDone()) {
                stages.add("gold");
            }
            return String.join(", ", stages);
        }

        private void mark(String stage) {
            if (doneAt.putIfAbsent(stage, System.nanoTime()) == null) {
                cpuAt.put(stage, processCpuSeconds() - cpuAtReady);
            }
        }

        private long bronzeRows() {
            return warehouse.tableExists("sales_bronze", "sales_events")
                    ? warehouse.count("sales_bronze.sales_events")
                    : 0;
        }

        private double seconds(long nanoTime) {
            return (nanoTime - ready) / 1e9;
        }

        private static Instant instantOf(long nanoTime) {
            return Instant.now().minusNanos(System.nanoTime() - nanoTime);
        }

        private static long position(TrackingToken token) {
            return token == null ? -1 : token.position().orElse(-1);
        }
    }

    /** A live start: when the first sale is stored, in silver, and answered by the dashboard's API. */
    private static final class LiveStart {
        private final GeneratorRunner generator;
        private final EventStoreQueries store;
        private final Warehouse warehouse;
        private final long launched;
        private final long ready;
        private final URI kpis;
        private final HttpClient http = HttpClient.newHttpClient();
        private final ObjectMapper json = new ObjectMapper();

        LiveStart(ConfigurableApplicationContext context, long launched, long ready) {
            this.generator = context.getBean(GeneratorRunner.class);
            this.store = context.getBean(EventStoreQueries.class);
            this.warehouse = context.getBean(Warehouse.class);
            this.launched = launched;
            this.ready = ready;
            String port = context.getEnvironment().getProperty("local.server.port");
            this.kpis = URI.create("http://127.0.0.1:" + port + "/api/dashboard/kpis");
        }

        void follow(long timeoutNanos) throws Exception {
            long stored = -1;
            long inSilver = -1;
            long visible = -1;
            long customersDone = -1;
            long customers = -1;
            while (customersDone < 0 || visible < 0) {
                if (System.nanoTime() - ready > timeoutNanos) {
                    System.out.println("timed out");
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(100);
                if (stored < 0 && generator.salesSent() > 0) {
                    stored = System.nanoTime();
                    report("first sale stored", stored);
                }
                if (stored >= 0 && inSilver < 0 && silverSales() > 0) {
                    inSilver = System.nanoTime();
                    report("first sale in silver (sales_silver.sale_lines)", inSilver);
                }
                if (inSilver >= 0 && visible < 0 && dashboardSales() > 0) {
                    visible = System.nanoTime();
                    report("first sale visible through the dashboard API (/api/dashboard/kpis)", visible);
                }
                if (customersDone < 0 && System.nanoTime() - lastCount > TimeUnit.SECONDS.toNanos(1)) {
                    lastCount = System.nanoTime();
                    customers = store.countAggregates("Customer");
                    if (customers >= GeneratorSettings.DEFAULT_CUSTOMERS) {
                        customersDone = System.nanoTime();
                        report(String.format("all %,d customers registered", customers), customersDone);
                    }
                }
            }
            System.out.printf(
                    "sales stored by then: %,d (load %s)%n",
                    store.countAggregates("Sale"), RelayBenchmark.loadAverage());
        }

        private long lastCount;

        private void report(String what, long at) {
            System.out.printf(
                    "%-72s %6.1f s after ready (%5.1f s after launch), load %s%n",
                    what, (at - ready) / 1e9, (at - launched) / 1e9, RelayBenchmark.loadAverage());
        }

        private long silverSales() {
            return warehouse.tableExists("sales_silver", "sale_lines") ? warehouse.count("sales_silver.sale_lines") : 0;
        }

        private long dashboardSales() {
            try {
                HttpResponse<String> response =
                        http.send(HttpRequest.newBuilder(kpis).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return 0;
                }
                JsonNode sales = json.readTree(response.body()).path("current").path("sales");
                return sales.asLong(0);
            } catch (IOException e) {
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
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
