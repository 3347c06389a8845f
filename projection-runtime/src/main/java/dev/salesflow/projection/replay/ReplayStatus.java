package dev.salesflow.projection.replay;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /api/replay} answers: the last or current replay.
 *
 * @param dataDir     the data directory this application serves (the command line checks it)
 * @param available   every projection that can be replayed
 * @param projections the ones of the last or current replay
 * @param progress    its last progress report
 * @param report      when it succeeded: the result, one line per table
 * @param error       when it failed: what happened and what to do
 */
public record ReplayStatus(
        State state,
        String dataDir,
        List<String> available,
        List<String> projections,
        Instant startedAt,
        Instant endedAt,
        ReplayProgress progress,
        List<String> report,
        String error) {

    public enum State {
        IDLE,
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    static ReplayStatus idle(String dataDir, List<String> available) {
        return new ReplayStatus(State.IDLE, dataDir, available, List.of(), null, null, null, List.of(), null);
    }

    static ReplayStatus started(String dataDir, List<String> available, List<String> projections) {
        return new ReplayStatus(
                State.RUNNING, dataDir, available, projections, Instant.now(), null, null, List.of(), null);
    }

    ReplayStatus withProgress(ReplayProgress next) {
        return new ReplayStatus(state, dataDir, available, projections, startedAt, endedAt, next, report, error);
    }

    ReplayStatus succeeded(ReplayResult result) {
        return new ReplayStatus(
                State.SUCCEEDED,
                dataDir,
                available,
                projections,
                startedAt,
                Instant.now(),
                progress,
                ReplayReport.lines(result),
                null);
    }

    ReplayStatus failed(String message) {
        return new ReplayStatus(
                State.FAILED, dataDir, available, projections, startedAt, Instant.now(), progress, List.of(), message);
    }

    /** The progress as the console line the log prints. */
    @JsonProperty("progressLine")
    public String progressLine() {
        return progress == null ? null : progress.line();
    }

    @JsonIgnore
    public boolean finished() {
        return state == State.SUCCEEDED || state == State.FAILED;
    }
}
