package dev.salesflow.generator.chance;

/**
 * The independent random streams of the simulation. Each entity draws from its own seed,
 * derived from the simulation seed, its stream and its index, so that adding a stream, asking
 * in another order or drawing more of one kind never shifts another.
 */
public enum Stream {
    PRODUCT(0x50524F44L),
    STORE(0x53544F52L),
    CUSTOMER(0x43555354L),
    CUSTOMER_NAME(0x434E414DL),
    SALE(0x53414C45L),
    ARRIVAL(0x41525256L),
    CHANGE(0x43484E47L),
    FX(0x46585254L);

    // Fixed constants rather than ordinal(): reordering the enum must not change any output.
    private final long salt;

    Stream(long salt) {
        this.salt = salt;
    }

    long salt() {
        return salt;
    }
}
