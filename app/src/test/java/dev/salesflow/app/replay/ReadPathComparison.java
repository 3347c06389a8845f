package dev.salesflow.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.domain.infra.DomainConfiguration;
import dev.salesflow.domain.infra.parties.SalePartiesConfiguration;
import dev.salesflow.events.customer.CustomerRegisteredEvent;
import dev.salesflow.events.product.ProductListedEvent;
import dev.salesflow.events.sale.SalePlacedEvent;
import dev.salesflow.eventstore.DurableStore;
import dev.salesflow.eventstore.EventStorageConfiguration;
import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.eventstore.FlushBeforeReadStorageEngine;
import dev.salesflow.generator.SalesSimulation;
import dev.salesflow.generator.SimulationSettings;
import dev.salesflow.projection.replay.JdbcEventSource;
import dev.salesflow.projection.replay.ReplayEventSource;
import dev.salesflow.projection.replay.StorageEngineEventSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Fills an event store through the real command side (today's events, revision 2), adds rows as
 * older builds stored them (revision null, the former package) behind a gap in the global index,
 * then reads everything through Axon's JPA engine and through {@link JdbcEventSource}, and asserts
 * the two agree event for event: identifiers, aggregates, times, upcast payloads, metadata and
 * gap-aware tokens.
 */
final class ReadPathComparison {

    static final SimulationSettings SHOP = new SimulationSettings(11, 30, 40, 6);

    private ReadPathComparison() {}

    static void fillAndCompare(ConfigurableApplicationContext context) throws SQLException {
        CommandGateway commands = context.getBean(CommandGateway.class);
        SalesSimulation simulation = new SalesSimulation(SHOP);
        for (Object command : simulation.catalogue(Instant.parse("2026-01-01T00:00:00Z"))) {
            commands.sendAndWait(command);
        }
        for (int i = 0; i < 60; i++) {
            commands.sendAndWait(
                    simulation.nextSale(Instant.parse("2026-01-02T00:00:00Z").plusSeconds(i)));
        }
        DataSource dataSource = context.getBean(DataSource.class);
        insertOlderRows(dataSource);

        FlushBeforeReadStorageEngine engine = (FlushBeforeReadStorageEngine) context.getBean(EventStorageEngine.class);
        long stored = context.getBean(EventStoreQueries.class).countEvents();
        ReplayEventSource jpa = new StorageEngineEventSource(engine, 23);
        JdbcEventSource jdbc = new JdbcEventSource(
                dataSource,
                engine.getEventSerializer(),
                context.getBean(org.axonframework.config.Configuration.class).upcasterChain(),
                context.getBean(DurableStore.class),
                23);

        List<TrackedEventMessage<?>> viaJpa = readAll(jpa, null);
        List<TrackedEventMessage<?>> viaJdbc = readAll(jdbc, null);
        assertThat(viaJpa).hasSize((int) stored);
        assertThat(viaJdbc.stream().map(ReadPathComparison::describe).toList())
                .containsExactlyElementsOf(
                        viaJpa.stream().map(ReadPathComparison::describe).toList());
        assertThat(jdbc.headPosition()).isEqualTo(jpa.headPosition());

        // The older rows came out as today's records, upcast by the application's chain.
        List<Object> upcast = new ArrayList<>();
        for (TrackedEventMessage<?> event : viaJdbc.subList(viaJdbc.size() - 3, viaJdbc.size())) {
            upcast.add(event.getPayload());
        }
        assertThat(upcast.get(0))
                .isInstanceOfSatisfying(
                        CustomerRegisteredEvent.class,
                        customer -> assertThat(customer.preferredCurrency()).isEqualTo("EUR"));
        assertThat(upcast.get(1))
                .isInstanceOfSatisfying(
                        ProductListedEvent.class,
                        product -> assertThat(product.subcategory()).isEqualTo("Smartphones"));
        assertThat(upcast.get(2)).isInstanceOfSatisfying(SalePlacedEvent.class, sale -> {
            assertThat(sale.lines()).hasSize(2);
            assertThat(sale.lines().get(1).unitPrice()).isEqualTo(new BigDecimal("12.50"));
            assertThat(sale.lines().get(1).discount()).isEqualByComparingTo("0");
        });
        // The rows behind the gap carry it in their tokens, as a live processor would remember it.
        GapAwareTrackingToken last =
                (GapAwareTrackingToken) viaJdbc.get(viaJdbc.size() - 1).trackingToken();
        assertThat(last.getGaps())
                .as(
                        "gaps of the last tokens %s",
                        viaJdbc.subList(viaJdbc.size() - 5, viaJdbc.size()).stream()
                                .map(TrackedEventMessage::trackingToken)
                                .toList())
                .isNotEmpty();

        // Resuming from a token in the middle (and from one with the gap) gives the same rest on both paths.
        for (int from : List.of(viaJpa.size() / 2, viaJpa.size() - 2)) {
            TrackingToken token = viaJpa.get(from).trackingToken();
            assertThat(readAll(jdbc, token).stream()
                            .map(ReadPathComparison::describe)
                            .toList())
                    .containsExactlyElementsOf(readAll(jpa, token).stream()
                            .map(ReadPathComparison::describe)
                            .toList())
                    .hasSize(viaJpa.size() - from - 1);
        }
    }

    private static List<TrackedEventMessage<?>> readAll(ReplayEventSource source, TrackingToken from) {
        List<TrackedEventMessage<?>> all = new ArrayList<>();
        TrackingToken token = from;
        while (true) {
            List<? extends TrackedEventMessage<?>> batch = source.nextBatch(token);
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
            token = batch.get(batch.size() - 1).trackingToken();
        }
    }

    /** Everything a projection or a live processor could see of an event. */
    private static List<Object> describe(TrackedEventMessage<?> event) {
        DomainEventMessage<?> domain = (DomainEventMessage<?>) event;
        return List.of(
                event.trackingToken(),
                domain.getIdentifier(),
                domain.getType(),
                domain.getAggregateIdentifier(),
                domain.getSequenceNumber(),
                domain.getTimestamp(),
                domain.getPayloadType(),
                domain.getPayload(),
                domain.getMetaData());
    }

    /**
     * Three rows as revision 1 stored them (the last two under today's package, the first under the
     * former one), one index after a free one: a gap, as a transaction still in flight leaves it.
     */
    private static void insertOlderRows(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            long next;
            try (Statement statement = connection.createStatement();
                    ResultSet max = statement.executeQuery("select max(global_index) from domain_event_entry")) {
                max.next();
                next = max.getLong(1) + 2;
            }
            insert(
                    connection,
                    next,
                    "customer-old",
                    "Customer",
                    "dev.salesflow.domain.api.customer.CustomerRegisteredEvent",
                    "{\"customerId\":\"customer-old\",\"name\":\"Anna Schmidt\",\"email\":\"anna@example.de\","
                            + "\"country\":\"DE\",\"city\":\"Berlin\",\"registeredAt\":\"2024-03-01T10:15:30Z\"}");
            insert(
                    connection,
                    next + 1,
                    "product-old",
                    "Product",
                    ProductListedEvent.class.getName(),
                    "{\"productId\":\"product-old\",\"sku\":\"SKU-PHN-000001\",\"name\":\"Xiaomi 14T Pro\","
                            + "\"brand\":\"Xiaomi\",\"category\":\"Smartphones\",\"price\":379.99,"
                            + "\"currency\":\"EUR\",\"listedAt\":\"2024-03-01T10:15:30Z\"}");
            insert(
                    connection,
                    next + 2,
                    "sale-old",
                    "Sale",
                    SalePlacedEvent.class.getName(),
                    "{\"saleId\":\"sale-old\",\"customerId\":\"customer-old\",\"storeId\":\"store-de\","
                            + "\"channel\":\"MOBILE_APP\",\"paymentMethod\":\"CARD\",\"currency\":\"EUR\","
                            + "\"placedAt\":\"2024-03-01T10:15:30Z\",\"lines\":["
                            + "{\"productId\":\"product-1\",\"quantity\":1,\"unitPrice\":68.99},"
                            + "{\"productId\":\"product-2\",\"quantity\":3,\"unitPrice\":12.50}]}");
        }
    }

    private static void insert(
            Connection connection,
            long index,
            String aggregateId,
            String aggregateType,
            String payloadType,
            String json)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into domain_event_entry (global_index,"
                + " event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,"
                + " payload_revision, payload, meta_data) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, index);
            insert.setString(2, UUID.randomUUID().toString());
            insert.setString(3, aggregateId);
            insert.setLong(4, 0);
            insert.setString(5, aggregateType);
            // Stored just now: a gap before an event older than Axon's gap timeout (60 s) is dropped as given up.
            insert.setString(6, Instant.now().toString());
            insert.setString(7, payloadType);
            insert.setString(8, null);
            insert.setBytes(9, json.getBytes(StandardCharsets.UTF_8));
            insert.setBytes(10, "{\"traceId\":\"t-1\",\"correlationId\":\"t-1\"}".getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }

    @EnableAutoConfiguration
    @Import({
        DomainConfiguration.class,
        EventStorageConfiguration.class,
        SalePartiesConfiguration.class,
        EventStoreQueries.class
    })
    public static class Context {}
}
