package dev.salesflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.salesflow.events.sale.SalePlacedEvent;
import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.generation.GeneratorRunner;
import dev.salesflow.generator.SimulationSettings;
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

    static final long SEED = 7;

    /** A small shop: the test is about storage, not volume. */
    static final SimulationSettings SHOP = new SimulationSettings(SEED, 120, 300, 48);

    @TempDir
    static Path clusterDir;

    static ThrowawayPostgres postgres;
    static String url;

    @TempDir
    Path appDataDir;

    @BeforeAll
    static void startCluster() throws Exception {
        postgres = ThrowawayPostgres.start(clusterDir);
        url = postgres.createDatabase("salesflow");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aRestartOnPostgresReadsEveryStoredEventBackFromByteaColumns() throws Exception {
        List<String> firstRunEventIds;
        String firstRunSaleId;
        try (ConfigurableApplicationContext first = start(40)) {
            EventStoreQueries eventStore = awaitGenerated(first, 40);
            firstRunEventIds = eventStore.eventIds();
            firstRunSaleId = eventStore.aggregateIds(List.of("Sale")).iterator().next();
            // Catalogue, rates, 40 sales and their follow-ups: one event per command sent.
            assertThat(firstRunEventIds)
                    .hasSize((int) first.getBean(GeneratorRunner.class).commandsSent());
        }
        assertThat(firstRunEventIds).hasSizeGreaterThan(SHOP.products() + SHOP.stores() + SHOP.customers() + 40);

        try (ConfigurableApplicationContext second = start(20)) {
            EventStoreQueries eventStore = awaitGenerated(second, 60);
            assertThat(eventStore.countAggregates("Customer")).isEqualTo(SHOP.customers());
            assertThat(eventStore.eventIds()).doesNotHaveDuplicates().containsAll(firstRunEventIds);

            // Axon itself deserializes an aggregate's stream written by the first process.
            List<? extends DomainEventMessage<?>> saleEvents = second.getBean(EventStore.class)
                    .readEvents(firstRunSaleId)
                    .asStream()
                    .toList();
            assertThat(saleEvents).isNotEmpty();
            assertThat(saleEvents.get(0).getSequenceNumber()).isZero();
            assertThat(saleEvents.get(0).getPayload()).isInstanceOfSatisfying(SalePlacedEvent.class, sale -> {
                assertThat(sale.saleId()).isEqualTo(firstRunSaleId);
                assertThat(sale.lines()).isNotEmpty();
                assertThat(sale.currency()).isNotBlank();
            });
        }

        try (Connection connection =
                DriverManager.getConnection(url, ThrowawayPostgres.USER, ThrowawayPostgres.PASSWORD)) {
            assertThat(dataType(connection, "domain_event_entry", "payload")).isEqualTo("bytea");
            assertThat(dataType(connection, "domain_event_entry", "meta_data")).isEqualTo("bytea");
            assertThat(dataType(connection, "token_entry", "token")).isEqualTo("bytea");
            assertThat(dataType(connection, "snapshot_event_entry", "payload")).isEqualTo("bytea");
            List<String> oidColumns = strings(
                    connection,
                    "select table_name || '.' || column_name"
                            + " from information_schema.columns where table_schema = 'public' and data_type = 'oid'");
            assertThat(oidColumns).as("columns still mapped to large objects").isEmpty();
            assertThat(strings(connection, "select count(*) from pg_largeobject_metadata"))
                    .containsExactly("0");
        }
    }

    private ConfigurableApplicationContext start(int sales) {
        return new SpringApplicationBuilder(SalesflowApplication.class)
                .run(
                        "--spring.profiles.active=postgres",
                        // The profile's own placeholders, as the environment variables would fill them.
                        "--SALESFLOW_DB_URL=" + url,
                        "--SALESFLOW_DB_USER=" + ThrowawayPostgres.USER,
                        "--SALESFLOW_DB_PASSWORD=" + ThrowawayPostgres.PASSWORD,
                        "--salesflow.data-dir=" + appDataDir,
                        "--salesflow.generator.seed=" + SEED,
                        "--salesflow.generator.products=" + SHOP.products(),
                        "--salesflow.generator.customers=" + SHOP.customers(),
                        "--salesflow.generator.stores=" + SHOP.stores(),
                        "--salesflow.generator.count=" + sales,
                        "--salesflow.generator.rate=0",
                        "--salesflow.pubsub.emulator.grpc-port=" + PipelineEndToEndIT.freePort(),
                        "--salesflow.pubsub.emulator.rest-port=" + PipelineEndToEndIT.freePort(),
                        "--server.port=0");
    }

    private static EventStoreQueries awaitGenerated(ConfigurableApplicationContext context, long sales) {
        GeneratorRunner generator = context.getBean(GeneratorRunner.class);
        EventStoreQueries eventStore = context.getBean(EventStoreQueries.class);
        await("the generator to finish with " + sales + " sales stored")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> generator.finished() && eventStore.countAggregates("Sale") == sales);
        assertThat(generator.rejected()).isZero();
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
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
