package dev.salesflow.app.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.generation.PipelineBacklog.Backlog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bronze's backlog from the relay's and Beam's counters, and which stage is the slowest. */
class StageBacklogTest {

    @Test
    void bronzeIsBehindByWhatTheRelayPublishedAndBeamHasNotHandledInAnyWay() {
        Backlog bronze = StageBacklog.bronze(
                10_000,
                Map.of("events_written", 7_000L, "events_duplicates_dropped", 500L, "dead_lettered", 300L),
                null);
        assertThat(bronze).isEqualTo(new Backlog(2_200, "bronze", null));
        assertThat(bronze.describe()).isEqualTo("bronze 2,200 events behind");
    }

    @Test
    void bronzeIsNeverBelowZeroWhenItLandedEventsTheRelayPublishedBeforeThisRun() {
        assertThat(StageBacklog.bronze(100, Map.of("events_written", 150L), "restarting"))
                .isEqualTo(new Backlog(0, "bronze", "restarting"));
    }

    @Test
    void theSlowestStageIsTheOneFurthestBehindAndOnATieTheOneWithAProblem() {
        assertThat(StageBacklog.slowest(List.of(
                        new Backlog(100, "pubsub-relay", null),
                        new Backlog(900, "silver-sales", null),
                        new Backlog(900, "customers-scd2", "in error"),
                        new Backlog(50, "bronze", null))))
                .isEqualTo(new Backlog(900, "customers-scd2", "in error"));
        assertThat(new Backlog(900, "customers-scd2", "in error").describe())
                .isEqualTo("customers-scd2 (in error) 900 events behind");
    }

    @Test
    void noStageIsUnmeasured() {
        assertThat(StageBacklog.slowest(List.of()).measured()).isFalse();
    }
}
