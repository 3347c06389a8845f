package dev.salesflow.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault suite's table: one row per scenario, what was injected, the figures it ended with
 * (events stored, bronze rows, silver, dead letters; "-" where a figure does not apply) and the
 * verdict. Written as Markdown to {@code target/fault-suite-summary.md} and printed.
 */
final class FaultSummary {

    record Row(
            String scenario,
            String injected,
            String stored,
            String bronze,
            String silver,
            String deadLetters,
            String verdict) {}

    private final List<Row> rows = new ArrayList<>();

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    synchronized void add(Row row) {
        rows.add(row);
    }

    synchronized String markdown() {
        StringBuilder table = new StringBuilder();
        table.append("| scenario | what was injected | events stored | bronze rows (once each) | silver |"
                + " dead letters (with reason) | verdict |\n");
        table.append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            table.append("| ")
                    .append(String.join(
                            " | ",
                            cell(row.scenario()),
                            cell(row.injected()),
                            cell(row.stored()),
                            cell(row.bronze()),
                            cell(row.silver()),
                            cell(row.deadLetters()),
                            cell(row.verdict())))
                    .append(" |\n");
        }
        long survived =
                rows.stream().filter(r -> r.verdict().startsWith("survived")).count();
        long run = rows.stream().filter(r -> !r.verdict().startsWith("NOT RUN")).count();
        table.append("\n").append(survived).append(" of ").append(run).append(" scenarios run survived");
        if (run < rows.size()) {
            table.append("; ").append(rows.size() - run).append(" not run (see its row)");
        }
        table.append(".\n");
        return table.toString();
    }

    void write(Path file) {
        String text = "# Fault suite\n\n" + markdown();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the fault-suite summary " + file, e);
        }
        System.out.println(text);
    }

    private static String cell(String text) {
        return text == null ? "-" : text.replace("|", "\\|").replace("\n", " ");
    }
}
