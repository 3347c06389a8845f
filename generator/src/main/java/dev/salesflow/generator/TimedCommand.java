package dev.salesflow.generator;

import dev.salesflow.domain.api.customer.RegisterCustomerCommand;
import dev.salesflow.domain.api.product.ListProductCommand;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.domain.api.store.OpenStoreCommand;
import java.time.Instant;

/**
 * A command of the simulation and its business time (the time the command itself carries).
 * Commands come out in non-decreasing business time.
 */
public record TimedCommand(Instant at, Object command) {

    /** Whether the command creates an aggregate: such a command must not be sent twice. */
    public boolean createsAggregate() {
        return command instanceof ListProductCommand
                || command instanceof OpenStoreCommand
                || command instanceof RegisterCustomerCommand
                || command instanceof PlaceSaleCommand;
    }

    /** The id of the aggregate a creating command creates; null for other commands. */
    public String createdAggregateId() {
        if (command instanceof ListProductCommand c) {
            return c.productId();
        }
        if (command instanceof OpenStoreCommand c) {
            return c.storeId();
        }
        if (command instanceof RegisterCustomerCommand c) {
            return c.customerId();
        }
        if (command instanceof PlaceSaleCommand c) {
            return c.saleId();
        }
        return null;
    }
}
