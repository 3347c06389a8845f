package dev.salesflow.app.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code salesflow generate} writes the same bytes twice, without starting the application. */
class GenerateCommandTest {

    @TempDir
    Path dir;

    private int generate(Path out) {
        return new CommandLine(new GenerateCommand())
                .execute(
                        "--backfill-days",
                        "2",
                        "--sales-per-day",
                        "300",
                        "--until",
                        "2026-11-01",
                        "--seed",
                        "42",
                        "--customers",
                        "500",
                        "--out",
                        out.toString(),
                        "--summary");
    }

    @Test
    void twoRunsWriteEqualFiles() throws Exception {
        assertThat(generate(dir.resolve("a.jsonl"))).isZero();
        assertThat(generate(dir.resolve("b.jsonl"))).isZero();
        byte[] a = Files.readAllBytes(dir.resolve("a.jsonl"));
        assertThat(a).isEqualTo(Files.readAllBytes(dir.resolve("b.jsonl")));
        List<String> lines = Files.readAllLines(dir.resolve("a.jsonl"));
        assertThat(lines.get(0)).startsWith("{\"at\":\"2026-10-30T00:00:00Z\",\"type\":\"ListProductCommand\"");
        assertThat(lines).anyMatch(l -> l.contains("\"type\":\"PlaceSaleCommand\""));
        assertThat(lines).anyMatch(l -> l.contains("\"type\":\"PublishExchangeRatesCommand\""));
    }

    @Test
    void refusesToDoNothing() {
        assertThat(new CommandLine(new GenerateCommand()).execute("--backfill-days", "1"))
                .isEqualTo(2);
    }

    /**
     * Issue 12, item 6: a generation that cannot complete (here the disk is full: Linux's /dev/full
     * refuses every write with ENOSPC) exits 1 with one line that says what failed and what to do,
     * instead of a stack trace.
     */
    @Test
    void aFullDiskEndsTheCommandWithExitCode1AndOneLine() {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");
        StringBuilder err = new StringBuilder();
        int code = withStandardError(err, () -> generate(full));

        assertThat(code).isEqualTo(1);
        List<String> lines =
                err.toString().lines().filter(l -> l.startsWith("salesflow")).toList();
        assertThat(lines)
                .singleElement()
                .asString()
                .startsWith("salesflow generate: cannot write /dev/full (No space left on device) at business date ")
                .endsWith("the file is incomplete: free some space or choose another --out, then run the command"
                        + " again.");
        assertThat(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void aFolderThatDoesNotExistEndsTheCommandWithOneLine() {
        Path nowhere = dir.resolve("missing/a.jsonl");
        StringBuilder err = new StringBuilder();
        int code = withStandardError(err, () -> generate(nowhere));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .contains("salesflow generate: cannot write " + nowhere + " (no such folder or file: " + nowhere
                        + ") before its first day")
                .doesNotContain("\tat ");
    }

    private static int withStandardError(StringBuilder err, java.util.function.IntSupplier command) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            return command.getAsInt();
        } finally {
            System.setErr(original);
            err.append(captured.toString(StandardCharsets.UTF_8));
        }
    }
}
