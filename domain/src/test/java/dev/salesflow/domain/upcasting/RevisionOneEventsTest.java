package dev.salesflow.domain.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesflow.events.customer.CustomerRegisteredEvent;
import dev.salesflow.events.customer.LoyaltyTier;
import dev.salesflow.events.product.ProductListedEvent;
import dev.salesflow.events.sale.PaymentMethod;
import dev.salesflow.events.sale.SaleLine;
import dev.salesflow.events.sale.SalePlacedEvent;
import dev.salesflow.events.sale.SalesChannel;
import dev.salesflow.events.store.StoreKind;
import dev.salesflow.events.store.StoreOpenedEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Events stored before revisions existed, read back from a real event store (Axon's JDBC engine
 * on in-memory H2, Jackson as the app serialises) through {@link DomainUpcasters}. The rows are
 * written with SQL exactly as revision 1 left them: payload JSON without the new fields and a
 * NULL revision (the shapes are copied from an event store the app wrote before issue 3).
 */
class RevisionOneEventsTest {

    private static final Instant AT = Instant.parse("2024-03-01T10:15:30Z");
    private RevisionOneEventStore store;
    private JacksonSerializer serializer;

    @BeforeEach
    void setUp() throws SQLException {
        store = new RevisionOneEventStore();
        serializer = store.serializer;
    }

    @Test
    void customerRegisteredBeforeRevisionTwoPrefersTheCountrysCurrencyAndIsStandard() throws SQLException {
        store.insertRevisionOne(
                "customer-de",
                "Customer",
                CustomerRegisteredEvent.class,
                "{\"customerId\":\"customer-de\",\"name\":\"Anna Schmidt\",\"email\":\"anna@example.de\","
                        + "\"country\":\"DE\",\"city\":\"Berlin\",\"registeredAt\":\"2024-03-01T10:15:30Z\"}");
        store.insertRevisionOne(
                "customer-jp",
                "Customer",
                CustomerRegisteredEvent.class,
                "{\"customerId\":\"customer-jp\",\"name\":\"Sato Yui\",\"email\":\"yui@example.jp\","
                        + "\"country\":\"JP\",\"city\":\"Osaka\",\"registeredAt\":\"2024-03-01T10:15:30.123456789Z\"}");

        assertThat(readAggregate("customer-de"))
                .containsExactly(new CustomerRegisteredEvent(
                        "customer-de",
                        "Anna Schmidt",
                        "anna@example.de",
                        "DE",
                        "Berlin",
                        "EUR",
                        LoyaltyTier.STANDARD,
                        AT));
        assertThat(readAggregate("customer-jp"))
                .containsExactly(new CustomerRegisteredEvent(
                        "customer-jp",
                        "Sato Yui",
                        "yui@example.jp",
                        "JP",
                        "Osaka",
                        "JPY",
                        LoyaltyTier.STANDARD,
                        Instant.parse("2024-03-01T10:15:30.123456789Z")));
    }

    @Test
    void eventsStoredUnderTheirFormerPackageAreReadAsTheContractsRecords() throws SQLException {
        // Before the contract module the records lived in dev.salesflow.domain.api; stores keep that name.
        store.insert(
                "customer-de",
                "Customer",
                "dev.salesflow.domain.api.customer.CustomerRegisteredEvent",
                null,
                "{\"customerId\":\"customer-de\",\"name\":\"Anna Schmidt\",\"email\":\"anna@example.de\","
                        + "\"country\":\"DE\",\"city\":\"Berlin\",\"registeredAt\":\"2024-03-01T10:15:30Z\"}");
        store.insert(
                "customer-fr",
                "Customer",
                "dev.salesflow.domain.api.customer.CustomerRegisteredEvent",
                "2",
                "{\"customerId\":\"customer-fr\",\"name\":\"Luc Martin\",\"email\":\"luc@example.fr\","
                        + "\"country\":\"FR\",\"city\":\"Lyon\",\"preferredCurrency\":\"CHF\","
                        + "\"loyaltyTier\":\"GOLD\",\"registeredAt\":\"2024-03-01T10:15:30Z\"}");

        assertThat(readAggregate("customer-de"))
                .containsExactly(new CustomerRegisteredEvent(
                        "customer-de",
                        "Anna Schmidt",
                        "anna@example.de",
                        "DE",
                        "Berlin",
                        "EUR",
                        LoyaltyTier.STANDARD,
                        AT));
        assertThat(readAggregate("customer-fr"))
                .containsExactly(new CustomerRegisteredEvent(
                        "customer-fr", "Luc Martin", "luc@example.fr", "FR", "Lyon", "CHF", LoyaltyTier.GOLD, AT));
    }

