package dev.salesflow.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedLockTest {

    private static final Instant TODAY = Instant.parse("2026-11-26T00:00:00Z");
    private static final Instant TOMORROW = Instant.parse("2026-11-27T00:00:00Z");

    @TempDir
    Path dataDir;

    private SeedLock lock() {
        return new SeedLock(dataDir);
    }

    private static GeneratorSettings live(long seed) {
        return new GeneratorSettings(true, seed, 20, null, null, 120, 20_000, 48, null, 2_000, null);
    }

    private static GeneratorSettings backfill(int days, double perDay, Instant until) {
        return new GeneratorSettings(true, 42, 20, null, null, 120, 20_000, 48, days, perDay, until);
    }

    @Test
    void recordsTheFirstPlanAndAcceptsItAgain() {
        assertThat(lock().check(live(42), TODAY).backfill()).isNull();
        assertThat(Files.exists(dataDir.resolve("generator.properties"))).isTrue();
        assertThat(lock().check(live(42), TOMORROW).settings().seed()).isEqualTo(42);
    }

    @Test
    void refusesAnotherSeedWithAClearMessage() {
        lock().check(live(42), TODAY);
        assertThatThrownBy(() -> lock().check(live(7), TODAY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("seed was 42, now 7")
                .hasMessageContaining("--data-dir");
    }

    @Test
    void refusesOtherBackfillOptionsAndALiveRunOnABackfill() {
        lock().check(backfill(30, 2_000, null), TODAY);
        assertThatThrownBy(() -> lock().check(backfill(30, 500, null), TODAY))
                .hasMessageContaining("sales-per-day was 2000.0, now 500.0");
        assertThatThrownBy(() -> lock().check(backfill(10, 2_000, null), TODAY))
                .hasMessageContaining("backfill-days was 30, now 10");
        assertThatThrownBy(() -> lock().check(live(42), TODAY)).hasMessageContaining("mode was backfill, now live");
        assertThatThrownBy(() -> lock().check(backfill(30, 2_000, TOMORROW), TODAY))
                .hasMessageContaining("until was 2026-11-26T00:00:00Z, now 2026-11-27T00:00:00Z");
    }

    @Test
    void aBackfillResumedOnAnotherDayKeepsItsEnd() {
        lock().check(backfill(30, 2_000, null), TODAY);
        assertThat(lock().check(backfill(30, 2_000, null), TOMORROW).backfill().until())
                .isEqualTo(TODAY);
    }
}
