package dev.salesflow.generator;

/**
 * What the simulation is made of. Everything it produces follows from these four numbers: equal
 * settings give equal commands, in every run and on every machine.
 *
 * @param seed      the root of every random draw
 * @param products  how many products the catalogue lists
 * @param customers how many customers are registered
 * @param stores    how many stores are opened: an online store per market, then marketplace stores, then shops
 */
public record SimulationSettings(long seed, int products, int customers, int stores) {

    public static final int DEFAULT_PRODUCTS = 120;
    public static final int DEFAULT_CUSTOMERS = 20_000;
    public static final int DEFAULT_STORES = 48;

    public SimulationSettings {
        requirePositive(products, "products");
        requirePositive(customers, "customers");
        requirePositive(stores, "stores");
    }

    /** The default shop: 120 products, 20,000 customers, 48 stores. */
    public static SimulationSettings withSeed(long seed) {
        return new SimulationSettings(seed, DEFAULT_PRODUCTS, DEFAULT_CUSTOMERS, DEFAULT_STORES);
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException("a simulation needs at least one of " + name + ", got " + value);
        }
    }
}
