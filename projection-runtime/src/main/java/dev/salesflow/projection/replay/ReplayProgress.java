package dev.salesflow.projection.replay;

import java.time.Duration;

/**
 * Where a running replay stands.
 *
 * @param phase          what it is doing
 * @param events         events read so far
 * @param position       global position of the last event read
 * @param head           global position of the newest stored event when last asked
 * @param eventsPerSecond over the last interval
 * @param eta            time left at that rate; null if unknown
 */
public record ReplayProgress(Phase phase, long events, long position, long head, double eventsPerSecond, Duration eta) {

    public enum Phase {
        PREPARING,
        CATCHING_UP,
        FINAL_CATCH_UP,
        VERIFYING,
        SWITCHING_OVER,
        DONE,
        FAILED
    }

    /** One console line. */
    public String line() {
        String percent = head > 0 ? String.format(" (%.0f%%)", 100.0 * Math.min(position, head) / head) : "";
        String remaining = eta == null ? "" : String.format(" | ETA %d:%02d", eta.toMinutes(), eta.toSecondsPart());
        return String.format(
                "replay %s: %,d events | position %,d / %,d%s | %,.0f events/s%s",
                phase, events, position, head, percent, eventsPerSecond, remaining);
    }
}
