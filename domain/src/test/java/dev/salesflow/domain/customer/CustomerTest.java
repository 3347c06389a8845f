package dev.salesflow.domain.customer;

import static org.hamcrest.Matchers.containsString;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.customer.CustomerRegisteredEvent;
import dev.salesflow.domain.api.customer.RegisterCustomerCommand;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerTest {

    private static final Instant REGISTERED_AT = Instant.parse("2024-02-01T09:30:00Z");

    private FixtureConfiguration<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
    }

    @Test
    void registersCustomer() {
        fixture.givenNoPriorActivity()
                .when(customer("anna.schmidt@example.de", "DE"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CustomerRegisteredEvent("customer-1", "Anna Schmidt", "anna.schmidt@example.de",
                        "DE", "Berlin", REGISTERED_AT));
    }

    @Test
    void refusesUnknownCountryCode() {
        fixture.givenNoPriorActivity()
                .when(customer("anna.schmidt@example.de", "XX"))
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(containsString("country 'XX' is not an ISO-3166 alpha-2 code"));
    }

    @Test
    void refusesLowerCaseCountryCode() {
        fixture.givenNoPriorActivity()
                .when(customer("anna.schmidt@example.de", "de"))
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(containsString("country 'de' is not an ISO-3166 alpha-2 code"));
    }

    @Test
    void refusesThreeLetterCountryCode() {
        fixture.givenNoPriorActivity()
                .when(customer("anna.schmidt@example.de", "DEU"))
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(containsString("country 'DEU'"));
    }

    @Test
    void refusesMissingCountry() {
        expectRefusal(customer("anna.schmidt@example.de", null), "Customer: country is required");
    }

    @Test
    void refusesBlankEmail() {
        expectRefusal(customer("   ", "DE"), "Customer: email is required");
    }

    @Test
    void refusesMissingEmail() {
        expectRefusal(customer(null, "DE"), "Customer: email is required");
    }

    @Test
    void refusesBlankName() {
        expectRefusal(new RegisterCustomerCommand("customer-1", "", "anna@example.de", "DE", "Berlin", REGISTERED_AT),
                "Customer: name is required");
    }

    @Test
    void refusesBlankCity() {
        expectRefusal(new RegisterCustomerCommand("customer-1", "Anna Schmidt", "anna@example.de", "DE", " ",
                REGISTERED_AT), "Customer: city is required");
    }

    @Test
    void refusesMissingRegisteredAt() {
        expectRefusal(new RegisterCustomerCommand("customer-1", "Anna Schmidt", "anna@example.de", "DE", "Berlin",
                null), "Customer: registeredAt is required");
    }

    private void expectRefusal(RegisterCustomerCommand command, String message) {
        fixture.givenNoPriorActivity()
                .when(command)
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage(message);
    }

    private static RegisterCustomerCommand customer(String email, String country) {
        return new RegisterCustomerCommand("customer-1", "Anna Schmidt", email, country, "Berlin", REGISTERED_AT);
    }
}
