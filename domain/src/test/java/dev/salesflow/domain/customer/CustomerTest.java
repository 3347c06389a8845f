package dev.salesflow.domain.customer;

import static org.hamcrest.Matchers.containsString;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.customer.ChangeCustomerEmailCommand;
import dev.salesflow.domain.api.customer.ChangeLoyaltyTierCommand;
import dev.salesflow.domain.api.customer.MoveCustomerCommand;
import dev.salesflow.domain.api.customer.RegisterCustomerCommand;
import dev.salesflow.events.customer.CustomerEmailChangedEvent;
import dev.salesflow.events.customer.CustomerLoyaltyTierChangedEvent;
import dev.salesflow.events.customer.CustomerMovedEvent;
import dev.salesflow.events.customer.CustomerRegisteredEvent;
import dev.salesflow.events.customer.LoyaltyTier;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerTest {

    private static final String ID = "customer-1";
    private static final Instant REGISTERED_AT = Instant.parse("2024-02-01T09:30:00Z");
    private static final Instant LATER = Instant.parse("2024-05-01T12:00:00Z");
    private static final Instant EARLIER = Instant.parse("2024-01-31T23:59:59Z");
    private static final CustomerRegisteredEvent REGISTERED = new CustomerRegisteredEvent(
            ID, "Anna Schmidt", "anna.schmidt@example.de", "DE", "Berlin", "EUR", LoyaltyTier.STANDARD, REGISTERED_AT);

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
    }

    // --- registration -------------------------------------------------------------------------

    @Test
    void registersCustomerWithPreferredCurrencyAndTier() {
        fixture.givenNoPriorActivity()
                .when(register().build())
                .expectSuccessfulHandlerExecution()
                .expectEvents(REGISTERED);
    }

    @Test
    void registersCustomerWhoPrefersAnotherCurrencyThanTheCountrysAndAHigherTier() {
        fixture.givenNoPriorActivity()
                .when(register().currency("CHF").tier(LoyaltyTier.GOLD).build())
                .expectEvents(new CustomerRegisteredEvent(
                        ID,
                        "Anna Schmidt",
                        "anna.schmidt@example.de",
                        "DE",
                        "Berlin",
                        "CHF",
                        LoyaltyTier.GOLD,
                        REGISTERED_AT));
    }

    @Test
    void registrationWithUnknownCountryCodeIsRefused() {
        expectRefusal(
                register().country("XX"),
                "Customer customer-1: country 'XX' is not an ISO-3166 alpha-2 code (for example DE, US, JP)");
    }

    @Test
    void registrationWithLowerCaseCountryCodeIsRefused() {
        expectRefusalContaining(register().country("de"), "country 'de' is not an ISO-3166 alpha-2 code");
    }

    @Test
    void registrationWithThreeLetterCountryCodeIsRefused() {
        expectRefusalContaining(register().country("DEU"), "country 'DEU'");
    }

    @Test
    void registrationWithoutCountryIsRefused() {
        expectRefusal(register().country(null), "Customer customer-1: country is required");
    }

    @Test
    void registrationWithoutEmailIsRefused() {
        expectRefusal(register().email(null), "Customer customer-1: email is required");
    }

    @Test
    void registrationWithBlankEmailIsRefused() {
        expectRefusal(register().email("   "), "Customer customer-1: email is required");
    }

    @Test
    void registrationWithImplausibleEmailIsRefused() {
        expectRefusal(
                register().email("anna.example.de"),
                "Customer customer-1: email 'anna.example.de' is not an"
                        + " address (one '@', a dot in the domain, no spaces)");
    }

    @Test
    void registrationWithoutIdIsRefused() {
        expectRefusal(register().id(" "), "Customer: customerId is required");
    }

    @Test
    void registrationWithBlankNameIsRefused() {
        expectRefusal(register().name(""), "Customer customer-1: name is required");
    }

    @Test
    void registrationWithBlankCityIsRefused() {
        expectRefusal(register().city(" "), "Customer customer-1: city is required");
    }

    @Test
    void registrationWithoutPreferredCurrencyIsRefused() {
        expectRefusal(register().currency(null), "Customer customer-1: preferredCurrency is required");
    }

    @Test
    void registrationWithUnknownPreferredCurrencyIsRefused() {
        expectRefusal(
                register().currency("ABC"),
                "Customer customer-1: preferredCurrency 'ABC' is not an ISO-4217 code (for example EUR, USD, GBP)");
    }

    @Test
    void registrationWithGoldAsPreferredCurrencyIsRefused() {
        expectRefusalContaining(
                register().currency("XAU"), "preferredCurrency 'XAU' is an ISO-4217 code but no" + " country's money");
    }

    @Test
    void registrationWithoutLoyaltyTierIsRefused() {
        expectRefusal(register().tier(null), "Customer customer-1: loyaltyTier is required");
    }

    @Test
    void registrationWithoutRegisteredAtIsRefused() {
        expectRefusal(register().at(null), "Customer customer-1: registeredAt is required");
    }

    // --- move ---------------------------------------------------------------------------------

    @Test
    void moveToAnotherCityIsRecorded() {
        fixture.given(REGISTERED)
                .when(new MoveCustomerCommand(ID, "DE", "Hamburg", LATER))
                .expectEvents(new CustomerMovedEvent(ID, "DE", "Hamburg", LATER));
    }

    @Test
    void moveToAnotherCountryIsRecorded() {
        fixture.given(REGISTERED)
                .when(new MoveCustomerCommand(ID, "AT", "Wien", LATER))
                .expectEvents(new CustomerMovedEvent(ID, "AT", "Wien", LATER));
    }

    @Test
    void moveToASameNamedCityInAnotherCountryIsRecorded() {
        fixture.given(REGISTERED, new CustomerMovedEvent(ID, "US", "Paris", LATER))
                .when(new MoveCustomerCommand(ID, "FR", "Paris", LATER.plusSeconds(60)))
                .expectEvents(new CustomerMovedEvent(ID, "FR", "Paris", LATER.plusSeconds(60)));
    }

    @Test
    void moveToWhereTheCustomerAlreadyLivesEmitsNothing() {
        fixture.given(REGISTERED)
                .when(new MoveCustomerCommand(ID, "DE", "Berlin", LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void resentMoveEmitsNothing() {
        fixture.given(REGISTERED, new CustomerMovedEvent(ID, "DE", "Hamburg", LATER))
                .when(new MoveCustomerCommand(ID, "DE", "Hamburg", LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void moveToUnknownCountryIsRefused() {
        expectRefusal(
                new MoveCustomerCommand(ID, "ZZ", "Nowhere", LATER),
                "Customer customer-1: country 'ZZ' is not an ISO-3166 alpha-2 code (for example DE, US, JP)");
    }

    @Test
    void moveWithoutCountryIsRefused() {
        expectRefusal(new MoveCustomerCommand(ID, null, "Hamburg", LATER), "Customer customer-1: country is required");
    }

    @Test
    void moveWithoutCityIsRefused() {
        expectRefusal(new MoveCustomerCommand(ID, "DE", " ", LATER), "Customer customer-1: city is required");
    }

    @Test
    void moveWithoutTimeIsRefused() {
        expectRefusal(new MoveCustomerCommand(ID, "DE", "Hamburg", null), "Customer customer-1: movedAt is required");
    }

    @Test
    void moveBeforeRegistrationIsRefused() {
        expectRefusal(
                new MoveCustomerCommand(ID, "DE", "Hamburg", EARLIER),
                "Customer customer-1: movedAt " + EARLIER + " is before the registration at " + REGISTERED_AT);
    }

    @Test
    void moveAtTheMomentOfRegistrationIsAccepted() {
        fixture.given(REGISTERED)
                .when(new MoveCustomerCommand(ID, "DE", "Hamburg", REGISTERED_AT))
                .expectEvents(new CustomerMovedEvent(ID, "DE", "Hamburg", REGISTERED_AT));
    }

    // --- email --------------------------------------------------------------------------------

    @Test
    void emailChangeIsRecorded() {
        fixture.given(REGISTERED)
                .when(new ChangeCustomerEmailCommand(ID, "anna@posteo.de", LATER))
                .expectEvents(new CustomerEmailChangedEvent(ID, "anna@posteo.de", LATER));
    }

    @Test
    void emailChangeToTheCurrentAddressEmitsNothing() {
        fixture.given(REGISTERED, new CustomerEmailChangedEvent(ID, "anna@posteo.de", LATER))
                .when(new ChangeCustomerEmailCommand(ID, "anna@posteo.de", LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "anna.posteo.de",
                "anna@@posteo.de",
                "anna@po@steo.de",
                "@posteo.de",
                "anna@posteo",
                "anna@.posteo",
                "anna@posteo.",
                "anna schmidt@posteo.de",
                "anna@posteo.de ",
                "anna@post\teo.de"
            })
    void emailChangeToImplausibleAddressIsRefused(String email) {
        expectRefusal(
                new ChangeCustomerEmailCommand(ID, email, LATER),
                "Customer customer-1: email '" + email
                        + "' is not an address (one '@', a dot in the domain, no spaces)");
    }

    @Test
    void emailChangeWithoutAddressIsRefused() {
        expectRefusal(new ChangeCustomerEmailCommand(ID, null, LATER), "Customer customer-1: email is required");
    }

    @Test
    void emailChangeWithoutTimeIsRefused() {
        expectRefusal(
                new ChangeCustomerEmailCommand(ID, "anna@posteo.de", null),
                "Customer customer-1: changedAt is required");
    }

    @Test
    void emailChangeBeforeRegistrationIsRefused() {
        expectRefusal(
                new ChangeCustomerEmailCommand(ID, "anna@posteo.de", EARLIER),
                "Customer customer-1: changedAt " + EARLIER + " is before the registration at " + REGISTERED_AT);
    }

    // --- loyalty tier -------------------------------------------------------------------------

    @Test
    void loyaltyTierChangeIsRecorded() {
        fixture.given(REGISTERED)
                .when(new ChangeLoyaltyTierCommand(ID, LoyaltyTier.SILVER, LATER))
                .expectEvents(new CustomerLoyaltyTierChangedEvent(ID, LoyaltyTier.SILVER, LATER));
    }

    @Test
    void loyaltyTierCanGoDown() {
        fixture.given(REGISTERED, new CustomerLoyaltyTierChangedEvent(ID, LoyaltyTier.PLATINUM, LATER))
                .when(new ChangeLoyaltyTierCommand(ID, LoyaltyTier.SILVER, LATER.plusSeconds(1)))
                .expectEvents(new CustomerLoyaltyTierChangedEvent(ID, LoyaltyTier.SILVER, LATER.plusSeconds(1)));
    }

    @Test
    void loyaltyTierChangeToTheCurrentTierEmitsNothing() {
        fixture.given(REGISTERED)
                .when(new ChangeLoyaltyTierCommand(ID, LoyaltyTier.STANDARD, LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void loyaltyTierChangeWithoutTierIsRefused() {
        expectRefusal(new ChangeLoyaltyTierCommand(ID, null, LATER), "Customer customer-1: loyaltyTier is required");
    }

    @Test
    void loyaltyTierChangeWithoutTimeIsRefused() {
        expectRefusal(
                new ChangeLoyaltyTierCommand(ID, LoyaltyTier.GOLD, null), "Customer customer-1: changedAt is required");
    }

    @Test
    void loyaltyTierChangeBeforeRegistrationIsRefused() {
        expectRefusal(
                new ChangeLoyaltyTierCommand(ID, LoyaltyTier.GOLD, EARLIER),
                "Customer customer-1: changedAt " + EARLIER + " is before the registration at " + REGISTERED_AT);
    }

    // --- helpers ------------------------------------------------------------------------------

    private void expectRefusal(Registration command, String message) {
        fixture.givenNoPriorActivity()
                .when(command.build())
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(message);
    }

    private void expectRefusalContaining(Registration command, String message) {
        fixture.givenNoPriorActivity()
                .when(command.build())
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(containsString(message));
    }

    private void expectRefusal(Object command, String message) {
        fixture.given(REGISTERED)
                .when(command)
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(message);
    }

    private static Registration register() {
        return new Registration();
    }

    /** A valid registration by default; each test breaks one thing. */
    private static final class Registration {
        private String id = ID;
        private String name = "Anna Schmidt";
        private String email = "anna.schmidt@example.de";
        private String country = "DE";
        private String city = "Berlin";
        private String currency = "EUR";
        private LoyaltyTier tier = LoyaltyTier.STANDARD;
        private Instant at = REGISTERED_AT;

        Registration id(String value) {
            id = value;
            return this;
        }

        Registration name(String value) {
            name = value;
            return this;
        }

        Registration email(String value) {
            email = value;
            return this;
        }

        Registration country(String value) {
            country = value;
            return this;
        }

        Registration city(String value) {
            city = value;
            return this;
        }

        Registration currency(String value) {
            currency = value;
            return this;
        }

        Registration tier(LoyaltyTier value) {
            tier = value;
            return this;
        }

        Registration at(Instant value) {
            at = value;
            return this;
        }

        RegisterCustomerCommand build() {
            return new RegisterCustomerCommand(id, name, email, country, city, currency, tier, at);
        }
    }
}
