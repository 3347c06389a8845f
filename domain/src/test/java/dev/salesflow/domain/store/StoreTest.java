package dev.salesflow.domain.store;

import static org.hamcrest.Matchers.containsString;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.store.CloseStoreCommand;
import dev.salesflow.domain.api.store.OpenStoreCommand;
import dev.salesflow.events.store.StoreClosedEvent;
import dev.salesflow.events.store.StoreKind;
import dev.salesflow.events.store.StoreOpenedEvent;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoreTest {

    private static final String ID = "store-1";
    private static final Instant OPENED_AT = Instant.parse("2023-11-01T07:00:00Z");
    private static final Instant LATER = Instant.parse("2024-11-01T19:00:00Z");
    private static final StoreOpenedEvent OPENED =
            new StoreOpenedEvent(ID, "Voltia Lyon", "FR", "Lyon", StoreKind.PHYSICAL, "EUR", OPENED_AT);

    private FixtureConfiguration<Store> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Store.class);
    }

    @Test
    void opensPhysicalStore() {
        fixture.givenNoPriorActivity()
                .when(open("FR", "Lyon", StoreKind.PHYSICAL, "EUR"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(OPENED);
    }

    @Test
    void opensOnlineStore() {
        fixture.givenNoPriorActivity()
                .when(open("FR", "Paris", StoreKind.ONLINE, "EUR"))
                .expectEvents(
                        new StoreOpenedEvent(ID, "Voltia Lyon", "FR", "Paris", StoreKind.ONLINE, "EUR", OPENED_AT));
    }

    @Test
    void opensMarketplaceStoreSellingInAnotherCurrencyThanTheCountrys() {
        fixture.givenNoPriorActivity()
                .when(open("CH", "Zürich", StoreKind.MARKETPLACE, "EUR"))
                .expectEvents(new StoreOpenedEvent(
                        ID, "Voltia Lyon", "CH", "Zürich", StoreKind.MARKETPLACE, "EUR", OPENED_AT));
    }

    @Test
    void openingInUnknownCountryIsRefused() {
        expectRefusal(
                open("ZZ", "Lyon", StoreKind.PHYSICAL, "EUR"),
                "Store store-1: country 'ZZ' is not an ISO-3166 alpha-2 code (for example DE, US, JP)");
    }

    @Test
    void openingInLowerCaseCountryIsRefused() {
        fixture.givenNoPriorActivity()
                .when(open("fr", "Lyon", StoreKind.PHYSICAL, "EUR"))
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(containsString("country 'fr'"));
    }

    @Test
    void openingWithoutCountryIsRefused() {
        expectRefusal(open(null, "Lyon", StoreKind.PHYSICAL, "EUR"), "Store store-1: country is required");
    }

    @Test
    void openingWithoutKindIsRefused() {
        expectRefusal(open("FR", "Lyon", null, "EUR"), "Store store-1: kind is required");
    }

    @Test
    void openingWithoutCurrencyIsRefused() {
        expectRefusal(open("FR", "Lyon", StoreKind.PHYSICAL, null), "Store store-1: currency is required");
    }

    @Test
    void openingWithUnknownCurrencyIsRefused() {
        expectRefusal(
                open("FR", "Lyon", StoreKind.PHYSICAL, "EURO"),
                "Store store-1: currency 'EURO' is not an ISO-4217 code (for example EUR, USD, GBP)");
    }

    @Test
    void openingWithNoCurrencyCodeXxxIsRefused() {
        expectRefusal(
                open("FR", "Lyon", StoreKind.PHYSICAL, "XXX"),
                "Store store-1: currency 'XXX' is an ISO-4217"
                        + " code but no country's money (metals, funds, test and withdrawn codes are refused)");
    }

    @Test
    void openingWithSpecialDrawingRightsIsRefused() {
        expectRefusalContaining(
                open("FR", "Lyon", StoreKind.PHYSICAL, "XDR"),
                "currency 'XDR' is an ISO-4217 code" + " but no country's money");
    }

    @Test
    void openingWithFundsCodeIsRefused() {
        expectRefusalContaining(
                open("US", "Boston", StoreKind.PHYSICAL, "USN"),
                "currency 'USN' is an ISO-4217 code" + " but no country's money");
    }

    @Test
    void openingInFrenchPolynesiaWithCfpFrancIsAccepted() {
        fixture.givenNoPriorActivity()
                .when(open("PF", "Papeete", StoreKind.PHYSICAL, "XPF"))
                .expectEvents(
                        new StoreOpenedEvent(ID, "Voltia Lyon", "PF", "Papeete", StoreKind.PHYSICAL, "XPF", OPENED_AT));
    }

    @Test
    void openingWithBlankCityIsRefused() {
        expectRefusal(open("FR", "", StoreKind.PHYSICAL, "EUR"), "Store store-1: city is required");
    }

    @Test
    void openingWithBlankNameIsRefused() {
        expectRefusal(
                new OpenStoreCommand(ID, " ", "FR", "Lyon", StoreKind.PHYSICAL, "EUR", OPENED_AT),
                "Store store-1: name is required");
    }

    @Test
    void openingWithoutIdIsRefused() {
        expectRefusal(
                new OpenStoreCommand("", "Voltia Lyon", "FR", "Lyon", StoreKind.PHYSICAL, "EUR", OPENED_AT),
                "Store: storeId is required");
    }

    @Test
    void openingWithoutOpenedAtIsRefused() {
        expectRefusal(
                new OpenStoreCommand(ID, "Voltia Lyon", "FR", "Lyon", StoreKind.PHYSICAL, "EUR", null),
                "Store store-1: openedAt is required");
    }

    @Test
    void closingIsRecorded() {
        fixture.given(OPENED).when(new CloseStoreCommand(ID, LATER)).expectEvents(new StoreClosedEvent(ID, LATER));
    }

    @Test
    void closingAtTheOpeningMomentIsAccepted() {
        fixture.given(OPENED)
                .when(new CloseStoreCommand(ID, OPENED_AT))
                .expectEvents(new StoreClosedEvent(ID, OPENED_AT));
    }

    @Test
    void closingAgainEmitsNothing() {
        fixture.given(OPENED, new StoreClosedEvent(ID, LATER))
                .when(new CloseStoreCommand(ID, LATER.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void closingBeforeOpeningIsRefused() {
        Instant before = OPENED_AT.minusSeconds(1);
        fixture.given(OPENED)
                .when(new CloseStoreCommand(ID, before))
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage("Store store-1: closedAt " + before + " is before the opening at " + OPENED_AT);
    }

    @Test
    void closingWithoutTimeIsRefused() {
        fixture.given(OPENED)
                .when(new CloseStoreCommand(ID, null))
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage("Store store-1: closedAt is required");
    }

    private void expectRefusal(OpenStoreCommand command, String message) {
        fixture.givenNoPriorActivity()
                .when(command)
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(message);
    }

    private void expectRefusalContaining(OpenStoreCommand command, String message) {
        fixture.givenNoPriorActivity()
                .when(command)
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(containsString(message));
    }

    private static OpenStoreCommand open(String country, String city, StoreKind kind, String currency) {
        return new OpenStoreCommand(ID, "Voltia Lyon", country, city, kind, currency, OPENED_AT);
    }
}
