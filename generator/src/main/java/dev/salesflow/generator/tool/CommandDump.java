package dev.salesflow.generator.tool;

import dev.salesflow.generator.Backfill;
import dev.salesflow.generator.SalesSimulation;
import dev.salesflow.generator.SimulationSettings;
import dev.salesflow.generator.TimedCommand;
import dev.salesflow.generator.summary.Summary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Runs a backfill without any pipeline: writes its commands as JSON lines and/or collects the
 * realism summary. The command line around it lives in the app ({@code ./run.sh generate}).
 */
public final class CommandDump {

    private CommandDump() {}

    /**
     * @param out      where the JSON lines go, or null for none
     * @param progress called with each command (for progress output), may be null
     * @return the summary of everything generated
     */
    public static Summary run(
            SimulationSettings settings,
            Backfill plan,
            Writer out,
            java.util.function.Consumer<TimedCommand> progress) {
        SalesSimulation simulation = SalesSimulation.backfill(settings, plan);
        CommandJson json = out == null ? null : new CommandJson();
        Summary summary = new Summary();
        try {
            for (TimedCommand command = simulation.next(); command != null; command = simulation.next()) {
                summary.accept(command);
                if (json != null) {
                    out.write(json.line(command));
                    out.write('\n');
                }
                if (progress != null) {
                    progress.accept(command);
                }
            }
            if (out != null) {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return summary;
    }
}
