package dev.salesflow.app.parties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.customer.RegisterCustomerCommand;
import dev.salesflow.domain.api.product.DiscontinueProductCommand;
import dev.salesflow.domain.api.product.ListProductCommand;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.domain.api.store.CloseStoreCommand;
import dev.salesflow.domain.api.store.OpenStoreCommand;
import dev.salesflow.domain.infra.CommandSide;
import dev.salesflow.domain.infra.parties.SalePartiesProjection;
import dev.salesflow.domain.infra.parties.SalePartiesRebuild;
import dev.salesflow.domain.infra.parties.SalePartiesTable;
import dev.salesflow.events.customer.LoyaltyTier;
import dev.salesflow.events.product.ProductDiscontinuedEvent;
import dev.salesflow.events.product.ProductListedEvent;
import dev.salesflow.events.sale.PaymentMethod;
import dev.salesflow.events.sale.SaleLine;
import dev.salesflow.events.sale.SalePlacedEvent;
import dev.salesflow.events.sale.SalesChannel;
import dev.salesflow.events.store.StoreClosedEvent;
import dev.salesflow.events.store.StoreKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cross-aggregate rules of a sale through the real command gateway, Axon, the event store and
 * the sale_parties table; run on H2 ({@link SalePartiesH2Test}) and PostgreSQL
 * ({@link SalePartiesPostgresIT}).
 */
abstract class SalePartiesScenarios {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant BEFORE = T0.minus(Duration.ofDays(1));

    /** Spring arguments that point the command side at this test's database. */
    abstract List<String> databaseArguments();

    abstract int senderThreads();

    ConfigurableApplicationContext start() {
        List<String> arguments = new ArrayList<>(databaseArguments());
        arguments.add("--spring.main.web-application-type=none");
        arguments.add("--spring.cloud.gcp.pubsub.enabled=false");
        return new SpringApplicationBuilder(CommandSide.class, TransactionProbe.class)
                .run(arguments.toArray(String[]::new));
    }

    static void catalogue(CommandGateway commands, String suffix) {
        for (int c = 1; c <= 4; c++) {
            commands.sendAndWait(new RegisterCustomerCommand(
                    "c" + c + suffix,
                    "Customer " + c,
                    "c" + c + "@example.com",
                    "DE",
                    "Berlin",
                    "EUR",
                    LoyaltyTier.STANDARD,
                    BEFORE));
        }
        for (String store : List.of("s1", "s2")) {
            commands.sendAndWait(new OpenStoreCommand(
                    store + suffix, "Store " + store, "DE", "Berlin", StoreKind.PHYSICAL, "EUR", BEFORE));
        }
        for (String product : List.of("p1", "p2")) {
            commands.sendAndWait(new ListProductCommand(
                    product + suffix,
                    "SKU-" + product,
                    "Product " + product,
                    "Acme",
                    "Phones",
                    "Smartphones",
                    new BigDecimal("100.00"),
                    "EUR",
                    BEFORE));
        }
    }

    static PlaceSaleCommand sale(
            String saleId, String customer, String store, String currency, Instant at, String... products) {
        List<SaleLine> lines = new ArrayList<>();
        for (String product : products) {
            lines.add(new SaleLine(product, 1, new BigDecimal("100.00"), new BigDecimal("10.00")));
        }
        return new PlaceSaleCommand(
                saleId, customer, store, SalesChannel.IN_STORE, PaymentMethod.CARD, currency, at, lines);
    }

    @Test
    void unknownOrUnsellablePartiesAreRefusedWithTheDomainsMessage() {
        try (ConfigurableApplicationContext context = start()) {
            CommandGateway commands = context.getBean(CommandGateway.class);
            catalogue(commands, "-r");
            Instant at = T0;

            assertRefused(
                    commands, sale("r-1", "nobody", "s1-r", "EUR", at, "p1-r"), "customer nobody is not registered");
            assertRefused(commands, sale("r-2", "c1-r", "nowhere", "EUR", at, "p1-r"), "store nowhere does not exist");
            assertRefused(
                    commands,
                    sale("r-3", "c1-r", "s1-r", "EUR", at, "p1-r", "ghost"),
                    "product ghost is not in the catalogue");
            assertRefused(commands, sale("r-4", "c1-r", "s1-r", "USD", at, "p1-r"), "sells in EUR, not in USD");
            assertRefused(
                    commands, sale("r-5", "c1-r", "s1-r", "EUR", BEFORE.minusSeconds(1), "p1-r"), "registered only at");

            commands.sendAndWait(sale("r-ok", "c1-r", "s1-r", "EUR", at, "p1-r", "p2-r"));
            commands.sendAndWait(new DiscontinueProductCommand("p1-r", at.plusSeconds(60)));
            commands.sendAndWait(new CloseStoreCommand("s2-r", at.plusSeconds(60)));
            assertRefused(
                    commands,
                    sale("r-6", "c1-r", "s1-r", "EUR", at.plusSeconds(60), "p1-r"),
                    "product p1-r is discontinued since");
            assertRefused(
                    commands,
                    sale("r-7", "c1-r", "s2-r", "EUR", at.plusSeconds(61), "p2-r"),
                    "store s2-r is closed since");
            // Before the discontinuation and closure, at business time, they still sell.
            commands.sendAndWait(sale("r-late", "c1-r", "s2-r", "EUR", at.plusSeconds(59), "p1-r"));

            List<String> saleIds = new ArrayList<>();
            for (EventMessage<?> event : eventsInGlobalOrder(context.getBean(EventStore.class))) {
                if (event.getPayload() instanceof SalePlacedEvent placed) {
                    saleIds.add(placed.saleId());
                }
            }
            assertThat(saleIds).containsExactly("r-ok", "r-late");
        }
    }

