package dev.salesflow.domain.store;

import static org.hamcrest.Matchers.containsString;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.store.OpenStoreCommand;
import dev.salesflow.domain.api.store.StoreKind;
import dev.salesflow.domain.api.store.StoreOpenedEvent;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoreTest {

    private static final Instant OPENED_AT = Instant.parse("2023-11-01T07:00:00Z");

    private FixtureConfiguration<Store> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Store.class);
    }

    @Test
    void opensPhysicalStore() {
        fixture.givenNoPriorActivity()
                .when(store("FR", "Lyon", StoreKind.PHYSICAL))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new StoreOpenedEvent("store-1", "Voltia Lyon", "FR", "Lyon", StoreKind.PHYSICAL,
                        OPENED_AT));
    }

    @Test
    void opensOnlineStore() {
        fixture.givenNoPriorActivity()
                .when(store("FR", "Paris", StoreKind.ONLINE))
                .expectEvents(new StoreOpenedEvent("store-1", "Voltia Lyon", "FR", "Paris", StoreKind.ONLINE,
                        OPENED_AT));
    }

    @Test
    void refusesUnknownCountry() {
        fixture.givenNoPriorActivity()
                .when(store("ZZ", "Lyon", StoreKind.PHYSICAL))
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(containsString("Store: country 'ZZ' is not an ISO-3166 alpha-2 code"));
    }

    @Test
    void refusesLowerCaseCountry() {
        fixture.givenNoPriorActivity()
                .when(store("fr", "Lyon", StoreKind.PHYSICAL))
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(containsString("country 'fr'"));
    }

    @Test
    void refusesMissingCountry() {
        expectRefusal(store(null, "Lyon", StoreKind.PHYSICAL), "Store: country is required");
    }

    @Test
    void refusesMissingKind() {
        expectRefusal(store("FR", "Lyon", null), "Store: kind is required");
    }

    @Test
    void refusesBlankCity() {
        expectRefusal(store("FR", "", StoreKind.PHYSICAL), "Store: city is required");
    }

    @Test
    void refusesBlankName() {
        expectRefusal(new OpenStoreCommand("store-1", " ", "FR", "Lyon", StoreKind.PHYSICAL, OPENED_AT),
                "Store: name is required");
    }

    @Test
    void refusesMissingOpenedAt() {
        expectRefusal(new OpenStoreCommand("store-1", "Voltia Lyon", "FR", "Lyon", StoreKind.PHYSICAL, null),
                "Store: openedAt is required");
    }

    private void expectRefusal(OpenStoreCommand command, String message) {
        fixture.givenNoPriorActivity()
                .when(command)
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(message);
    }

    private static OpenStoreCommand store(String country, String city, StoreKind kind) {
        return new OpenStoreCommand("store-1", "Voltia Lyon", country, city, kind, OPENED_AT);
    }
}
