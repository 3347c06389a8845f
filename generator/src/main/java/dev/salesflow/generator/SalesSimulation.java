package dev.salesflow.generator;

import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.generator.catalogue.Catalogue;
import dev.salesflow.generator.sale.SaleMaker;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A deterministic electronics retailer: the commands that build its catalogue, then an endless
 * sequence of sales. Equal settings give equal commands; nothing here reads a clock.
 *
 * <p>Not thread-safe: one simulation feeds one producer.
 */
public final class SalesSimulation {

    private final SimulationSettings settings;
    private Catalogue world;
    private SaleMaker saleMaker;
    private long salesGenerated;

    public SalesSimulation(SimulationSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public SimulationSettings settings() {
        return settings;
    }

    /**
     * Commands that create the catalogue: ListProductCommand..., OpenStoreCommand...,
     * RegisterCustomerCommand... in that order; all business times = {@code at}. Same settings give
     * an equal list, however many sales were drawn before.
     */
    public List<Object> catalogue(Instant at) {
        return world().commands(at);
    }

    /**
     * The next sale of the deterministic sequence, placed at the given business time. The sequence
     * does not depend on the times passed in, nor on whether {@link #catalogue} was called.
     */
    public PlaceSaleCommand nextSale(Instant placedAt) {
        Objects.requireNonNull(placedAt, "placedAt");
        PlaceSaleCommand sale = saleMaker().sale(salesGenerated, placedAt);
        salesGenerated++;
        return sale;
    }

    /** How many sales {@link #nextSale} has produced (skipped ones included). */
    public long salesGenerated() {
        return salesGenerated;
    }

    /** Advances the sequence by {@code n} sales without making them (to resume after a restart). */
    public void skip(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot skip a negative number of sales: " + n);
        }
        // Each sale has its own seed, so skipping is counting.
        salesGenerated = Math.addExact(salesGenerated, n);
    }

    private Catalogue world() {
        if (world == null) {
            world = Catalogue.build(settings);
        }
        return world;
    }

    private SaleMaker saleMaker() {
        if (saleMaker == null) {
            saleMaker = new SaleMaker(settings.seed(), world());
        }
        return saleMaker;
    }
}
