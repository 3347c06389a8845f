package dev.salesflow.app.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
