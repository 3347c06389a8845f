package dev.salesflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.salesflow.app.eventstore.EventStoreQueries;
import dev.salesflow.app.generation.GeneratorRunner;
import dev.salesflow.domain.api.sale.SalePlacedEvent;
import dev.salesflow.generator.SimulationSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code postgres} profile on a real, throwaway PostgreSQL 15 cluster: a second start on the
 * same database reads every event of the first back, and Axon's blobs are {@code bytea} columns.
 */
class PostgresEventStoreIT {

    static final Path PG_BIN = Path.of(System.getenv().getOrDefault("SALESFLOW_PG_BIN", "/usr/lib/postgresql/15/bin"));
    static final long SEED = 7;
    static final String DB = "salesflow";
    static final String DB_USER = "salesflow";
    static final String DB_PASSWORD = "throwaway";

    @TempDir
    static Path clusterDir;

    static Path dataDir;
    static int port;
    static boolean started;

    @TempDir
    Path appDataDir;

    @BeforeAll
    static void startCluster() throws Exception {
        for (String binary : List.of("initdb", "pg_ctl", "postgres")) {
            if (!Files.isExecutable(PG_BIN.resolve(binary))) {
                fail("PostgreSQL server binary " + PG_BIN.resolve(binary) + " is missing: this test needs a"
                        + " PostgreSQL 15 server installation (apt-get install postgresql-15), or SALESFLOW_PG_BIN"
                        + " pointing at its bin folder");
            }
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            // initdb refuses to run as root: the cluster belongs to the postgres system user.
            run(List.of("chown", "postgres:postgres", clusterDir.toString()));
        }
        dataDir = clusterDir.resolve("data");
        port = PipelineEndToEndIT.freePort();
        run(asServerUser(root, PG_BIN.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"));
        run(asServerUser(root, PG_BIN.resolve("pg_ctl").toString(), "-D", dataDir.toString(),
                "-l", clusterDir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + clusterDir + " -c fsync=off",
                "start"));
        started = true;
        try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("create role " + DB_USER + " login password '" + DB_PASSWORD + "'");
            statement.execute("create database " + DB + " owner " + DB_USER);
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (started) {
            run(asServerUser("root".equals(System.getProperty("user.name")), PG_BIN.resolve("pg_ctl").toString(),
                    "-D", dataDir.toString(), "-m", "fast", "-w", "stop"));
        }
    }

    @Test
    void aRestartOnPostgresReadsEveryStoredEventBackFromByteaColumns() throws Exception {
        SimulationSettings settings = SimulationSettings.withSeed(SEED);
        long catalogue = settings.products() + settings.stores() + settings.customers();

        List<String> firstRunEventIds;
        String firstRunSaleId;
        try (ConfigurableApplicationContext first = start(40)) {
            EventStoreQueries eventStore = awaitGenerated(first, catalogue + 40);
            firstRunEventIds = eventStore.eventIds();
            firstRunSaleId = eventStore.aggregateIds(List.of("Sale")).iterator().next();
        }
        assertThat(firstRunEventIds).hasSize((int) catalogue + 40);

        try (ConfigurableApplicationContext second = start(20)) {
            EventStoreQueries eventStore = awaitGenerated(second, catalogue + 60);
            assertThat(eventStore.countEvents()).isEqualTo(catalogue + 60);
            assertThat(eventStore.countAggregates("Sale")).isEqualTo(60);
            assertThat(eventStore.eventIds()).doesNotHaveDuplicates().containsAll(firstRunEventIds);

            // Axon itself deserializes an aggregate's stream written by the first process.
            List<? extends DomainEventMessage<?>> saleEvents = second.getBean(EventStore.class)
                    .readEvents(firstRunSaleId).asStream().toList();
            assertThat(saleEvents).isNotEmpty();
            assertThat(saleEvents.get(0).getSequenceNumber()).isZero();
            assertThat(saleEvents.get(0).getPayload()).isInstanceOfSatisfying(SalePlacedEvent.class, sale -> {
                assertThat(sale.saleId()).isEqualTo(firstRunSaleId);
                assertThat(sale.lines()).isNotEmpty();
                assertThat(sale.currency()).isNotBlank();
            });
        }

        try (Connection connection = DriverManager.getConnection(jdbcUrl(DB), DB_USER, DB_PASSWORD)) {
            assertThat(dataType(connection, "domain_event_entry", "payload")).isEqualTo("bytea");
            assertThat(dataType(connection, "domain_event_entry", "meta_data")).isEqualTo("bytea");
            assertThat(dataType(connection, "token_entry", "token")).isEqualTo("bytea");
            assertThat(dataType(connection, "snapshot_event_entry", "payload")).isEqualTo("bytea");
            List<String> oidColumns = strings(connection, "select table_name || '.' || column_name"
                    + " from information_schema.columns where table_schema = 'public' and data_type = 'oid'");
            assertThat(oidColumns).as("columns still mapped to large objects").isEmpty();
            assertThat(strings(connection, "select count(*) from pg_largeobject_metadata")).containsExactly("0");
        }
    }

    private ConfigurableApplicationContext start(int sales) {
        return new SpringApplicationBuilder(SalesflowApplication.class).run(
                "--spring.profiles.active=postgres",
                // The profile's own placeholders, as the environment variables would fill them.
                "--SALESFLOW_DB_URL=" + jdbcUrl(DB),
                "--SALESFLOW_DB_USER=" + DB_USER,
                "--SALESFLOW_DB_PASSWORD=" + DB_PASSWORD,
                "--salesflow.data-dir=" + appDataDir,
                "--salesflow.generator.seed=" + SEED,
                "--salesflow.generator.count=" + sales,
                "--salesflow.generator.rate=0",
                "--salesflow.pubsub.emulator.grpc-port=" + PipelineEndToEndIT.freePort(),
                "--salesflow.pubsub.emulator.rest-port=" + PipelineEndToEndIT.freePort(),
                "--server.port=0");
    }

    private static EventStoreQueries awaitGenerated(ConfigurableApplicationContext context, long events) {
        GeneratorRunner generator = context.getBean(GeneratorRunner.class);
        EventStoreQueries eventStore = context.getBean(EventStoreQueries.class);
        await("the generator to finish with " + events + " events stored").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> generator.finished() && eventStore.countEvents() == events);
        return eventStore;
    }

    private static String dataType(Connection connection, String table, String column) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select data_type from information_schema.columns"
                + " where table_schema = 'public' and table_name = ? and column_name = ?")) {
            query.setString(1, table);
            query.setString(2, column);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("column %s.%s exists", table, column).isTrue();
                return rows.getString(1);
            }
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static List<String> asServerUser(boolean root, String... command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("Timed out: " + command);
        }
        if (process.exitValue() != 0) {
            fail("Failed (exit " + process.exitValue() + "): " + command + "\n"
                    + new String(output, StandardCharsets.UTF_8) + serverLog());
        }
    }

    private static String serverLog() {
        Path log = clusterDir == null ? null : clusterDir.resolve("server.log");
        try {
            return log != null && Files.exists(log) ? "\nserver.log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
