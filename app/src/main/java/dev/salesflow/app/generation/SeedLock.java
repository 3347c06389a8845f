package dev.salesflow.app.generation;

import dev.salesflow.app.SalesflowProperties;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * Remembers the seed and catalogue sizes a data directory was created with. Resuming with other
 * settings would mix two simulated businesses in one event store, so it is refused.
 */
@Component
public class SeedLock {

    private final Path file;

    public SeedLock(SalesflowProperties properties) {
        this.file = properties.dataDir().resolve("generator.properties");
    }

    public void check(SalesflowProperties.Generator settings) {
        Properties wanted = new Properties();
        wanted.setProperty("seed", Long.toString(settings.seed()));
        wanted.setProperty("products", Integer.toString(settings.products()));
        wanted.setProperty("customers", Integer.toString(settings.customers()));
        wanted.setProperty("stores", Integer.toString(settings.stores()));
        try {
            if (Files.exists(file)) {
                Properties stored = new Properties();
                try (Reader in = Files.newBufferedReader(file)) {
                    stored.load(in);
                }
                if (!stored.equals(wanted)) {
                    throw new IllegalStateException("The data directory " + file.getParent() + " was created with "
                            + stored + " but this run asks for " + wanted + ". Use the same --seed, or another"
                            + " --data-dir for a new simulation.");
                }
                return;
            }
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                wanted.store(out, "Settings of the simulation that fills this data directory");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file, e);
        }
    }
}
