package dev.salesflow.generator.chance;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.SplittableRandom;
import java.util.UUID;

/** Seeds and ids that depend only on (simulation seed, stream, index). */
public final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {}

    /** A well-mixed seed for entity {@code index} of {@code stream}. */
    public static long derive(long seed, Stream stream, long index) {
        long h = mix64(seed ^ GOLDEN_GAMMA);
        h = mix64(h + stream.salt());
        return mix64(h + (index + 1) * GOLDEN_GAMMA);
    }

    /** A random source private to one entity. */
    public static SplittableRandom randomFor(long seed, Stream stream, long index) {
        return new SplittableRandom(derive(seed, stream, index));
    }

    /** A stable id, for example {@code id(42, "customer", 7)}; a name-based (version 3) UUID. */
    public static String id(long seed, String kind, long index) {
        return UUID.nameUUIDFromBytes((seed + ":" + kind + ":" + index).getBytes(UTF_8))
                .toString();
    }

    // The SplitMix64 finaliser: neighbouring inputs give unrelated outputs.
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
