package dev.salesflow.generation;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Remembers the generator options a data directory was made with: seed, shop sizes, and for a
 * backfill its days, sales per day and end. Resuming with options that change the sequence
 * would mix two simulated businesses in one event store, so it is refused. A backfill resumed
 * without {@code --until} continues the history the directory holds rather than one ending today.
 */
public class SeedLock {

    private static final String FILE = "generator.properties";
    private final Path file;

    public SeedLock(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    /** Resolves the plan of these options against the directory, records it the first time, refuses a different one. */
    public GeneratorPlan check(GeneratorSettings options, Instant defaultUntil) {
        return resolve(options, defaultUntil, true);
    }

    /**
     * The same judgement as {@link #check} without recording anything: the command line asks it before
     * anything starts, so a wrong seed is refused in one line rather than after the pipeline came up.
     */
    public void verify(GeneratorSettings options, Instant defaultUntil) {
        resolve(options, defaultUntil, false);
    }

    private GeneratorPlan resolve(GeneratorSettings options, Instant defaultUntil, boolean record) {
        Map<String, String> stored = read();
        Instant until = defaultUntil;
        if (options.until() == null && stored != null && stored.containsKey("until")) {
            until = Instant.parse(stored.get("until"));
        }
        GeneratorPlan plan = GeneratorPlan.of(options, until);
        Map<String, String> wanted = plan.describe();
        if (stored == null) {
            if (record) {
                write(wanted);
            }
        } else if (!stored.equals(wanted)) {
            throw new IllegalStateException("The data directory " + file.getParent() + " holds a simulation made with "
                    + "other generator options: " + differences(stored, wanted) + ". Run with the same options as "
                    + "before (see " + file + "), or use another --data-dir for a new simulation.");
        }
        return plan;
    }

    private static String differences(Map<String, String> stored, Map<String, String> wanted) {
        StringBuilder out = new StringBuilder();
        TreeSet<String> keys = new TreeSet<>(stored.keySet());
        keys.addAll(wanted.keySet());
        for (String key : keys) {
            String before = stored.get(key);
            String now = wanted.get(key);
            if (before == null ? now != null : !before.equals(now)) {
                out.append(out.isEmpty() ? "" : ", ")
                        .append(key)
                        .append(" was ")
                        .append(before == null ? "(unset)" : before)
                        .append(", now ")
                        .append(now == null ? "(unset)" : now);
            }
        }
        return out.toString();
    }

    private Map<String, String> read() {
        if (!Files.exists(file)) {
            return null;
        }
        Properties stored = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            stored.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        Map<String, String> values = new TreeMap<>();
        stored.stringPropertyNames().forEach(name -> values.put(name, stored.getProperty(name)));
        // Directories made before the generator had modes were live runs.
        values.putIfAbsent("mode", "live");
        return values;
    }

    private void write(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                properties.store(out, "Generator options of the simulation that fills this data directory");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