    private static void assertRefused(CommandGateway commands, PlaceSaleCommand sale, String message) {
        assertThatThrownBy(() -> commands.sendAndWait(sale))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining(message);
    }

    /**
     * Sales of product p1 and in store s1 from many threads while p1 is discontinued and s1 closed:
     * in the store's global order no sale of p1 (s1) at or after the discontinuation (closure) time
     * comes after the event. Business times are a counter, and each closing time lies just before
     * the sales in flight at that moment, so some of those race the closing command.
     */
    @Test
    void noSaleAtOrAfterADiscontinuationOrClosureIsStoredAfterIt() throws Exception {
        try (ConfigurableApplicationContext context = start()) {
            CommandGateway commands = context.getBean(CommandGateway.class);
            catalogue(commands, "");
            AtomicLong counter = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Queue<String> refusals = new ConcurrentLinkedQueue<>();
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < senderThreads(); t++) {
                Thread sender = new Thread(
                        () -> {
                            while (!stop.get()) {
                                long k = counter.getAndIncrement();
                                Instant at = T0.plusMillis(k);
                                String customer = "c" + (1 + k % 4);
                                PlaceSaleCommand sale = k % 2 == 0
                                        ? sale("sale-" + k, customer, "s2", "EUR", at, "p1", "p2")
                                        : sale("sale-" + k, customer, "s1", "EUR", at, "p2");
                                try {
                                    commands.sendAndWait(sale);
                                } catch (InvalidCommandException e) {
                                    refusals.add(e.getMessage());
                                } catch (Throwable e) {
                                    failures.add(e);
                                }
                            }
                        },
                        "sale-sender-" + t);
                sender.start();
                senders.add(sender);
            }
            AtomicReference<Instant> discontinuedAt = new AtomicReference<>();
            AtomicReference<Instant> closedAt = new AtomicReference<>();
            try {
                await().atMost(Duration.ofMinutes(2)).until(() -> counter.get() >= 300);
                discontinuedAt.set(T0.plusMillis(counter.get() - 3L * senderThreads()));
                commands.sendAndWait(new DiscontinueProductCommand("p1", discontinuedAt.get()));
                await().atMost(Duration.ofMinutes(2)).until(() -> counter.get() >= 600);
                closedAt.set(T0.plusMillis(counter.get() - 3L * senderThreads()));
                commands.sendAndWait(new CloseStoreCommand("s1", closedAt.get()));
                long closedAtCount = counter.get();
                await().atMost(Duration.ofMinutes(2)).until(() -> counter.get() >= closedAtCount + 200);
            } finally {
                stop.set(true);
                for (Thread sender : senders) {
                    sender.join(Duration.ofMinutes(1).toMillis());
                }
            }
            assertThat(failures).as("unexpected failures").isEmpty();

            List<EventMessage<?>> events = eventsInGlobalOrder(context.getBean(EventStore.class));
            boolean discontinued = false;
            boolean closed = false;
            int p1SalesBefore = 0;
            int s1SalesBefore = 0;
            List<String> violations = new ArrayList<>();
            for (EventMessage<?> event : events) {
                Object payload = event.getPayload();
                if (payload instanceof ProductDiscontinuedEvent e
                        && e.productId().equals("p1")) {
                    discontinued = true;
                } else if (payload instanceof StoreClosedEvent e && e.storeId().equals("s1")) {
                    closed = true;
                } else if (payload instanceof SalePlacedEvent sale) {
                    boolean sellsP1 = sale.lines().stream()
                            .anyMatch(line -> line.productId().equals("p1"));
                    boolean inS1 = sale.storeId().equals("s1");
                    if (sellsP1 && !discontinued) {
                        p1SalesBefore++;
                    }
                    if (inS1 && !closed) {
                        s1SalesBefore++;
                    }
                    if (sellsP1 && discontinued && !sale.placedAt().isBefore(discontinuedAt.get())) {
                        violations.add(sale.saleId() + " of p1 at " + sale.placedAt() + " after the discontinuation");
                    }
                    if (inS1 && closed && !sale.placedAt().isBefore(closedAt.get())) {
                        violations.add(sale.saleId() + " in s1 at " + sale.placedAt() + " after the closure");
                    }
                }
            }
            assertThat(discontinued).isTrue();
            assertThat(closed).isTrue();
            assertThat(violations).isEmpty();
            // Not vacuous: both sold before, and later sales were refused by the rule itself.
            assertThat(p1SalesBefore).isPositive();
            assertThat(s1SalesBefore).isPositive();
            assertThat(refusals).anyMatch(m -> m.contains("product p1 is discontinued since"));
            assertThat(refusals).anyMatch(m -> m.contains("store s1 is closed since"));
            assertThat(refusals).allMatch(m -> m.contains("discontinued since") || m.contains("closed since"));
        }
    }

    /**
     * The projection's JDBC writes are part of the command's transaction: a handler of the same
     * subscribing processor sees the uncommitted row, then fails; the listing rolls back as a whole.
     */
    @Test
    void theTablesRowCommitsAndRollsBackWithItsEvent() {
        try (ConfigurableApplicationContext context = start()) {
            CommandGateway commands = context.getBean(CommandGateway.class);
            TransactionProbe probe = context.getBean(TransactionProbe.class);
            assertThatThrownBy(() -> commands.sendAndWait(new ListProductCommand(
                            "poison-1",
                            "SKU-X",
                            "X",
                            "Acme",
                            "Phones",
                            "Smartphones",
                            new BigDecimal("1.00"),
                            "EUR",
                            BEFORE)))
                    .hasMessageContaining("poison");
            assertThat(probe.rowsSeenInsideTheTransaction).containsExactly(Map.entry("poison-1", 1));

            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
            assertThat(jdbc.queryForObject("select count(*) from sale_parties where id = 'poison-1'", Long.class))
                    .isZero();
            assertThat(eventsInGlobalOrder(context.getBean(EventStore.class)))
                    .noneMatch(e -> e.getPayload() instanceof ProductListedEvent p
                            && p.productId().equals("poison-1"));
        }
    }

    /** A database written before sale_parties existed: the table is rebuilt from the events at start-up. */
    @Test
    void aMissingTableIsRebuiltFromTheStoredEventsAtStartUp() {
        List<String> rowsBefore;
        try (ConfigurableApplicationContext first = start()) {
            CommandGateway commands = first.getBean(CommandGateway.class);
            catalogue(commands, "-b");
            commands.sendAndWait(new DiscontinueProductCommand("p1-b", T0));
            commands.sendAndWait(new CloseStoreCommand("s1-b", T0.plusSeconds(1)));
            JdbcTemplate jdbc = new JdbcTemplate(first.getBean(javax.sql.DataSource.class));
            rowsBefore = rows(jdbc);
            jdbc.execute("drop table sale_parties");
        }
        assertThat(rowsBefore)
                .hasSize(8)
                .contains(
                        "p1-b PRODUCT EUR " + SalePartiesTable.nanos(BEFORE) + " " + SalePartiesTable.nanos(T0),
                        "s2-b STORE EUR " + SalePartiesTable.nanos(BEFORE) + " null");

        try (ConfigurableApplicationContext second = start()) {
            JdbcTemplate jdbc = new JdbcTemplate(second.getBean(javax.sql.DataSource.class));
            assertThat(rows(jdbc)).containsExactlyElementsOf(rowsBefore);
            CommandGateway commands = second.getBean(CommandGateway.class);
            assertRefused(
                    commands, sale("b-1", "c1-b", "s2-b", "EUR", T0, "p1-b"), "product p1-b is discontinued since");
            assertRefused(
                    commands,
                    sale("b-2", "c1-b", "s1-b", "EUR", T0.plusSeconds(1), "p2-b"),
                    "store s1-b is closed since");
            commands.sendAndWait(sale("b-3", "c1-b", "s2-b", "EUR", T0, "p2-b"));
            // A table with rows is left alone.
            assertThat(second.getBean(SalePartiesRebuild.class).rebuildIfEmpty())
                    .isZero();
        }
    }

    private static List<String> rows(JdbcTemplate jdbc) {
        return jdbc.query(
                "select id, kind, currency, valid_from, valid_to from sale_parties order by id, kind",
                (row, n) -> row.getString(1) + " " + row.getString(2) + " " + row.getString(3) + " " + row.getLong(4)
                        + " " + (row.getObject(5) == null ? "null" : String.valueOf(row.getLong(5))));
    }

    static List<EventMessage<?>> eventsInGlobalOrder(EventStore eventStore) {
        List<EventMessage<?>> events = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                events.add(stream.nextAvailable());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return events;
    }

    /** A second handler in the sale-parties processor, after the projection's (see its @Order). */
    @ProcessingGroup(SalePartiesProjection.PROCESSING_GROUP)
    @org.springframework.core.annotation.Order(Integer.MAX_VALUE)
    public static class TransactionProbe {

        final List<Map.Entry<String, Integer>> rowsSeenInsideTheTransaction =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        private final JdbcTemplate jdbc;

        public TransactionProbe(javax.sql.DataSource dataSource) {
            this.jdbc = new JdbcTemplate(dataSource);
        }

        @EventHandler
        public void on(ProductListedEvent event) {
            if (event.productId().startsWith("poison")) {
                Integer rows = jdbc.queryForObject(
                        "select count(*) from sale_parties where id = ?", Integer.class, event.productId());
                rowsSeenInsideTheTransaction.add(Map.entry(event.productId(), rows));
                throw new IllegalStateException("poison product " + event.productId());
            }
        }
    }
}
