package dev.salesflow.projection.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProjectionLagTest {

    @Test
    void percentilesAreOverTheEventsOfTheWindow() {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        ProjectionLag lag = new ProjectionLag(Clock.fixed(now, ZoneOffset.UTC));
        ProjectionLag.Batch batch = new ProjectionLag.Batch();
        for (int millis = 1; millis <= 1000; millis++) {
            batch.add(now.minusMillis(millis));
        }
        batch.recordTo(lag);

        ProjectionLag.Summary summary = lag.summary();
        assertThat(summary.events()).isEqualTo(1000);
        assertThat(summary.p50Millis()).isEqualTo(500);
        assertThat(summary.p99Millis()).isEqualTo(990);
        assertThat(summary.maxMillis()).isEqualTo(1000);
    }

    @Test
    void onlyTheMostRecentEventsCount() {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        ProjectionLag lag = new ProjectionLag(Clock.fixed(now, ZoneOffset.UTC));
        ProjectionLag.Batch batch = new ProjectionLag.Batch();
        batch.add(now.minusSeconds(60));
        batch.recordTo(lag);
        for (int i = 0; i < ProjectionLag.WINDOW; i++) {
            batch.add(now.minusMillis(5));
        }
        batch.recordTo(lag);

        assertThat(lag.summary().maxMillis()).isEqualTo(5);
        assertThat(lag.summary().events()).isEqualTo(ProjectionLag.WINDOW + 1);
    }
}
