package dev.salesflow.bench;

import dev.salesflow.app.SalesflowApplication;
import dev.salesflow.app.replay.ReplayCommand;
import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.generation.GeneratorRunner;
import dev.salesflow.projection.replay.ReplayResult;
import dev.salesflow.projection.replay.ReplayService;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Replay speed: fills a data directory with a deterministic backfill through the real command side
 * (unless it already holds one), then replays each projection alone and all of them together in
 * maintenance mode, and prints events per second and where the time went.
 *
 * <pre>./run.sh bench-replay --backfill-days 30</pre>
 */
@Command(
        name = "bench-replay",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = "Measures how fast the projections are rebuilt from the event store.")
public class ReplayBenchmark implements Callable<Integer> {

    @Option(
            names = "--backfill-days",
            defaultValue = "30",
            description = "Days of history to replay (default: ${DEFAULT-VALUE}).")
    int backfillDays;

    @Option(
            names = "--sales-per-day",
            defaultValue = "2000",
            description = "Average sales per day (default: ${DEFAULT-VALUE}).")
    int salesPerDay;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--rounds",
            defaultValue = "2",
            description =
                    "Replays of all projections together; the first warms" + " the JVM up (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--each",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Also replay each projection alone (default: ${DEFAULT-VALUE}).")
    boolean each;

    @Option(
            names = "--replay-only",
            description = "Replay what --data-dir holds, generate nothing (e.g. after an" + " interrupted backfill).")
    boolean replayOnly;

    @Option(
            names = "--data-dir",
            description = "Data directory; default: a new folder under ./data-bench, deleted "
                    + "afterwards. An existing one with the same backfill is reused (no new events).")
    Path dataDir;

    /** Anything else goes to Spring, e.g. --salesflow.replay.batch-size=10000. */
    @CommandLine.Unmatched
    List<String> passThrough = new ArrayList<>();

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.exit(new CommandLine(new ReplayBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        boolean temporary = dataDir == null;
        Path dir = temporary
                ? Files.createDirectories(Path.of("data-bench")).resolve("replay-" + System.currentTimeMillis())
                : dataDir;
        Map<String, String> properties = new LinkedHashMap<>();
        for (String argument : ReplayCommand.maintenanceArguments(
                dir.toAbsolutePath().normalize().toString())) {
            String[] pair = argument.substring(2).split("=", 2);
            properties.put(pair[0], pair[1]);
        }
        if (replayOnly && dataDir == null) {
            throw new IllegalArgumentException("--replay-only needs --data-dir with events in it");
        }
        properties.put("salesflow.generator.enabled", Boolean.toString(!replayOnly));
        properties.put("salesflow.generator.seed", Long.toString(seed));
        properties.put("salesflow.generator.rate", "0");
        properties.put("salesflow.generator.backfill-days", Integer.toString(backfillDays));
        properties.put("salesflow.generator.sales-per-day", Integer.toString(salesPerDay));
        properties.put("salesflow.generator.until", "2026-11-01T00:00:00Z");
        properties.put("logging.level.dev.salesflow", "WARN");
        List<String> arguments = new ArrayList<>();
        properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        arguments.addAll(passThrough);
        try (ConfigurableApplicationContext context =
                new SpringApplicationBuilder(SalesflowApplication.class).run(arguments.toArray(String[]::new))) {
            if (!replayOnly) {
                backfill(context);
            }
            ReplayService replays = context.getBean(ReplayService.class);
            long events = context.getBean(EventStoreQueries.class).countEvents();
            System.out.printf(
                    "Replay benchmark: %,d events in %s | %d cores | JVM max heap %d MB | load %s%n",
                    events,
                    dir,
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20,
                    loadAverage());
            List<String> rows = new ArrayList<>();
            if (each) {
                for (String name : replays.projections().keySet()) {
                    long cpu = processCpuNanos();
                    rows.add(row(name, replays.run(name, line -> {}), processCpuNanos() - cpu));
                }
            }
            for (int round = 1; round <= rounds; round++) {
                long cpu = processCpuNanos();
                ReplayResult all = replays.run(ReplayService.ALL, line -> System.out.println("  " + line));
                rows.add(row("all together, round " + round, all, processCpuNanos() - cpu));
            }
            System.out.println();
            System.out.printf(
                    "%-28s %10s %10s %9s %9s %9s %9s %9s %9s%n",
                    "projection(s)",
                    "events",
                    "events/s",
                    "read s",
                    "wait s",
                    "apply s",
                    "write s",
                    "finish s",
                    "cpu s");
            System.out.println(
                    "(read: on the read-ahead thread, alongside apply and write; wait: the replay waiting for"
                            + " it; cpu: the whole JVM's CPU time during the replay, all threads)");
            rows.forEach(System.out::println);
            System.out.printf("load average after: %s%n", loadAverage());
        } finally {
            if (temporary) {
                deleteRecursively(dir);
            }
        }
        return 0;
    }

    private void backfill(ConfigurableApplicationContext context) throws InterruptedException {
        GeneratorRunner generator = context.getBean(GeneratorRunner.class);
        EventStoreQueries store = context.getBean(EventStoreQueries.class);
        long start = System.nanoTime();
        long lastReport = start;
        while (!generator.finished()) {
            TimeUnit.MILLISECONDS.sleep(200);
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                lastReport = System.nanoTime();
                System.out.printf(
                        "backfill: %,d sales sent, business time %s%n",
                        generator.salesSent(), generator.businessTime());
            }
        }
        System.out.printf(
                "backfill: %,d commands sent in %.0f s; %,d events stored%n",
                generator.commandsSent(), (System.nanoTime() - start) / 1e9, store.countEvents());
    }

    private static String row(String name, ReplayResult result, long cpuNanos) {
        ReplayResult.Timings t = result.timings();
        return String.format(
                "%-28s %,10d %,10.0f %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f",
                name,
                result.events(),
                t.eventsPerSecond(result.events()),
                t.readNanos() / 1e9,
                t.waitNanos() / 1e9,
                t.applyNanos() / 1e9,
                t.writeNanos() / 1e9,
                t.finishNanos() / 1e9,
                cpuNanos / 1e9);
    }

    /** CPU time of this JVM so far, all threads (-1 where the platform does not tell). */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
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
