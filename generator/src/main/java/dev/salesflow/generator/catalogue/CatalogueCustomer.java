package dev.salesflow.generator.catalogue;

/**
 * A customer as the simulator knows it.
 *
 * @param propensity relative chance that the next sale is this customer's (heavy-tailed)
 */
public record CatalogueCustomer(
        String customerId,
        String name,
        String email,
        Country country,
        String city,
        double propensity) {
}
