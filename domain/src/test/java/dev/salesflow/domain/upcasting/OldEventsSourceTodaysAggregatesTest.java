package dev.salesflow.domain.upcasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.sale.FulfilSaleCommand;
import dev.salesflow.domain.api.sale.RefundLine;
import dev.salesflow.domain.api.sale.RefundSaleCommand;
import dev.salesflow.domain.api.store.CloseStoreCommand;
import dev.salesflow.domain.sale.Sale;
import dev.salesflow.domain.sale.SaleParties;
import dev.salesflow.domain.store.Store;
import dev.salesflow.events.sale.RefundedLine;
import dev.salesflow.events.sale.SaleFulfilledEvent;
import dev.salesflow.events.sale.SalePlacedEvent;
import dev.salesflow.events.sale.SaleRefundedEvent;
import dev.salesflow.events.store.StoreClosedEvent;
import dev.salesflow.events.store.StoreKind;
import dev.salesflow.events.store.StoreOpenedEvent;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Today's aggregates, loaded by Axon's event-sourcing repository from revision-1 rows through
 * the upcasters, keep working: their next events follow the old ones in the same stream.
 */
class OldEventsSourceTodaysAggregatesTest {

    private static final Instant PLACED_AT = Instant.parse("2024-03-01T10:15:30Z");

    private RevisionOneEventStore store;
    private EmbeddedEventStore eventStore;
    private CommandGateway commands;

    @BeforeEach
    void setUp() throws SQLException {
        store = new RevisionOneEventStore();
        eventStore = EmbeddedEventStore.builder()
                .storageEngine(store.engine(DomainUpcasters.chain()))
                .build();
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        // Sale's placement asks the port; nothing here places a sale, so it is never called.
        SaleParties unused = (customerId, storeId, productIds) -> {
            throw new AssertionError("no sale is placed in this test");
        };
        subscribe(Sale.class, bus, unused);
        subscribe(Store.class, bus, unused);
        commands = DefaultCommandGateway.builder().commandBus(bus).build();
    }

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
    }

    @Test
    void revisionOneSaleIsFulfilledAndRefundedWithAmountsFromItsUndiscountedLines() throws SQLException {
        store.insertRevisionOne(
                "sale-1",
                "Sale",
                SalePlacedEvent.class,
                "{\"saleId\":\"sale-1\",\"customerId\":\"customer-de\",\"storeId\":\"store-de\","
                        + "\"channel\":\"WEB\",\"paymentMethod\":\"CARD\",\"currency\":\"EUR\","
                        + "\"placedAt\":\"2024-03-01T10:15:30Z\",\"lines\":["
                        + "{\"productId\":\"product-1\",\"quantity\":3,\"unitPrice\":12.50}]}");
        Instant fulfilledAt = PLACED_AT.plusSeconds(3600);
        Instant refundedAt = fulfilledAt.plusSeconds(3600);

        commands.sendAndWait(new FulfilSaleCommand("sale-1", fulfilledAt));
        commands.sendAndWait(
                new RefundSaleCommand("sale-1", "r-1", List.of(new RefundLine("product-1", 1)), "damaged", refundedAt));

        List<DomainEventMessage<?>> stream =
                eventStore.readEvents("sale-1").asStream().collect(Collectors.toList());
        assertThat(stream).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(stream.get(1).getPayload()).isEqualTo(new SaleFulfilledEvent("sale-1", fulfilledAt));
        assertThat(stream.get(2).getPayload())
                .isEqualTo(new SaleRefundedEvent(
                        "sale-1",
                        "r-1",
                        "EUR",
                        List.of(new RefundedLine("product-1", 1, new BigDecimal("12.50"))),
                        new BigDecimal("12.50"),
                        "damaged",
                        refundedAt));
        assertThat(store.storedTypesAndRevisions())
                .containsExactly("SalePlacedEvent null", "SaleFulfilledEvent null", "SaleRefundedEvent null");
    }

    @Test
    void revisionOneStoreIsClosedAndItsRulesStillHold() throws SQLException {
        store.insertRevisionOne(
                "store-us",
                "Store",
                StoreOpenedEvent.class,
                "{\"storeId\":\"store-us\",\"name\":\"Voltaria Online US\",\"country\":\"US\",\"city\":\"New York\","
                        + "\"kind\":\"ONLINE\",\"openedAt\":\"2024-03-01T10:15:30Z\"}");

        Throwable tooEarly = catchThrowable(
                () -> commands.sendAndWait(new CloseStoreCommand("store-us", PLACED_AT.minusSeconds(1))));
        commands.sendAndWait(new CloseStoreCommand("store-us", PLACED_AT.plusSeconds(60)));
        commands.sendAndWait(new CloseStoreCommand("store-us", PLACED_AT.plusSeconds(120)));

        assertThat(tooEarly)
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("is before the opening at " + PLACED_AT);
        List<Object> events = eventStore
                .readEvents("store-us")
                .asStream()
                .map(DomainEventMessage::getPayload)
                .collect(Collectors.toList());
        assertThat(events)
                .containsExactly(
                        new StoreOpenedEvent(
                                "store-us", "Voltaria Online US", "US", "New York", StoreKind.ONLINE, "USD", PLACED_AT),
                        new StoreClosedEvent("store-us", PLACED_AT.plusSeconds(60)));
    }

    private <T> void subscribe(Class<T> aggregate, SimpleCommandBus bus, SaleParties parties) {
        ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(aggregate),
                new SimpleResourceParameterResolverFactory(List.of(parties)));
        EventSourcingRepository<T> repository = EventSourcingRepository.builder(aggregate)
                .eventStore(eventStore)
                .parameterResolverFactory(resolvers)
                .build();
        AggregateAnnotationCommandHandler.<T>builder()
                .aggregateType(aggregate)
                .repository(repository)
                .parameterResolverFactory(resolvers)
                .build()
                .subscribe(bus);
    }
}
