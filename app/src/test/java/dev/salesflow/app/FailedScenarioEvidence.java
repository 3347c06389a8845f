package dev.salesflow.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a failed fault-suite scenario leaves behind for whoever reads the build: every application
 * the suite started is stopped (so that the next scenario does not find the warehouse held), the
 * data directory and the application logs are copied to {@code target/fault-suite-failed/<scenario>/},
 * and a diagnosis is printed: the live status and health, stored and bronze event ids compared both
 * ways, and each processor's token against the store's head.
 */
final class FailedScenarioEvidence {

    static final Path FAILED = Path.of("target/fault-suite-failed");

    private FailedScenarioEvidence() {}

    static void keep(String scenario, List<Process> processes, Map<Process, Path> logs, Path dataDir, int port)
            throws IOException, InterruptedException {
        Path target = FAILED.resolve(scenario.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", ""));
        Files.createDirectories(target);
        StringBuilder report = new StringBuilder("=== Fault suite: scenario '" + scenario + "' failed ===\n");
        if (processes.stream().anyMatch(Process::isAlive)) {
            report.append("/api/status: ").append(get(port, "/api/status")).append('\n');
            report.append("/actuator/health: ")
                    .append(get(port, "/actuator/health"))
                    .append('\n');
        }
        for (Process process : processes) {
            stop(process);
        }
        for (Map.Entry<Process, Path> log : logs.entrySet()) {
            if (Files.exists(log.getValue())) {
                Files.copy(
                        log.getValue(),
                        target.resolve("pid-" + log.getKey().pid() + ".log"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (dataDir != null && Files.isDirectory(dataDir)) {
            copyTree(dataDir, target.resolve("data"));
            // On the original (deleted after the suite): opening the files may recover and rewrite them.
            report.append(diagnose(dataDir));
        }
        report.append("Kept in ").append(target.toAbsolutePath()).append('\n');
        Files.writeString(target.resolve("diagnosis.txt"), report, StandardCharsets.UTF_8);
        System.out.println(report);
    }

    /** SIGTERM first (a clean stop keeps what the run held in memory), SIGKILL after a minute. */
    private static void stop(Process process) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static String get(int port, String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(20))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    record StoredEvent(long globalIndex, String eventId, String aggregate, long sequence, String type, String at) {}

    static String diagnose(Path dataDir) {
        StringBuilder out = new StringBuilder();
        Map<String, StoredEvent> stored = new LinkedHashMap<>();
        Path h2 = dataDir.resolve("eventstore/events");
        if (Files.exists(dataDir.resolve("eventstore/events.mv.db"))) {
            try (Connection connection = DriverManager.getConnection(
                            "jdbc:h2:file:" + h2 + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000", "sa", "");
                    Statement statement = connection.createStatement()) {
                out.append("event store: count(*) ")
                        .append(single(statement, "select count(*) from domain_event_entry"))
                        .append(", count(event_identifier) ")
                        .append(single(statement, "select count(event_identifier) from domain_event_entry"))
                        .append(", rows walked by global index ")
                        .append(single(statement, "select count(*) from domain_event_entry where global_index > -1"))
                        .append(", by event id ")
                        .append(single(
                                statement, "select count(*) from domain_event_entry where event_identifier > ''"))
                        .append(", by aggregate ")
                        .append(single(
                                statement, "select count(*) from domain_event_entry where aggregate_identifier > ''"))
                        .append(", min/max global_index ")
                        .append(single(statement, "select min(global_index) from domain_event_entry"))
                        .append('/')
                        .append(single(statement, "select max(global_index) from domain_event_entry"))
                        .append('\n');
                try (ResultSet rows = statement.executeQuery(
                        "select global_index, event_identifier, aggregate_identifier, sequence_number,"
                                + " payload_type, time_stamp from domain_event_entry order by global_index")) {
                    while (rows.next()) {
                        StoredEvent event = new StoredEvent(
                                rows.getLong(1),
                                rows.getString(2),
                                rows.getString(3),
                                rows.getLong(4),
                                rows.getString(5),
                                rows.getString(6));
                        stored.put(event.eventId(), event);
                    }
                }
                // H2 counts rows from its map's size; a row left uncommitted by a crash is counted
                // there but skipped by every read: show what only a dirty read sees.
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
                try (Statement dirty = connection.createStatement();
                        ResultSet rows = dirty.executeQuery(
                                "select global_index, event_identifier, aggregate_identifier, sequence_number,"
                                        + " payload_type, time_stamp from domain_event_entry order by global_index")) {
                    int seen = 0;
                    StringBuilder onlyDirty = new StringBuilder();
                    while (rows.next()) {
                        seen++;
                        if (!stored.containsKey(rows.getString(2))) {
                            onlyDirty
                                    .append("  ")
                                    .append(new StoredEvent(
                                            rows.getLong(1),
                                            rows.getString(2),
                                            rows.getString(3),
                                            rows.getLong(4),
                                            rows.getString(5),
                                            rows.getString(6)))
                                    .append('\n');
                        }
                    }
                    out.append("rows under READ UNCOMMITTED: ")
                            .append(seen)
                            .append(", of which not seen by a committed read: ")
                            .append(onlyDirty.isEmpty() ? "none\n" : "\n" + onlyDirty);
                }
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                out.append("global_index values skipped between min and max: ")
                        .append(holes(stored.values().stream()
                                .map(StoredEvent::globalIndex)
                                .toList()))
                        .append('\n');
                try (ResultSet sequences = statement.executeQuery(
                        "select sequence_name, base_value, increment from information_schema.sequences")) {
                    while (sequences.next()) {
                        out.append("sequence ")
                                .append(sequences.getString(1))
                                .append(": base_value ")
                                .append(sequences.getString(2))
                                .append(", increment ")
                                .append(sequences.getString(3))
                                .append('\n');
                    }
                } catch (SQLException e) {
                    out.append("sequences: ").append(e.getMessage()).append('\n');
                }
                try (ResultSet tokens = statement.executeQuery(
                        "select processor_name, segment, token_type, token, owner, timestamp from token_entry"
                                + " order by processor_name, segment")) {
                    while (tokens.next()) {
                        byte[] token = tokens.getBytes(4);
                        out.append("token ")
                                .append(tokens.getString(1))
                                .append('/')
                                .append(tokens.getInt(2))
                                .append(" (")
                                .append(tokens.getString(3))
                                .append(", owner ")
                                .append(tokens.getString(5))
                                .append(", at ")
                                .append(tokens.getString(6))
                                .append("): ")
                                .append(token == null ? "null" : new String(token, StandardCharsets.UTF_8))
                                .append('\n');
                    }
                }
            } catch (SQLException e) {
                out.append("event store not readable: ").append(e).append('\n');
            }
        }
        Set<String> bronze = new HashSet<>();
        Path duckdb = dataDir.resolve("warehouse/analytics.duckdb");
        if (Files.exists(duckdb)) {
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + duckdb);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "select event_id, aggregate_id, sequence_number, event_type, occurred_at"
                                    + " from sales_bronze.sales_events")) {
                List<String> notStored = new java.util.ArrayList<>();
                while (rows.next()) {
                    String id = rows.getString(1);
                    if (!bronze.add(id)) {
                        out.append("bronze holds event ").append(id).append(" twice\n");
                    }
                    if (!stored.containsKey(id)) {
                        notStored.add(id + " (" + rows.getString(2) + " #" + rows.getLong(3) + ", " + rows.getString(4)
                                + ", " + rows.getString(5) + ")");
                    }
                }
                out.append("bronze rows ").append(bronze.size()).append("; in bronze, not in the store: ");
                out.append(notStored.isEmpty() ? "none" : String.join("; ", notStored))
                        .append('\n');
            } catch (SQLException e) {
                out.append("bronze not readable: ").append(e).append('\n');
            }
        }
        List<StoredEvent> notInBronze = stored.values().stream()
                .filter(event -> !bronze.contains(event.eventId()))
                .toList();
        out.append("stored events ")
                .append(stored.size())
                .append("; stored, not in bronze: ")
                .append(notInBronze.isEmpty() ? "none" : "")
                .append('\n');
        notInBronze.stream()
                .limit(50)
                .forEach(event -> out.append("  ").append(event).append('\n'));
        if (!stored.isEmpty()) {
            out.append("last stored events:\n");
            stored.values().stream()
                    .skip(Math.max(0, stored.size() - 5))
                    .forEach(event -> out.append("  ").append(event).append('\n'));
        }
        return out.toString();
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : "(no row)";
        }
    }

    /** The global indexes missing between the lowest and the highest stored one (at most 50 shown). */
    private static String holes(List<Long> indexes) {
        StringBuilder holes = new StringBuilder();
        int shown = 0;
        int count = 0;
        for (int i = 1; i < indexes.size(); i++) {
            for (long missing = indexes.get(i - 1) + 1; missing < indexes.get(i); missing++) {
                count++;
                if (shown++ < 50) {
                    holes.append(missing).append(' ');
                }
            }
        }
        return count + (count == 0 ? "" : ": " + holes.toString().strip());
    }
}
