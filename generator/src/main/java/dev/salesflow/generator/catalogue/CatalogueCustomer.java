package dev.salesflow.generator.catalogue;

/**
 * A customer as registered.
 *
 * @param mailbox    the unique local part of the first e-mail address (first.last.N)
 * @param propensity relative chance that the next sale of the country is this customer's (heavy-tailed)
 * @param priorSpendCents what the customer spent before the simulation starts (EUR cents), which
 *                   sets the loyalty tier they register with
 */
public record CatalogueCustomer(
        int index,
        String customerId,
        String name,
        String email,
        String mailbox,
        Country country,
        String city,
        double propensity,
        long priorSpendCents) {}
