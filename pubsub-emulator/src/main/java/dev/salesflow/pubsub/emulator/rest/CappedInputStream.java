package dev.salesflow.pubsub.emulator.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads at most {@code max} bytes and throws {@link TooLarge} once a stream would give more. */
final class CappedInputStream extends FilterInputStream {

    static final class TooLarge extends IOException {
        TooLarge() {
            super("body over the limit");
        }
    }

    private final long max;
    private long count;

    CappedInputStream(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws TooLarge {
        count += n;
        if (count > max) {
            throw new TooLarge();
        }
    }
}
