package dev.salesflow.generator;

import dev.salesflow.generator.tool.CommandJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small simulations shared by the tests. */
public final class Runs {

    public static final Instant UNTIL = Instant.parse("2026-11-01T00:00:00Z");

    private Runs() {}

    /** A small shop: 2,000 customers, so that tests do not wait for Datafaker. */
    public static SimulationSettings smallShop(long seed) {
        return new SimulationSettings(seed, 120, 2_000, SimulationSettings.DEFAULT_STORES);
    }

    public static List<TimedCommand> all(SalesSimulation simulation) {
        List<TimedCommand> commands = new ArrayList<>();
        for (TimedCommand c = simulation.next(); c != null; c = simulation.next()) {
            commands.add(c);
        }
        return commands;
    }

    public static List<String> json(List<TimedCommand> commands) {
        CommandJson json = new CommandJson();
        return commands.stream().map(json::line).toList();
    }
}