    @Test
    void productListedBeforeRevisionTwoHasItsCategoryAsSubcategory() throws SQLException {
        store.insertRevisionOne(
                "product-1",
                "Product",
                ProductListedEvent.class,
                "{\"productId\":\"product-1\",\"sku\":\"SKU-PHN-000001\",\"name\":\"Xiaomi 14T Pro 128 GB\","
                        + "\"brand\":\"Xiaomi\",\"category\":\"Smartphones\",\"price\":379.99,\"currency\":\"EUR\","
                        + "\"listedAt\":\"2024-03-01T10:15:30Z\"}");

        assertThat(readAggregate("product-1"))
                .containsExactly(new ProductListedEvent(
                        "product-1",
                        "SKU-PHN-000001",
                        "Xiaomi 14T Pro 128 GB",
                        "Xiaomi",
                        "Smartphones",
                        "Smartphones",
                        new BigDecimal("379.99"),
                        "EUR",
                        AT));
    }

    @Test
    void storeOpenedBeforeRevisionTwoSellsInTheCountrysCurrency() throws SQLException {
        store.insertRevisionOne(
                "store-ch",
                "Store",
                StoreOpenedEvent.class,
                "{\"storeId\":\"store-ch\",\"name\":\"Voltaria Zürich\",\"country\":\"CH\",\"city\":\"Zürich\","
                        + "\"kind\":\"PHYSICAL\",\"openedAt\":\"2024-03-01T10:15:30Z\"}");

        assertThat(readAggregate("store-ch"))
                .containsExactly(new StoreOpenedEvent(
                        "store-ch", "Voltaria Zürich", "CH", "Zürich", StoreKind.PHYSICAL, "CHF", AT));
    }

    @Test
    void salePlacedBeforeRevisionTwoHasLinesWithoutDiscount() throws SQLException {
        store.insertRevisionOne(
                "sale-1",
                "Sale",
                SalePlacedEvent.class,
                "{\"saleId\":\"sale-1\",\"customerId\":\"customer-de\",\"storeId\":\"store-de\","
                        + "\"channel\":\"MOBILE_APP\",\"paymentMethod\":\"CARD\",\"currency\":\"EUR\","
                        + "\"placedAt\":\"2024-03-01T10:15:30Z\",\"lines\":["
                        + "{\"productId\":\"product-1\",\"quantity\":1,\"unitPrice\":68.99},"
                        + "{\"productId\":\"product-2\",\"quantity\":3,\"unitPrice\":12.50}]}");

        List<Object> events = readAggregate("sale-1");

        assertThat(events)
                .containsExactly(new SalePlacedEvent(
                        "sale-1",
                        "customer-de",
                        "store-de",
                        SalesChannel.MOBILE_APP,
                        PaymentMethod.CARD,
                        "EUR",
                        AT,
                        List.of(
                                new SaleLine("product-1", 1, new BigDecimal("68.99"), BigDecimal.ZERO),
                                new SaleLine("product-2", 3, new BigDecimal("12.50"), BigDecimal.ZERO))));
        SaleLine second = ((SalePlacedEvent) events.get(0)).lines().get(1);
        assertThat(second.netAmount()).isEqualByComparingTo("37.50");
    }

