package dev.salesflow.scd2.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.events.customer.CustomerEmailChangedEvent;
import dev.salesflow.events.customer.CustomerLoyaltyTierChangedEvent;
import dev.salesflow.events.customer.CustomerMovedEvent;
import dev.salesflow.events.customer.CustomerRegisteredEvent;
import dev.salesflow.events.customer.LoyaltyTier;
import dev.salesflow.events.store.StoreKind;
import dev.salesflow.events.store.StoreOpenedEvent;
import dev.salesflow.projection.runtime.EventContext;
import dev.salesflow.projection.runtime.ProjectionEventHandler;
import dev.salesflow.projection.runtime.ProjectionRows;
import dev.salesflow.scd2.HistoryFixture;
import dev.salesflow.scd2.HistoryFixture.Delivery;
import dev.salesflow.scd2.ScdId;
import dev.salesflow.warehouse.table.TableSpec;
import dev.salesflow.warehouse.table.TableStore.TableChecksum;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomersScd2ProjectionTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path dir;

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static Delivery registered(String id, int minute) {
        return new Delivery(
                id,
                0,
                new CustomerRegisteredEvent(
                        id, "Ada L", "ada@example.com", "GB", "London", "GBP", LoyaltyTier.STANDARD, at(minute)));
    }

    static Delivery moved(String id, long seq, int minute, String country, String city) {
        return new Delivery(id, seq, new CustomerMovedEvent(id, country, city, at(minute)));
    }

    static Delivery email(String id, long seq, int minute, String email) {
        return new Delivery(id, seq, new CustomerEmailChangedEvent(id, email, at(minute)));
    }

    static Delivery tier(String id, long seq, int minute, LoyaltyTier tier) {
        return new Delivery(id, seq, new CustomerLoyaltyTierChangedEvent(id, tier, at(minute)));
    }

    @Test
    void changesMinutesApartEachMakeAVersionThatInheritsWhatTheyDidNotChange() {
        try (HistoryFixture history = new HistoryFixture(dir.resolve("w.duckdb"), new CustomersScd2Projection())) {
            history.deliver(List.of(
                    registered("c-1", 0),
                    moved("c-1", 1, 2, "FR", "Paris"),
                    email("c-1", 2, 3, "ada@example.org"),
                    tier("c-1", 3, 5, LoyaltyTier.GOLD)));

            assertThat(history.versions("c-1", "email", "country", "city", "loyalty_tier", "is_current"))
                    .containsExactly(
                            "0|REGISTERED|09:00|09:02|ada@example.com|GB|London|STANDARD|false",
                            "1|MOVED|09:02|09:03|ada@example.com|FR|Paris|STANDARD|false",
                            "2|EMAIL_CHANGED|09:03|09:05|ada@example.org|FR|Paris|STANDARD|false",
                            "3|LOYALTY_TIER_CHANGED|09:05|null|ada@example.org|FR|Paris|GOLD|true");
            assertThat(history.warehouse.query(
                            "select dbt_scd_id, dbt_updated_at = dbt_valid_from"
                                    + " from sales_snapshots.customers_scd2 where sequence_number = 2",
                            r -> r.getString(1) + "|" + r.getBoolean(2)))
                    .containsExactly(ScdId.of("c-1", 2) + "|true");
        }
    }

    @Test
    void aLateChangeDeliveredLastIsInsertedAtItsBusinessTimeAndLaterVersionsInheritIt() {
        try (HistoryFixture history = new HistoryFixture(dir.resolve("w.duckdb"), new CustomersScd2Projection())) {
            history.deliver(List.of(
                    registered("c-1", 0),
                    tier("c-1", 1, 10, LoyaltyTier.SILVER),
                    email("c-1", 2, 20, "ada@example.org")));
            // Stored after the others, but it happened at 09:05.
            history.deliver(List.of(moved("c-1", 3, 5, "DE", "Berlin")));

            assertThat(history.versions("c-1", "email", "city", "loyalty_tier"))
                    .containsExactly(
                            "0|REGISTERED|09:00|09:05|ada@example.com|London|STANDARD",
                            "3|MOVED|09:05|09:10|ada@example.com|Berlin|STANDARD",
                            "1|LOYALTY_TIER_CHANGED|09:10|09:20|ada@example.com|Berlin|SILVER",
                            "2|EMAIL_CHANGED|09:20|null|ada@example.org|Berlin|SILVER");
        }
    }

    @Test
    void aLateChangeEqualToItsPredecessorStillMakesItsOwnVersion() {
        try (HistoryFixture history = new HistoryFixture(dir.resolve("w.duckdb"), new CustomersScd2Projection())) {
            history.deliver(List.of(
                    registered("c-1", 0),
                    tier("c-1", 1, 10, LoyaltyTier.GOLD),
                    tier("c-1", 2, 5, LoyaltyTier.STANDARD)));

            assertThat(history.versions("c-1", "loyalty_tier"))
                    .containsExactly(
                            "0|REGISTERED|09:00|09:05|STANDARD",
                            "2|LOYALTY_TIER_CHANGED|09:05|09:10|STANDARD",
                            "1|LOYALTY_TIER_CHANGED|09:10|null|GOLD");
        }
    }

    @Test
    void anEventHandledTwiceChangesNothing() {
        try (HistoryFixture history = new HistoryFixture(dir.resolve("w.duckdb"), new CustomersScd2Projection())) {
            List<Delivery> events = List.of(
                    registered("c-1", 0), moved("c-1", 1, 2, "FR", "Paris"), tier("c-1", 2, 4, LoyaltyTier.GOLD));
            history.deliver(events);
            TableChecksum once = history.checksum();

            history.deliver(events);
            history.deliver(List.of(events.get(1)));

            assertThat(history.checksum()).isEqualTo(once);
            assertThat(once.rows()).isEqualTo(3);
        }
    }

    @Test
    void everyDeliveryOrderOfAnAggregatesEventsGivesTheSameTable() {
        // Two late changes (sequence 2 and 3 happened before sequence 1).
        List<Delivery> events = List.of(
                registered("c-1", 0),
                moved("c-1", 1, 30, "FR", "Paris"),
                tier("c-1", 2, 10, LoyaltyTier.GOLD),
                moved("c-1", 3, 20, "DE", "Berlin"));
        try (HistoryFixture history =
                new HistoryFixture(dir.resolve("w.duckdb"), new CustomersScd2Projection()).keepInMemory()) {
            history.deliver(events);
            TableChecksum inSequence = history.checksum();
            List<String> expected = history.versions("c-1", "email", "country", "city", "loyalty_tier");
            assertThat(expected)
                    .containsExactly(
                            "0|REGISTERED|09:00|09:10|ada@example.com|GB|London|STANDARD",
                            "2|LOYALTY_TIER_CHANGED|09:10|09:20|ada@example.com|GB|London|GOLD",
                            "3|MOVED|09:20|09:30|ada@example.com|DE|Berlin|GOLD",
                            "1|MOVED|09:30|null|ada@example.com|FR|Paris|GOLD");

            List<List<Delivery>> orders = HistoryFixture.permutations(events);
            assertThat(orders).hasSize(24);
            for (List<Delivery> order : orders) {
                history.restart();
                history.deliver(order);
                assertThat(history.checksum())
                        .as(
                                "delivered as %s",
                                order.stream().map(Delivery::sequenceNumber).toList())
                        .isEqualTo(inSequence);
            }
            assertThat(history.versions("c-1", "email", "country", "city", "loyalty_tier"))
                    .isEqualTo(expected);
        }
    }

    @Test
    void aReplayIntoTheShadowTableGivesTheLiveTablesRows() {
        try (HistoryFixture history = new HistoryFixture(dir.resolve("w.duckdb"), new CustomersScd2Projection())) {
            List<Delivery> events = List.of(
                    registered("c-1", 0),
                    registered("c-2", 0),
                    tier("c-1", 1, 10, LoyaltyTier.GOLD),
                    moved("c-2", 1, 3, "FR", "Lyon"),
                    moved("c-1", 2, 5, "FR", "Paris"),
                    tier("c-1", 3, 7, LoyaltyTier.SILVER));
            history.deliver(events);

            CustomersScd2Projection projection = new CustomersScd2Projection();
            TableSpec live = CustomersScd2Projection.TABLE.spec();
            history.store.create(live.shadow());
            // A replay: one batch, everything in memory, written once at the end.
            ProjectionRows replay = new ProjectionRows(history.store, projection.tables(), true, 1_000);
            for (Delivery event : events) {
                projection.handle(
                        event.payload(), new EventContext("e", event.aggregateId(), event.sequenceNumber()), replay);
            }
            replay.flush();

            TableChecksum rebuilt = history.store.checksum(live.shadow());
            TableChecksum current = history.store.checksum(live);
            assertThat(rebuilt.rows()).isEqualTo(current.rows()).isEqualTo(6);
            assertThat(rebuilt.hash()).isEqualTo(current.hash());
        }
    }

    @Test
    void changesStoredInSequenceButDatedInAnyOrderGiveTheVersionsTheirBusinessTimesSay() {
        // Four changes stored in this sequence, dated in every order of these minutes.
        List<Integer> minutes = List.of(10, 20, 30, 40);
        try (HistoryFixture history = new HistoryFixture(dir.resolve("w.duckdb"), new CustomersScd2Projection())) {
            for (List<Integer> dates : HistoryFixture.permutations(minutes)) {
                history.restart();
                history.deliver(List.of(
                        registered("c-1", 0),
                        tier("c-1", 1, dates.get(0), LoyaltyTier.GOLD),
                        moved("c-1", 2, dates.get(1), "FR", "Paris"),
                        tier("c-1", 3, dates.get(2), LoyaltyTier.SILVER),
                        email("c-1", 4, dates.get(3), "ada@example.org")));

                assertThat(history.versions("c-1", "email", "city", "loyalty_tier"))
                        .as("dated %s", dates)
                        .containsExactlyElementsOf(expectedVersions(dates));
            }
        }
    }

    /**
     * The versions computed another way than the projection's fold: each version's attribute is
     * the value of the latest change (in business time) up to it that set that attribute.
     */
    private static List<String> expectedVersions(List<Integer> dates) {
        String[] types = {"LOYALTY_TIER_CHANGED", "MOVED", "LOYALTY_TIER_CHANGED", "EMAIL_CHANGED"};
        String[][] sets = {
            {null, null, "GOLD"}, {null, "Paris", null}, {null, null, "SILVER"}, {"ada@example.org", null, null}
        };
        String[] registration = {"ada@example.com", "London", "STANDARD"};
        List<Integer> byTime = new ArrayList<>(List.of(0, 1, 2, 3));
        byTime.sort((a, b) -> Integer.compare(dates.get(a), dates.get(b)));
        List<String> expected = new ArrayList<>();
        expected.add("0|REGISTERED|09:00|" + hhmm(dates.get(byTime.get(0))) + "|ada@example.com|London|STANDARD");
        for (int position = 0; position < byTime.size(); position++) {
            int change = byTime.get(position);
            StringBuilder row = new StringBuilder((change + 1) + "|" + types[change] + "|" + hhmm(dates.get(change))
                    + "|" + (position + 1 < byTime.size() ? hhmm(dates.get(byTime.get(position + 1))) : "null"));
            for (int attribute = 0; attribute < 3; attribute++) {
                String value = registration[attribute];
                int latest = -1;
                for (int other = 0; other < 4; other++) {
                    if (sets[other][attribute] != null
                            && dates.get(other) <= dates.get(change)
                            && (latest < 0 || dates.get(other) > dates.get(latest))) {
                        latest = other;
                    }
                }
                row.append('|').append(latest < 0 ? value : sets[latest][attribute]);
            }
            expected.add(row.toString());
        }
        return expected;
    }

    private static String hhmm(int minute) {
        return String.format("09:%02d", minute);
    }

    @Test
    void noCustomerEverHasTwoCurrentVersions() {
        try (HistoryFixture history = new HistoryFixture(dir.resolve("w.duckdb"), new CustomersScd2Projection())) {
            List<Delivery> events = new ArrayList<>();
            for (int c = 0; c < 20; c++) {
                String id = "c-" + c;
                events.add(registered(id, 0));
                for (int change = 1; change <= c % 5; change++) {
                    // Business times go back and forth: every other change is late.
                    int minute = change % 2 == 0 ? 60 - change : change;
                    events.add(tier(id, change, minute, LoyaltyTier.values()[change % 4]));
                }
            }
            history.deliver(events);
            history.deliver(events.subList(0, 10));

            assertThat(history.warehouse.query(
                            "select customer_id from sales_snapshots.customers_scd2"
                                    + " group by customer_id having count(*) filter (where dbt_valid_to is null) <> 1"
                                    + " or count(*) filter (where is_current) <> 1",
                            r -> r.getString(1)))
                    .isEmpty();
            assertThat(history.warehouse.query(
                            "select count(distinct dbt_scd_id) = count(*),"
                                    + " count(distinct customer_id) from sales_snapshots.customers_scd2",
                            r -> r.getBoolean(1) + "|" + r.getLong(2)))
                    .containsExactly("true|20");
            // Contiguous: each version ends where the next begins.
            assertThat(history.warehouse.query(
                            "select customer_id from (select customer_id, dbt_valid_to,"
                                    + " lead(dbt_valid_from) over (partition by customer_id order by dbt_valid_from, sequence_number)"
                                    + " as next_from from sales_snapshots.customers_scd2)"
                                    + " where dbt_valid_to is distinct from next_from",
                            r -> r.getString(1)))
                    .isEmpty();
        }
    }

    @Test
    void theLiveHandlerWritesTheHistoryAndIgnoresEventsOfOtherAggregates() throws Exception {
        try (HistoryFixture history = new HistoryFixture(dir.resolve("w.duckdb"), new CustomersScd2Projection())) {
            AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(
                    new ProjectionEventHandler(new CustomersScd2Projection(), history.store));
            Delivery registration = registered("c-9", 0);
            adapter.handle(new GenericDomainEventMessage<>("Customer", "c-9", 0, registration.payload()));
            adapter.handle(new GenericDomainEventMessage<>(
                    "Store",
                    "s-1",
                    0,
                    new StoreOpenedEvent("s-1", "Shop", "DE", "Berlin", StoreKind.PHYSICAL, "EUR", T0)));
            adapter.handle(new GenericDomainEventMessage<>("Customer", "c-9", 0, registration.payload()));

            assertThat(history.versions("c-9", "city")).containsExactly("0|REGISTERED|09:00|null|London");
        }
    }
}
