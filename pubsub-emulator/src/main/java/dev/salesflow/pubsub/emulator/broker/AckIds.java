package dev.salesflow.pubsub.emulator.broker;

import java.security.SecureRandom;

/**
 * Unguessable ack ids: 128 random bits each, as 32 hex digits. A counter would let anyone who
 * can reach the emulator ack or nack other clients' messages by guessing. Random bytes are drawn
 * from {@link SecureRandom} 4 KiB at a time, so an id costs a slice of a buffer and a hex
 * encoding rather than a SecureRandom call. Not thread-safe: used under the broker lock.
 */
final class AckIds {

    private static final int ID_BYTES = 16;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final SecureRandom random = new SecureRandom();
    private final byte[] pool = new byte[ID_BYTES * 256];
    private int next = pool.length;

    String next() {
        if (next == pool.length) {
            random.nextBytes(pool);
            next = 0;
        }
        char[] id = new char[ID_BYTES * 2];
        for (int i = 0; i < ID_BYTES; i++) {
            int b = pool[next + i] & 0xff;
            id[2 * i] = HEX[b >>> 4];
            id[2 * i + 1] = HEX[b & 0xf];
        }
        next += ID_BYTES;
        return new String(id);
    }
}