    @Test
    void aStreamOfSeveralOldEventsIsUpcastForTrackingProcessorsToo() throws SQLException {
        store.insertRevisionOne(
                "store-us",
                "Store",
                StoreOpenedEvent.class,
                "{\"storeId\":\"store-us\",\"name\":\"Voltaria Online US\",\"country\":\"US\",\"city\":\"New York\","
                        + "\"kind\":\"ONLINE\",\"openedAt\":\"2024-03-01T10:15:30Z\"}");
        store.insertRevisionOne(
                "product-2",
                "Product",
                ProductListedEvent.class,
                "{\"productId\":\"product-2\",\"sku\":\"SKU-ACC-000002\",\"name\":\"USB-C cable\","
                        + "\"brand\":\"Anker\",\"category\":\"Accessories\",\"price\":12.50,\"currency\":\"USD\","
                        + "\"listedAt\":\"2024-03-01T10:15:30Z\"}");

        List<Object> all = store.engine(DomainUpcasters.chain())
                .readEvents(null, false)
                .map(EventMessage::getPayload)
                .collect(Collectors.toList());

        assertThat(all)
                .containsExactly(
                        new StoreOpenedEvent(
                                "store-us", "Voltaria Online US", "US", "New York", StoreKind.ONLINE, "USD", AT),
                        new ProductListedEvent(
                                "product-2",
                                "SKU-ACC-000002",
                                "USB-C cable",
                                "Anker",
                                "Accessories",
                                "Accessories",
                                new BigDecimal("12.50"),
                                "USD",
                                AT));
    }

    @Test
    void withoutTheUpcastersTheSameRowsCannotBeReadAsRevisionTwo() throws SQLException {
        store.insertRevisionOne(
                "store-us",
                "Store",
                StoreOpenedEvent.class,
                "{\"storeId\":\"store-us\",\"name\":\"Voltaria Online US\",\"country\":\"US\",\"city\":\"New York\","
                        + "\"kind\":\"ONLINE\",\"openedAt\":\"2024-03-01T10:15:30Z\"}");

        StoreOpenedEvent raw = (StoreOpenedEvent) store.engine(NoOpEventUpcaster.INSTANCE)
                .readEvents("store-us")
                .asStream()
                .map(EventMessage::getPayload)
                .findFirst()
                .orElseThrow();

        assertThat(raw.currency()).as("what the upcaster has to fill in").isNull();
    }

    @Test
    void revisionTwoEventsAreStoredWithTheirRevisionAndReadBackUnchanged() throws SQLException {
        SalePlacedEvent sale = new SalePlacedEvent(
                "sale-2",
                "customer-de",
                "store-de",
                SalesChannel.WEB,
                PaymentMethod.PAYPAL,
                "EUR",
                AT,
                List.of(new SaleLine("product-1", 2, new BigDecimal("68.99"), new BigDecimal("7.98"))));
        CustomerRegisteredEvent customer = new CustomerRegisteredEvent(
                "customer-fr", "Léa Martin", "lea@example.fr", "FR", "Lyon", "CHF", LoyaltyTier.GOLD, AT);
        JdbcEventStorageEngine engine = store.engine(DomainUpcasters.chain());
        engine.appendEvents(
                new GenericDomainEventMessage<>("Sale", "sale-2", 0, sale),
                new GenericDomainEventMessage<>("Customer", "customer-fr", 0, customer));

        assertThat(readAggregate("sale-2")).containsExactly(sale);
        assertThat(readAggregate("customer-fr")).containsExactly(customer);
        assertThat(store.storedTypesAndRevisions()).containsExactly("SalePlacedEvent 2", "CustomerRegisteredEvent 2");
    }

