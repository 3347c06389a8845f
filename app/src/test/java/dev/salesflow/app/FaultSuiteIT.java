package dev.salesflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PublishRequest;
import com.google.pubsub.v1.PublisherGrpc;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.SubscriberGrpc;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.Topic;
import com.google.pubsub.v1.TopicName;
import dev.salesflow.app.bronze.BronzeJob;
import dev.salesflow.app.generation.BackfillExit;
import dev.salesflow.app.progress.ProgressReporter;
import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.domain.api.store.OpenStoreCommand;
import dev.salesflow.events.store.StoreKind;
import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.pubsub.emulator.EmulatorSettings;
import dev.salesflow.pubsub.emulator.PubSubEmulator;
import dev.salesflow.warehouse.DuckDbWarehouse;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The fault suite (issue 12, item 12): the faults and bad inputs the pipeline must survive, each
 * with what it ended with, summed up in {@code target/fault-suite-summary.md} (also printed).
 * Run alone: {@code mvn -B -pl app -am verify -Dit.test=FaultSuiteIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false}; it runs in every {@code mvn -B verify}.
 *
 * <ol>
 *   <li>kill -9 of the packaged application at random moments while sales flow (three times), then
 *       a clean run: every stored event in bronze exactly once and in silver;
 *   <li>bad input on the topic through the real client: malformed, oversize, a duplicate, the same
 *       event id with other content, a revision bronze does not know (each a dead letter with its
 *       reason, the duplicate dropped); messages Cloud Pub/Sub refuses (over 10 MB, an attribute
 *       key over 256 bytes) refused at the door with INVALID_ARGUMENT;
 *   <li>the warehouse file held by another process at start: the start stops with one clear line;
 *   <li>the command side failing in the middle of a backfill (disk full): the generator stops,
 *       status, progress line and health say so, the backfill exits 1 with one line; invalid
 *       commands are refused with the rule they break and store nothing;
 *
 *   <li>bronze's DuckDB writes failing on a full disk (a small tmpfs, root only): restarts, nothing
 *       acked, everything landed once when space is back.
 * </ol>
 *
 * A failed scenario stops every application the suite started, keeps the data directory and the
 * application logs in {@code target/fault-suite-failed/<scenario>/} and prints a diagnosis
 * ({@link FailedScenarioEvidence}): stored and bronze event ids both ways, H2's count against the
 * rows each index walks, every processor's token.
 *
 * Other faults have their own tests in the module they concern: publishes refused under the relay
 * ({@code RelayRecoversFromRefusedPublishTest}), a projection failing ({@code DeadLetterQueueTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    static final Path JAR = Path.of(System.getProperty("salesflow.jar", "target/salesflow.jar"));
    static final Path SUMMARY_FILE = Path.of("target/fault-suite-summary.md");
    static final ObjectMapper JSON = new ObjectMapper();
    static final int KILLS = 3;
    static final Duration PATIENCE = Duration.ofMinutes(5);

    /** One data directory for the scenarios that run the packaged application (a @TempDir field is per test). */
    private Path dataDir;

    private final FaultSummary summary = new FaultSummary();
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port = PipelineEndToEndIT.freePort();
    private final int grpcPort = PipelineEndToEndIT.freePort();
    private final int restPort = PipelineEndToEndIT.freePort();
    /** Set by the crash scenario: the bad input scenario runs on its last, clean run. */
    private Process lastRun;

    private String rawEnvelope;

    @BeforeAll
    void createDataDirectory() throws IOException {
        dataDir = Files.createTempDirectory("salesflow-fault-suite");
    }

    @AfterEach
    void killLeftovers() {
        processes.stream().filter(p -> p != lastRun).forEach(Process::destroyForcibly);
    }

    @AfterAll
    void writeSummary() throws IOException {
        processes.forEach(Process::destroyForcibly);
        if (summary.rows().stream().noneMatch(row -> row.scenario().startsWith("DuckDB write fails"))) {
            summary.add(new FaultSummary.Row(
                    "DuckDB write fails: disk full",
                    "bronze's warehouse on a 16 MB tmpfs filled to the last byte, then 50 messages",
                    null,
                    null,
                    null,
                    null,
                    DISK_FULL_NOT_RUN));
        }
        summary.write(SUMMARY_FILE);
        for (Process process : processes) {
            process.onExit().join();
        }
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    /** Runs one scenario's checks and records its row; a failed check is recorded, then fails the test. */
    private void scenario(String name, String injected, ScenarioCheck check) throws Exception {
        FaultSummary.Row[] row = {null};
        try {
            row[0] = check.run(name, injected);
            summary.add(row[0]);
        } catch (Exception | AssertionError e) {
            summary.add(new FaultSummary.Row(
                    name, injected, null, null, null, null, "FAILED: " + firstLine(e.getMessage())));
            try {
                FailedScenarioEvidence.keep(name, processes, logs, dataDir, port);
            } catch (Exception | AssertionError evidenceFailure) {
                e.addSuppressed(evidenceFailure);
            }
            // Every application this suite started is down now: the next scenario gets the files free.
            lastRun = null;
            throw e;
        }
    }

    @FunctionalInterface
    interface ScenarioCheck {
        FaultSummary.Row run(String name, String injected) throws Exception;
    }

    @Test
    @Order(1)
    void killedRunsLoseAndDuplicateNothing() throws Exception {
        scenario(
                "kill -9 at random points",
                KILLS + " × SIGKILL of the packaged app while sales flow (random seed printed), then a clean run",
                (name, injected) -> {
                    long seed = System.nanoTime();
                    Random random = new Random(seed);
                    System.out.println("FaultSuiteIT random seed: " + seed);
                    long storedBefore = 0;
                    long seenDownstream = 0;
                    for (int kill = 1; kill <= KILLS; kill++) {
                        Process run = start("--rate=300", "--count=1500");
                        long killAt = storedBefore + 100 + random.nextInt(700);
                        await("run " + kill + " to store " + killAt + " events")
                                .atMost(PATIENCE)
                                .pollInterval(Duration.ofMillis(100))
                                .until(() -> status().map(
                                                s -> s.get("eventsStored").asLong() >= killAt)
                                        .orElse(false));
                        // Bronze rows survive the kill (DuckDB commits them), so their events must survive it too.
                        seenDownstream = Math.max(
                                seenDownstream,
                                status().orElseThrow().get("bronzeRows").asLong());
                        run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                        storedBefore = killAt;
                    }
                    // The app is down: read one landed envelope to send again as a duplicate later.
                    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(warehouseFile())) {
                        List<String> landed = warehouse.query(
                                "select raw_message from sales_bronze.sales_events order by event_id limit 1",
                                r -> r.getString(1));
                        assertThat(landed).as("bronze rows after the kills").isNotEmpty();
                        rawEnvelope = landed.get(0);
                    }

                    lastRun = start("--count=0");
                    await("the last run to listen").atMost(PATIENCE).until(() -> status().isPresent());
                    Figures figures = waitUntilSettled(0);
                    assertThat(figures.bronzeRows()).isEqualTo(figures.stored()).isGreaterThanOrEqualTo(seenDownstream);
                    assertThat(seenDownstream)
                            .as("bronze rows seen before the kills")
                            .isPositive();
                    return new FaultSummary.Row(
                            name,
                            injected,
                            String.valueOf(figures.stored()),
                            figures.bronzeRows() + " (" + seenDownstream + " seen before the last kill)",
                            "every projection at the store's head (" + figures.sales() + " sales stored)",
                            "0",
                            "survived: nothing lost, nothing twice (checked again after the last stop)");
                });
    }

    @Test
    @Order(2)
    void badInputBecomesDeadLettersWithItsReasonOrIsRefusedAtTheDoor() throws Exception {
        scenario(
                "bad messages on the topic",
                "5 malformed, 1 over bronze's 1 MiB, 1 duplicate, 1 same event_id with other content, 1 unknown"
                        + " revision; refused by Pub/Sub: 1 over 10 MB, 1 attribute key of 300 bytes",
                (name, injected) -> {
                    assertThat(lastRun)
                            .as("the clean run of the crash scenario")
                            .isNotNull();
                    List<String> reasons = publishBadMessages();
                    Figures figures = waitUntilSettled(reasons.size());
                    long stored = figures.stored();
                    lastRun.destroy();
                    assertThat(lastRun.waitFor(60, TimeUnit.SECONDS))
                            .as("a clean stop on SIGTERM")
                            .isTrue();

                    long bronzeRows;
                    long silverSales;
                    List<String> errors;
                    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(warehouseFile())) {
                        bronzeRows = warehouse.count("sales_bronze.sales_events");
                        assertThat(bronzeRows).isEqualTo(stored);
                        assertThat(warehouse.query(
                                        "select count(distinct event_id) = count(*) from sales_bronze.sales_events",
                                        r -> r.getBoolean(1)))
                                .containsExactly(true);
                        assertThat(warehouse.query(
                                        "select count(distinct (aggregate_id, sequence_number)) = count(*)"
                                                + " from sales_bronze.sales_events",
                                        r -> r.getBoolean(1)))
                                .containsExactly(true);
                        silverSales = warehouse
                                .query("select count(distinct sale_id) from sales_silver.sale_lines", r -> r.getLong(1))
                                .get(0);
                        assertThat(silverSales).isEqualTo(figures.sales());
                        errors = warehouse.query(
                                "select error_message from sales_bronze.sales_events_error_records",
                                r -> r.getString(1));
                        assertThat(errors)
                                .hasSameSizeAs(reasons)
                                .allSatisfy(message -> assertThat(reasons).anyMatch(message::startsWith));
                        assertThat(reasons)
                                .allSatisfy(reason -> assertThat(errors).anyMatch(e -> e.startsWith(reason)));
                    }
                    return new FaultSummary.Row(
                            name,
                            injected,
                            String.valueOf(stored),
                            bronzeRows + " (the duplicate dropped)",
                            silverSales + " sales in silver = " + figures.sales() + " stored",
                            errors.size() + " of " + reasons.size() + " expected, each with its reason",
                            "survived: every bad input a dead letter or refused with INVALID_ARGUMENT");
                });
    }

    @Test
    @Order(3)
    void aWarehouseHeldByAnotherProcessStopsTheStartWithOneLine() throws Exception {
        scenario(
                "warehouse locked at start",
                "the DuckDB file held open by another process (this test) while the app starts",
                (name, injected) -> {
                    Path log;
                    int code;
                    // A plain connection: this JVM holds DuckDB's file lock until it closes.
                    Files.createDirectories(warehouseFile().getParent());
                    try (Connection holder = DriverManager.getConnection("jdbc:duckdb:" + warehouseFile())) {
                        Process run = start("--count=0");
                        log = logOf(run);
                        assertThat(run.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                                .as("the start stops by itself")
                                .isTrue();
                        code = run.exitValue();
                    }
                    String output = Files.readString(log, StandardCharsets.UTF_8);
                    List<String> lastLines = output.lines()
                            .filter(l -> l.startsWith("salesflow: "))
                            .toList();
                    assertThat(code).isEqualTo(1);
                    assertThat(lastLines)
                            .singleElement()
                            .asString()
                            .startsWith("salesflow: the application could not start: Cannot open the DuckDB warehouse "
                                    + warehouseFile())
                            .contains("Is another process using it? DuckDB allows one writer per file.");
                    return new FaultSummary.Row(
                            name,
                            injected,
                            null,
                            null,
                            null,
                            null,
                            "survived: exit code " + code + ", one line: \"" + shorten(lastLines.get(0), 140) + "\"");
                });
    }

    @Test
    @Order(4)
    void aFailingCommandSideEndsTheBackfillVisiblyAndInvalidCommandsStoreNothing(@TempDir Path backfillDir)
            throws Exception {
        scenario(
                "command side fails in a backfill; invalid commands",
                "IOException \"No space left on device\" from the command bus at the "
                        + DiskFullAfterSales.SALES_BEFORE_FAILURE + "th sale; 3 invalid commands",
                (name, injected) -> {
                    System.setProperty("axoniq.update-checker.disabled", "true");
                    CompletableFuture<String> exit = new CompletableFuture<>();
                    DiskFullAfterSales.EXIT.set(exit);
                    ConfigurableApplicationContext context = new SpringApplicationBuilder(
                                    SalesflowApplication.class, DiskFullAfterSales.class)
                            .run(
                                    "--salesflow.data-dir=" + backfillDir,
                                    "--server.port=0",
                                    "--salesflow.generator.seed=11",
                                    "--salesflow.generator.rate=0",
                                    "--salesflow.generator.customers=300",
                                    "--salesflow.generator.backfill-days=2",
                                    "--salesflow.generator.sales-per-day=200",
                                    "--salesflow.generator.until=2026-03-01T00:00:00Z",
                                    "--salesflow.pubsub.emulator.grpc-port=" + PipelineEndToEndIT.freePort(),
                                    "--salesflow.pubsub.emulator.rest-port=" + PipelineEndToEndIT.freePort());
                    try {
                        String exitLine = exit.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                        assertThat(exitLine)
                                .startsWith("1 salesflow: The backfill cannot complete: the sales generator stopped at"
                                        + " business time ")
                                .contains("after " + DiskFullAfterSales.SALES_BEFORE_FAILURE + " sales")
                                .contains("No space left on device")
                                .endsWith("fix the cause and run the same command again to resume.");

                        int appPort = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
                        JsonNode status = getJson(appPort, "/api/status", 200);
                        assertThat(status.get("generatorState").asText()).isEqualTo("FAILED");
                        assertThat(status.get("generatorFailure").asText()).contains("No space left on device");
                        JsonNode health = getJson(appPort, "/actuator/health", 503);
                        assertThat(health.at("/components/generator/status").asText())
                                .isEqualTo("DOWN");
                        assertThat(health.at("/components/generator/details/error")
                                        .asText())
                                .contains("No space left on device");
                        assertThat(context.getBean(ProgressReporter.class).currentLine())
                                .startsWith("GENERATOR FAILED: The backfill cannot complete");

                        EventStoreQueries store = context.getBean(EventStoreQueries.class);
                        long stored = store.countEvents();
                        long sales = store.countAggregates("Sale");
                        assertThat(sales).isEqualTo(DiskFullAfterSales.SALES_BEFORE_FAILURE);
                        List<String> refusals = sendInvalidCommands(context.getBean(CommandGateway.class));
                        assertThat(refusals)
                                .containsExactly(
                                        "Store fault-1: currency 'EURO' is not an ISO-4217 code (for example EUR, USD,"
                                                + " GBP)",
                                        "Store fault-2: name is required",
                                        "Store fault-3: country 'Atlantis' is not an ISO-3166 alpha-2 code (for"
                                                + " example DE, US, JP)");
                        assertThat(store.countEvents())
                                .as("refused commands store nothing")
                                .isEqualTo(stored);
                        return new FaultSummary.Row(
                                name,
                                injected,
                                stored + " (" + sales + " sales, then nothing more)",
                                null,
                                null,
                                "3 commands refused, each naming its rule",
                                "survived: generator FAILED in /api/status, the progress line and /actuator/health"
                                        + " (503); backfill exit code 1 with one line");
                    } finally {
                        context.close();
                    }
                });
    }

    /**
     * Bronze's DuckDB file on a small tmpfs that is filled up while messages wait: every write fails
     * with "No space left on device", the job restarts with backoff and acks nothing; once space is
     * freed it lands every message once. Needs root to mount the tmpfs; otherwise the row says skipped.
     */
    /** The summary row when the disk-full scenario was not selected in this run. */
    static final String DISK_FULL_NOT_RUN = "not run in this invocation";

    @Test
    @Order(5)
    void aFullDiskFailsBronzeWritesUntilSpaceIsFreedAndNothingIsLost(@TempDir Path base) throws Exception {
        String name = "DuckDB write fails: disk full";
        String injected = "bronze's warehouse on a 16 MB tmpfs filled to the last byte, then 50 messages";
        Path mount = Files.createDirectories(base.resolve("small-disk"));
        if (!run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mount.toString())) {
            summary.add(new FaultSummary.Row(
                    name, injected, null, null, null, null, "skipped: mounting a tmpfs needs root"));
            return;
        }
        PubSubEmulator emulator = PubSubEmulator.start(EmulatorSettings.ephemeral());
        ManagedChannel channel = ManagedChannelBuilder.forTarget(emulator.grpcTarget())
                .usePlaintext()
                .build();
        BronzeJob job = null;
        try {
            SalesflowProperties properties = new SalesflowProperties(
                    mount,
                    null,
                    new SalesflowProperties.PubSub("p", "sales-events", "sales-events-bronze", true, null),
                    new SalesflowProperties.Bronze(true, 2),
                    null,
                    null,
                    "EUR");
            String topic = "projects/p/topics/sales-events";
            PublisherGrpc.newBlockingStub(channel)
                    .createTopic(Topic.newBuilder().setName(topic).build());
            SubscriberGrpc.newBlockingStub(channel)
                    .createSubscription(Subscription.newBuilder()
                            .setName(properties.pubsub().subscriptionPath())
                            .setTopic(topic)
                            .setAckDeadlineSeconds(10)
                            .build());
            BronzeJob bronze = new BronzeJob(
                    properties,
                    new StaticListableBeanFactory(Map.of("emulator", emulator)).getBeanProvider(PubSubEmulator.class));
            job = bronze;
            DuckDbWarehouse warehouse = DuckDbWarehouse.open(properties.warehouseFile());
            scenario(name, injected, (n, i) -> {
                bronze.start();
                // A first message creates the file and the tables (DuckDB writes them lazily).
                PublisherGrpc.newBlockingStub(channel)
                        .publish(PublishRequest.newBuilder()
                                .setTopic(topic)
                                .addMessages(PubsubMessage.newBuilder()
                                        .setData(ByteString.copyFromUtf8(envelope("disk-first", 1000)))
                                        .build())
                                .build());
                await("the first message to land")
                        .atMost(PATIENCE)
                        .until(() -> warehouse.tableExists("sales_bronze", "sales_events")
                                && warehouse.count("sales_bronze.sales_events") == 1);
                Path filler = mount.resolve("filler");
                Throwable full = catchThrowable(() -> {
                    try (var out = Files.newOutputStream(filler)) {
                        byte[] block = new byte[64 * 1024];
                        while (true) {
                            out.write(block);
                        }
                    }
                });
                assertThat(full).hasMessageContaining("No space left on device");
                PublishRequest.Builder publish = PublishRequest.newBuilder().setTopic(topic);
                for (int e = 0; e < 50; e++) {
                    publish.addMessages(PubsubMessage.newBuilder()
                            .setData(ByteString.copyFromUtf8(envelope("disk-" + e, e)))
                            .build());
                }
                PublisherGrpc.newBlockingStub(channel).publish(publish.build());

                await("a write to fail for want of space")
                        .atMost(PATIENCE)
                        .until(() -> String.valueOf(bronze.health().lastError()).contains("No space left on device"));
                String shown = bronze.state();
                // A few small rows may still fit in the slack of the last page of DuckDB's WAL; the rest
                // wait unacked. Backlog first, then rows: a message acked meanwhile is in the rows.
                long waiting = emulator.backlog(properties.pubsub().subscriptionPath());
                long landedWhileFull = warehouse.count("sales_bronze.sales_events");
                assertThat(landedWhileFull).as("rows while the disk is full").isLessThan(51);
                assertThat(waiting + landedWhileFull)
                        .as("every message either landed or still waiting (nothing acked without its row)")
                        .isGreaterThanOrEqualTo(51);

                Files.delete(filler);
                await("the job to land the backlog once space is back")
                        .atMost(PATIENCE)
                        .until(() -> warehouse.count("sales_bronze.sales_events") == 51
                                && emulator.backlog(properties.pubsub().subscriptionPath()) == 0);
                assertThat(warehouse.query(
                                "select count(distinct event_id) from sales_bronze.sales_events", r -> r.getLong(1)))
                        .containsExactly(51L);
                long deadLetters = warehouse.tableExists("sales_bronze", "sales_events_error_records")
                        ? warehouse.count("sales_bronze.sales_events_error_records")
                        : 0;
                assertThat(deadLetters)
                        .as("a full disk is not the messages' fault")
                        .isZero();
                return new FaultSummary.Row(
                        n,
                        i,
                        "51 published (1 before the disk filled up)",
                        "51 once; while full: " + landedWhileFull + " landed, " + waiting + " waiting unacked",
                        null,
                        "0",
                        "survived: the job showed \"" + shorten(shown, 90) + "\" and recovered by itself");
            });
        } finally {
            if (job != null) {
                job.stop();
            }
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            emulator.close();
            DuckDbWarehouse.open(mount.resolve("warehouse/analytics.duckdb")).close();
            run("umount", mount.toString());
        }
    }

    private static boolean run(String... command) throws InterruptedException {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String envelope(String eventId, long sequence) {
        return ("{\"event_id\":\"%s\",\"event_type\":\"SalePlacedEvent\",\"event_revision\":\"2\","
                        + "\"aggregate_type\":\"Sale\",\"aggregate_id\":\"s-%d\",\"sequence_number\":%d,"
                        + "\"occurred_at\":\"2026-01-02T03:04:05Z\",\"published_at\":\"2026-01-02T03:04:06.123Z\","
                        + "\"payload\":{\"saleId\":\"s-%d\",\"lines\":[]}}")
                .formatted(eventId, sequence, sequence, sequence);
    }

    /** The command bus fails every sale after the first few, as a full disk under the event store would. */
    static class DiskFullAfterSales {
        static final int SALES_BEFORE_FAILURE = 40;
        static final java.util.concurrent.atomic.AtomicReference<CompletableFuture<String>> EXIT =
                new java.util.concurrent.atomic.AtomicReference<>();

        @Bean
        static BeanPostProcessor diskFullAfterSales() {
            AtomicInteger sales = new AtomicInteger();
            MessageHandlerInterceptor<CommandMessage<?>> full = (unitOfWork, chain) -> {
                if (unitOfWork.getMessage().getPayload() instanceof PlaceSaleCommand
                        && sales.incrementAndGet() > SALES_BEFORE_FAILURE) {
                    throw new UncheckedIOException(new IOException("No space left on device"));
                }
                return chain.proceed();
            };
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (bean instanceof CommandBus bus) {
                        bus.registerHandlerInterceptor(full);
                    }
                    return bean;
                }
            };
        }

        /** Instead of ending the test's JVM: records the exit code and line. */
        @Bean
        BackfillExit.ProcessExit recordedExit() {
            return (code, line) -> EXIT.get().complete(code + " " + line);
        }
    }

    private static List<String> sendInvalidCommands(CommandGateway commands) {
        Instant at = Instant.parse("2026-03-01T00:00:00Z");
        List<Object> invalid = List.of(
                new OpenStoreCommand("fault-1", "Store 1", "DE", "Berlin", StoreKind.PHYSICAL, "EURO", at),
                new OpenStoreCommand("fault-2", " ", "DE", "Berlin", StoreKind.PHYSICAL, "EUR", at),
                new OpenStoreCommand("fault-3", "Store 3", "Atlantis", "Berlin", StoreKind.PHYSICAL, "EUR", at));
        List<String> refusals = new ArrayList<>();
        for (Object command : invalid) {
            Throwable refused = catchThrowable(() -> commands.sendAndWait(command));
            assertThat(refused).isInstanceOf(InvalidCommandException.class);
            refusals.add(refused.getMessage());
        }
        return refusals;
    }

    /**
     * Publishes bad input with the real client; returns the start of each expected dead-letter
     * reason. Messages Cloud Pub/Sub refuses must be refused by the emulator with INVALID_ARGUMENT.
     */
    private List<String> publishBadMessages() throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forTarget("127.0.0.1:" + grpcPort)
                .usePlaintext()
                .maxInboundMessageSize(16 * 1024 * 1024)
                .build();
        Publisher publisher = Publisher.newBuilder(TopicName.of("salesflow-local", "sales-events"))
                .setChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build();
        try {
            ObjectNode landed = (ObjectNode) JSON.readTree(rawEnvelope);
            String landedId = landed.get("event_id").asText();
            ObjectNode otherContent = landed.deepCopy();
            ((ObjectNode) otherContent.get("payload")).put("tampered", true);
            ObjectNode unknownRevision = landed.deepCopy();
            unknownRevision.put("event_id", "fault-unknown-revision");
            unknownRevision.put("event_revision", "99");
            List<ByteString> bad = List.of(
                    ByteString.copyFromUtf8("this is not json"),
                    ByteString.copyFromUtf8("[1, 2, 3]"),
                    ByteString.copyFromUtf8("{\"event_id\": \"x-1\"}"),
                    ByteString.copyFrom(new byte[] {(byte) 0xC3, (byte) 0x28}),
                    ByteString.copyFromUtf8("{\"event_id\":\"x-2\",\"event_type\":\"SalePlacedEvent\","
                            + "\"aggregate_type\":\"Sale\",\"aggregate_id\":\"s\",\"sequence_number\":\"first\","
                            + "\"occurred_at\":\"2026-01-01T00:00:00Z\",\"payload\":{}}"),
                    ByteString.copyFromUtf8("x".repeat(1024 * 1024 + 1)),
                    ByteString.copyFromUtf8(rawEnvelope),
                    ByteString.copyFromUtf8(JSON.writeValueAsString(otherContent)),
                    ByteString.copyFromUtf8(JSON.writeValueAsString(unknownRevision)));
            for (ByteString data : bad) {
                publisher
                        .publish(PubsubMessage.newBuilder().setData(data).build())
                        .get(60, TimeUnit.SECONDS);
            }
            Map<String, PubsubMessage> refusedAtTheDoor = Map.of(
                    "exceeds Pub/Sub's limit of 10000000 bytes",
                    PubsubMessage.newBuilder()
                            .setData(ByteString.copyFrom(new byte[10_000_001]))
                            .build(),
                    "is 300 bytes, but the maximum allowed is 256",
                    PubsubMessage.newBuilder()
                            .setData(ByteString.copyFromUtf8("{}"))
                            .putAttributes("k".repeat(300), "v")
                            .build());
            for (Map.Entry<String, PubsubMessage> refused : refusedAtTheDoor.entrySet()) {
                Throwable thrown = catchThrowable(
                        () -> publisher.publish(refused.getValue()).get(60, TimeUnit.SECONDS));
                assertThat(thrown).isInstanceOf(ExecutionException.class);
                assertThat(thrown.getCause())
                        .isInstanceOf(InvalidArgumentException.class)
                        .hasMessageContaining(refused.getKey());
            }
            return List.of(
                    "not JSON",
                    "not an event envelope",
                    "field 'payload' is missing",
                    "message data is not UTF-8",
                    "field 'sequence_number' must be an integer",
                    "message data is " + (1024 * 1024 + 1) + " bytes, over the limit of 1048576 bytes",
                    "event_id '" + landedId + "' has already landed",
                    "unknown event_revision '99'");
        } finally {
            publisher.shutdown();
            publisher.awaitTermination(30, TimeUnit.SECONDS);
            channel.shutdownNow();
        }
    }

    record Figures(long stored, long sales, long bronzeRows, long deadLetters) {}

    /**
     * Waits until bronze holds every stored event, the dead letters are as expected and every
     * projection is at the store's head; returns the figures of that moment.
     */
    private Figures waitUntilSettled(int deadLetters) {
        await("bronze to hold every stored event, " + deadLetters + " dead letters and the projections at the head")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> status().map(s -> s.get("bronzeRows").asLong()
                                                == s.get("eventsStored").asLong()
                                        && s.get("deadLetters").asLong() == deadLetters)
                                .orElse(false)
                        && projectionsAtHead());
        JsonNode s = status().orElseThrow();
        return new Figures(
                s.get("eventsStored").asLong(),
                s.get("salesGenerated").asLong(),
                s.get("bronzeRows").asLong(),
                s.get("deadLetters").asLong());
    }

    private boolean projectionsAtHead() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode projections = JSON.readTree(response.body()).at("/components/projections/details");
            if (projections.isMissingNode() || projections.isEmpty()) {
                return false;
            }
            for (Iterator<JsonNode> it = projections.elements(); it.hasNext(); ) {
                JsonNode projection = it.next();
                if (!projection.has("eventsBehind")
                        || projection.get("eventsBehind").asLong() != 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode getJson(int appPort, String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    private Path warehouseFile() {
        return dataDir.resolve("warehouse/analytics.duckdb");
    }

    private final Map<Process, Path> logs = new java.util.HashMap<>();

    private Path logOf(Process process) {
        return logs.get(process);
    }

    private Process start(String... options) throws IOException {
        assertThat(JAR).as("the packaged application (mvn package)").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daxoniq.update-checker.disabled=true",
                "-jar",
                JAR.toString(),
                "--data-dir=" + dataDir,
                "--seed=5",
                "--port=" + port,
                // A small shop: the kills should land among sales and follow-ups, not registrations.
                "--salesflow.generator.customers=300",
                "--salesflow.pubsub.emulator.grpc-port=" + grpcPort,
                "--salesflow.pubsub.emulator.rest-port=" + restPort));
        command.addAll(List.of(options));
        Path log = Files.createTempFile("salesflow-fault-suite", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        processes.add(process);
        logs.put(process, log);
        return process;
    }

    private Optional<JsonNode> status() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // not listening (yet)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String firstLine(String text) {
        return text == null ? "" : shorten(text.strip().lines().findFirst().orElse(""), 200);
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
