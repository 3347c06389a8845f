package dev.salesflow.events;

/** Currency codes the contract fixes. */
public final class Currencies {

    /**
     * The base of every exchange rate ({@code ExchangeRatesPublishedEvent} gives units per one of
     * it) and the default reporting currency of silver and gold.
     */
    public static final String BASE = "EUR";

    private Currencies() {}
}
