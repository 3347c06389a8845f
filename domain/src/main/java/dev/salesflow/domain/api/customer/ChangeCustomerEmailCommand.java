package dev.salesflow.domain.api.customer;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeCustomerEmailCommand(
        @TargetAggregateIdentifier String customerId, String email, Instant changedAt) {}
