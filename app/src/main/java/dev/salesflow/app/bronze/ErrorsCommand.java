package dev.salesflow.app.bronze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.WarehouseException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./run.sh errors list|show ID}: bronze's dead letters ({@code
 * sales_bronze.sales_events_error_records}), their original bytes and why they failed. If the
 * application serving {@code --data-dir} answers on {@code --port}, the records are read through it
 * ({@code /api/bronze/errors}: it holds the DuckDB file); otherwise the command opens the data
 * directory's DuckDB file itself.
 *
 * <p>Exit codes: 0 shown; 1 {@code show}: no such record; 2 the command could not run (bad option,
 * no warehouse, file locked, another application on the port).
 */
@Command(
        name = "errors",
        mixinStandardHelpOptions = true,
        subcommands = {ErrorsCommand.ListRecords.class, ErrorsCommand.ShowRecord.class},
        description = "Lists and shows bronze's error records (messages that could not be landed):"
                + " original bytes, attributes, reason.")
public class ErrorsCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("errors: say list or show ID (errors --help)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Where the records are: a data directory, or the application serving it. */
    static final class Target {
        @Option(
                names = "--data-dir",
                defaultValue = "./data",
                description = "Data directory of the warehouse (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(
                names = "--port",
                defaultValue = "8080",
                description = "Port of a running application (default: ${DEFAULT-VALUE}).")
        int port;
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "The newest error records: id, when, Pub/Sub message id, size in bytes, reason.")
    static final class ListRecords implements Callable<Integer> {
        @Mixin
        Target target = new Target();

        @Option(
                names = "--limit",
                defaultValue = "20",
                description = "How many, newest first (1 to 10000; default: ${DEFAULT-VALUE}).")
        int limit;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (limit < 1 || limit > ErrorRecordsController.MAX_LIMIT) {
                err.println("errors list: --limit must be from 1 to " + ErrorRecordsController.MAX_LIMIT + ", got "
                        + limit);
                return 2;
            }
            Source source = Source.of(target, err, "errors list");
            if (source == null) {
                return 2;
            }
            try (source) {
                JsonNode answer = source.get("?limit=" + limit);
                if (answer.has("error")) {
                    err.println("errors list: " + answer.path("error").asText());
                    return 2;
                }
                long total = answer.path("total").asLong();
                out.printf("%d error record(s) in %s%s%n", total, ErrorRecords.TABLE, source.where());
                if (total > 0) {
                    out.printf("%-16s %-27s %-12s %8s  %s%n", "id", "failed at", "message id", "bytes", "reason");
                }
                for (JsonNode record : answer.path("records")) {
                    String reason = record.path("error_message").asText();
                    int newline = reason.indexOf('\n');
                    out.printf(
                            "%-16s %-27s %-12s %8s  %s%n",
                            record.path("dead_letter_key").asText().substring(0, 16),
                            record.path("failed_at").asText(),
                            record.path("pubsub_message_id").asText("-"),
                            record.path("size").isNull()
                                    ? "-"
                                    : record.path("size").asText(),
                            newline < 0 ? reason : reason.substring(0, newline) + " ...");
                }
                if (total > answer.path("records").size()) {
                    out.printf(
                            "(the newest %d shown; --limit for more)%n",
                            answer.path("records").size());
                }
                out.flush();
                return 0;
            }
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "One error record in full: its original bytes (as text when they are UTF-8, else as"
                    + " hex and base64), attributes, reason and stack trace.")
    static final class ShowRecord implements Callable<Integer> {
        @Parameters(
                index = "0",
                paramLabel = "ID",
                description = "The record's id from 'errors list' (its first characters are enough).")
        String id;

        @Mixin
        Target target = new Target();

        @Option(names = "--no-stacktrace", description = "Leave the stack trace out.")
        boolean noStacktrace;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!id.strip().toLowerCase().matches("[0-9a-f]{4,64}")) {
                err.println(
                        "errors show: an id is the hex id of 'errors list' (at least 4 characters), got '" + id + "'");
                return 2;
            }
            Source source = Source.of(target, err, "errors show");
            if (source == null) {
                return 2;
            }
            try (source) {
                JsonNode record = source.get("/" + URLEncoder.encode(id.strip(), StandardCharsets.UTF_8));
                if (record.has("error")) {
                    err.println("errors show: " + record.path("error").asText());
                    return record.path("error").asText().startsWith("no error record") ? 1 : 2;
                }
                out.println("id:          " + record.path("dead_letter_key").asText());
                out.println("failed at:   " + record.path("failed_at").asText());
                out.println("message id:  " + record.path("pubsub_message_id").asText("-"));
                out.println("attributes:  "
                        + (record.path("attributes").isNull()
                                ? "-"
                                : record.path("attributes").asText()));
                out.println("reason:      " + record.path("error_message").asText());
                if (record.path("size").isNull()) {
                    out.println("original bytes: not kept; bronze read them as:");
                    out.println(record.path("payload_text_lenient").asText(""));
                } else if (record.path("utf8").asBoolean()) {
                    out.println("original bytes (" + record.path("size").asLong() + ", UTF-8 text):");
                    out.println(record.path("payload_text").asText());
                } else {
                    out.println("original bytes (" + record.path("size").asLong() + ", not UTF-8):");
                    out.println("hex:    " + record.path("payload_hex").asText());
                    out.println("base64: " + record.path("payload_base64").asText());
                    out.println("as text with replacement characters: "
                            + record.path("payload_text_lenient").asText(""));
                }
                if (!noStacktrace && !record.path("stacktrace").isNull()) {
                    out.println("stack trace:");
                    out.println(record.path("stacktrace").asText());
                }
                out.flush();
                return 0;
            }
        }
    }

    /** The application on the port when it serves the data directory, else the DuckDB file itself. */
    abstract static class Source implements AutoCloseable {
        static final ObjectMapper JSON = new ObjectMapper();

        abstract JsonNode get(String path) throws Exception;

        abstract String where();

        @Override
        public void close() {}

        static Source of(Target target, PrintWriter err, String command) throws Exception {
            String dir = target.dataDir.toAbsolutePath().normalize().toString();
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            String base = "http://127.0.0.1:" + target.port + "/api/bronze/errors";
            try {
                HttpResponse<String> probe = http.send(
                        HttpRequest.newBuilder(URI.create(base + "?limit=1"))
                                .timeout(Duration.ofSeconds(10))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode status = probe.statusCode() == 200 ? JSON.readTree(probe.body()) : null;
                if (status == null || !status.has("dataDir")) {
                    err.println(command + ": something answers on port " + target.port + " but it is not salesflow"
                            + " (or a salesflow without this command); pass --port of the running salesflow, or stop"
                            + " what listens there");
                    return null;
                }
                if (!dir.equals(status.path("dataDir").asText())) {
                    err.println(command + ": the application on port " + target.port + " serves "
                            + status.path("dataDir").asText() + ", not " + dir + "; pass its --data-dir, or the --port"
                            + " of the one serving " + dir);
                    return null;
                }
                return new Source() {
                    @Override
                    JsonNode get(String path) throws Exception {
                        HttpResponse<String> response = http.send(
                                HttpRequest.newBuilder(URI.create(base + path))
                                        .timeout(Duration.ofSeconds(30))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        return JSON.readTree(response.body());
                    }

                    @Override
                    String where() {
                        return " (through the application on port " + target.port + ")";
                    }
                };
            } catch (ConnectException | HttpTimeoutException e) {
                return local(Path.of(dir, "warehouse", "analytics.duckdb"), target, err, command);
            }
        }

        private static Source local(Path file, Target target, PrintWriter err, String command) {
            if (!Files.exists(file)) {
                err.println(command + ": no warehouse at " + file + " and no application on port " + target.port
                        + "; pass the --data-dir of a salesflow run (or the --port of a running one)");
                return null;
            }
            DuckDbWarehouse warehouse;
            try {
                warehouse = DuckDbWarehouse.open(file);
            } catch (WarehouseException e) {
                err.println(command + ": cannot open " + file + ": " + e.getMessage() + " - if salesflow runs with"
                        + " another port, pass --port; otherwise stop the process holding the file");
                return null;
            }
            ErrorRecords records = new ErrorRecords(warehouse);
            return new Source() {
                @Override
                JsonNode get(String path) {
                    if (path.startsWith("?limit=")) {
                        return JSON.valueToTree(Map.of(
                                "total",
                                records.count(),
                                "records",
                                records.list(Integer.parseInt(path.substring("?limit=".length())))));
                    }
                    try {
                        return JSON.valueToTree(
                                records.show(java.net.URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8)));
                    } catch (IllegalArgumentException e) {
                        return JSON.valueToTree(Map.of("error", e.getMessage()));
                    }
                }

                @Override
                String where() {
                    return " (" + file + ")";
                }

                @Override
                public void close() {
                    warehouse.close();
                }
            };
        }
    }
}
