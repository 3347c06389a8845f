package dev.salesflow.app.progress;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Prints where the dashboard is, then one progress line per interval. */
@Component
public class ProgressReporter {

    private static final Logger log = LoggerFactory.getLogger("salesflow.progress");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final PipelineStatus status;
    private final int port;
    private PipelineStatus.Snapshot previous;
    private Instant previousAt;

    public ProgressReporter(PipelineStatus status, @Value("${server.port:8080}") int port) {
        this.status = status;
        this.port = port;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void announce() {
        log.info("Dashboard: http://localhost:{}  (Ctrl-C stops cleanly)", port);
    }

    /**
     * The progress line of one reading; a generator that stopped early is said at its start, one held
     * back by the pipeline's backlog at its end.
     */
    static String line(PipelineStatus.Snapshot now, double rate) {
        return (now.generatorFailure() == null ? "" : "GENERATOR FAILED: " + now.generatorFailure() + " | ")
                + "sales %d (%.0f/s%s) | events stored %d | published %d | bronze %d (+%d dead letters; Beam: %d landed,"
                        .formatted(
                                now.salesGenerated(),
                                rate,
                                now.commandsRefused() > 0 ? ", " + now.commandsRefused() + " refused" : "",
                                now.eventsStored(),
                                now.eventsPublished(),
                                now.bronzeRows(),
                                now.deadLetters(),
                                now.beamLanded())
                + " %d duplicates dropped, %d dead-lettered) | silver lines %d (lag p99 %d ms) | mart refreshed %s%s%s"
                        .formatted(
                                now.beamDuplicatesDropped(),
                                now.beamDeadLettered(),
                                now.silverSaleLines(),
                                now.projectionLagP99Millis(),
                                now.lastMartRefresh() == null ? "not yet" : TIME.format(now.lastMartRefresh()) + " UTC",
                                now.martFailures() > 0
                                        ? " (" + now.martFailures() + " model/test failures, see sales_ops)"
                                        : "",
                                now.generatorHeldBack() ? " | " + now.generatorHeldBackReason() : "");
    }

    /** The line as it would be printed now (for tests and anyone who asks). */
    public String currentLine() {
        return line(status.read(), 0);
    }

    @Scheduled(fixedDelayString = "${salesflow.progress.interval:2s}")
    public void report() {
        PipelineStatus.Snapshot now = status.read();
        Instant at = Instant.now();
        double rate = 0;
        if (previous != null) {
            double seconds = Math.max(0.001, Duration.between(previousAt, at).toMillis() / 1000.0);
            rate = (now.salesGenerated() - previous.salesGenerated()) / seconds;
        }
        log.info(line(now, rate));
        previous = now;
        previousAt = at;
    }
}
