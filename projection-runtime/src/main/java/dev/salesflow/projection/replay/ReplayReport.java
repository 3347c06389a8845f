package dev.salesflow.projection.replay;

import dev.salesflow.projection.replay.ReplayResult.TableComparison;
import java.util.ArrayList;
import java.util.List;

/** A replay's result as lines for a console or a status page. */
final class ReplayReport {

    private ReplayReport() {}

    static List<String> lines(ReplayResult result) {
        List<String> lines = new ArrayList<>();
        ReplayResult.Timings t = result.timings();
        lines.add(String.format(
                "replayed %s: %,d events to position %,d in %.1f s (%,.0f events/s; read+deserialise"
                        + " %.1f s ahead, waited for %.1f s, apply %.1f s, write %.1f s, verify+switch %.1f s)",
                result.projections(),
                result.events(),
                result.position(),
                t.wallNanos() / 1e9,
                t.eventsPerSecond(result.events()),
                t.readNanos() / 1e9,
                t.waitNanos() / 1e9,
                t.applyNanos() / 1e9,
                t.writeNanos() / 1e9,
                t.finishNanos() / 1e9));
        for (TableComparison table : result.tables()) {
            String live = table.live() == null
                    ? "none"
                    : table.live().rows() + " rows, checksum " + table.live().hash();
            String verdict;
            if (table.equal()) {
                verdict = "equal";
            } else if (result.livePosition() >= 0 && result.livePosition() != result.position()) {
                verdict = "differ: the live processor was at position " + result.livePosition() + ", the replay at "
                        + result.position() + " (events in between)";
            } else {
                verdict = "differ: the live tables were built by other code or from other events (an older version,"
                        + " a processor reset, a bug fixed since); the rebuilt ones now replace them";
            }
            lines.add(String.format(
                    "  %s: rebuilt %d rows, checksum %s | replaced live: %s | %s",
                    table.rebuilt().table().replace("__rebuild", ""),
                    table.rebuilt().rows(),
                    table.rebuilt().hash(),
                    live,
                    verdict));
        }
        return lines;
    }
}
