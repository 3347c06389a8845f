package dev.salesflow.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

/** Restart pacing and give-up of {@link JobSupervisor}, on real DirectRunner jobs that fail. */
class JobSupervisorTest {

    @Test
    void theBackoffDoublesUpToItsCap() {
        JobSupervisor.Backoff backoff = JobSupervisor.Backoff.standard();
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8, 40))
                .extracting(attempt -> backoff.before(attempt).toSeconds())
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(backoff.maxAttempts()).isEqualTo(8);
    }

    @Test
    void theErrorShownIsTheInnermostCauseWithItsType() {
        RuntimeException wrapped = new RuntimeException(
                "bundle failed",
                new IllegalStateException("outer", new java.sql.SQLException("Constraint Error: NOT NULL\nmore")));
        assertThat(JobSupervisor.describe(wrapped)).isEqualTo("SQLException: Constraint Error: NOT NULL");
    }

    private static PipelineResult failingJob() {
        DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
        options.setRunner(DirectRunner.class);
        options.setBlockOnRun(false);
        Pipeline pipeline = Pipeline.create(options);
        pipeline.apply(Create.of(1))
                .apply(MapElements.into(TypeDescriptors.integers()).via((Integer i) -> {
                    throw new IllegalStateException("the warehouse took no write");
                }));
        return pipeline.run();
    }

    @Test
    void aStartThatFailsCountsAsAFailedAttemptAndTheSupervisorGivesUpVisibly() {
        AtomicInteger starts = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        JobSupervisor supervisor = new JobSupervisor(
                "test job",
                () -> {
                    if (starts.incrementAndGet() == 1) {
                        return failingJob();
                    }
                    throw new IllegalArgumentException("cannot start: the warehouse file is locked");
                },
                result -> ended.incrementAndGet(),
                new JobSupervisor.Backoff(Duration.ofMillis(50), Duration.ofMillis(100), 2, Duration.ofMinutes(1)));
        supervisor.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> supervisor.health().phase() == JobSupervisor.Phase.FAILED);
        JobSupervisor.Health health = supervisor.health();
        assertThat(starts.get()).isEqualTo(3); // the first run and two restarts
        assertThat(ended.get()).isEqualTo(3);
        assertThat(health.attempt()).isEqualTo(2);
        assertThat(health.lastError())
                .isEqualTo("IllegalArgumentException: cannot start: the warehouse file is locked");
        assertThat(health.describe())
                .isEqualTo("FAILED (gave up after 2 restarts; last error:"
                        + " IllegalArgumentException: cannot start: the warehouse file is locked)");
        assertThat(supervisor.current().metrics().allMetrics().getCounters()).isEmpty();
        supervisor.stop();
        assertThat(supervisor.health().phase()).isEqualTo(JobSupervisor.Phase.STOPPED);
    }
}