    @Test
    void upcastingKeepsEveryDigitAndTheScaleOfAmounts() throws SQLException {
        // 19 significant digits: a double would round them, and 99.90 would come back as 99.9.
        store.insertRevisionOne(
                "product-3",
                "Product",
                ProductListedEvent.class,
                "{\"productId\":\"product-3\",\"sku\":\"SKU-TV-000003\",\"name\":\"Wall\",\"brand\":\"Sony\","
                        + "\"category\":\"TVs\",\"price\":12345678901234567.89,\"currency\":\"EUR\","
                        + "\"listedAt\":\"2024-03-01T10:15:30Z\"}");
        store.insertRevisionOne(
                "sale-3",
                "Sale",
                SalePlacedEvent.class,
                "{\"saleId\":\"sale-3\",\"customerId\":\"c\",\"storeId\":\"s\",\"channel\":\"WEB\","
                        + "\"paymentMethod\":\"CARD\",\"currency\":\"EUR\",\"placedAt\":\"2024-03-01T10:15:30Z\","
                        + "\"lines\":[{\"productId\":\"p\",\"quantity\":2,\"unitPrice\":99.90}]}");

        ProductListedEvent product =
                (ProductListedEvent) readAggregate("product-3").get(0);
        SalePlacedEvent sale = (SalePlacedEvent) readAggregate("sale-3").get(0);

        assertThat(product.price()).isEqualTo(new BigDecimal("12345678901234567.89"));
        assertThat(sale.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("99.90"));
    }

    @Test
    void theRevisionOneSaleLineNeverWroteItsAmountMethod() {
        // The old line as it was, serialised as the app's JacksonSerializer did: components only.
        JsonNode old = serializer
                .serialize(new RevisionOneSaleLine("product-1", 3, new BigDecimal("12.50")), JsonNode.class)
                .getData();
        JsonNode current = serializer
                .serialize(new SaleLine("product-1", 3, new BigDecimal("12.50")), JsonNode.class)
                .getData();

        assertThat(fieldNames(old)).containsExactly("productId", "quantity", "unitPrice");
        assertThat(fieldNames(current)).containsExactly("productId", "quantity", "unitPrice", "discount");
    }

    @Test
    void upcastSaleLinesHaveExactlyTheFieldsOfTodaysSaleLine() throws IOException {
        GenericDomainEventEntry<byte[]> row = new GenericDomainEventEntry<>(
                "Sale",
                "sale-1",
                0,
                UUID.randomUUID().toString(),
                AT.toString(),
                SalePlacedEvent.class.getName(),
                null,
                ("{\"saleId\":\"sale-1\",\"lines\":[{\"productId\":\"product-1\",\"quantity\":1,"
                                + "\"unitPrice\":68.99}]}")
                        .getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));

        IntermediateEventRepresentation upcast = DomainUpcasters.chain()
                .upcast(Stream.of(new InitialEventRepresentation(row, serializer)))
                .findFirst()
                .orElseThrow();
        JsonNode line = serializer
                .getObjectMapper()
                .readTree(upcast.getData(byte[].class).getData())
                .get("lines")
                .get(0);
        JsonNode today = serializer
                .serialize(new SaleLine("product-1", 1, new BigDecimal("68.99")), JsonNode.class)
                .getData();

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat(fieldNames(line)).containsExactlyElementsOf(fieldNames(today));
        assertThat(line.get("discount").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void aCountryWithoutMoneyOfItsOwnGetsTheReportingCurrency() {
        assertThat(CountryCurrency.of("AQ")).isEqualTo("EUR");
        assertThat(CountryCurrency.of("PF")).isEqualTo("XPF");
        assertThat(CountryCurrency.of(null)).isEqualTo("EUR");
    }

    @Test
    void theChainHoldsOneUpcasterPerEventThatChanged() {
        List<EventUpcaster> all = DomainUpcasters.all();
        assertThat(all).hasSize(4).doesNotContainNull();
    }

    /** The line as revision 1 had it. */
    record RevisionOneSaleLine(String productId, int quantity, BigDecimal unitPrice) {

        public BigDecimal amount() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }

    private List<Object> readAggregate(String aggregateId) {
        return store.engine(DomainUpcasters.chain())
                .readEvents(aggregateId)
                .asStream()
                .map(DomainEventMessage::getPayload)
                .collect(Collectors.toList());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
