package dev.salesflow.generator.catalogue;

/**
 * A customer as registered.
 *
 * @param mailbox    the unique local part of the first e-mail address (first.last.N)
 * @param propensity relative chance that the next sale of the country is this customer's (heavy-tailed)
 */
public record CatalogueCustomer(
        int index,
        String customerId,
        String name,
        String email,
        String mailbox,
        Country country,
        String city,
        double propensity) {
}
