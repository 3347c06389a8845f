package dev.salesflow.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.generation.GeneratorSettings;
import dev.salesflow.generation.SeedLock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong options are refused in one line with exit code 2, before anything starts (no Spring context here). */
class RunCommandTest {

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String err) {}

    private Outcome run(String... args) {
        StringWriter err = new StringWriter();
        int exitCode = RunCommand.execute(args, new PrintWriter(err, true));
        return new Outcome(exitCode, err.toString());
    }

    private Outcome runOnDataDir(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--data-dir=" + dir.resolve("data");
        System.arraycopy(args, 0, all, 1, args.length);
        return run(all);
    }

    private static void assertRefusedInOneLine(Outcome outcome, String expected) {
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err().strip())
                .doesNotContain("\n")
                .contains(expected)
                .endsWith("(see --help)");
    }

    @Test
    void negativeOrNotANumberRatesAreRefused() {
        assertRefusedInOneLine(runOnDataDir("--rate", "-1"), "--rate must be 0");
        assertRefusedInOneLine(runOnDataDir("--rate", "NaN"), "--rate must be 0");
        assertRefusedInOneLine(runOnDataDir("--rate", "Infinity"), "--rate must be 0");
    }

    @Test
    void negativeCountsAndDurationsAreRefused() {
        assertRefusedInOneLine(runOnDataDir("--count", "-5"), "--count must be 0 or more");
        assertRefusedInOneLine(runOnDataDir("--duration", "-5m"), "--duration must be longer than zero");
        assertRefusedInOneLine(runOnDataDir("--duration", "0s"), "--duration must be longer than zero");
        assertRefusedInOneLine(runOnDataDir("--backfill-days", "0"), "--backfill-days must be at least 1");
    }

    @Test
    void emptyOrUnreadableDurationsAreRefused() {
        assertRefusedInOneLine(runOnDataDir("--duration", ""), "the duration is empty");
        assertRefusedInOneLine(runOnDataDir("--duration", "ten minutes"), "is not a duration");
        assertRefusedInOneLine(runOnDataDir("--duration", "PTx"), "is not a duration");
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        assertRefusedInOneLine(run("--data-dir=" + file.resolve("data")), "cannot be created");
    }

    @Test
    void aSeedOtherThanTheDataDirectorysIsRefusedBeforeAnythingStarts() {
        Path data = dir.resolve("data");
        new SeedLock(data)
                .check(
                        new GeneratorSettings(
                                true,
                                42,
                                20,
                                null,
                                null,
                                GeneratorSettings.DEFAULT_PRODUCTS,
                                GeneratorSettings.DEFAULT_CUSTOMERS,
                                GeneratorSettings.DEFAULT_STORES,
                                null,
                                2000,
                                null),
                        Instant.now());
        assertRefusedInOneLine(runOnDataDir("--seed", "7"), "seed was 42, now 7");
    }

    @Test
    void anUnknownOptionIsOneLine() {
        assertRefusedInOneLine(runOnDataDir("--rate"), "--rate");
    }
}
