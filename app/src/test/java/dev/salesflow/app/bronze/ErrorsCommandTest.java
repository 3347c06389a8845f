package dev.salesflow.app.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import dev.salesflow.app.cli.RunCommand;
import dev.salesflow.bronze.FailedMessage;
import dev.salesflow.warehouse.DuckDbWarehouse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import picocli.CommandLine;

/**
 * {@code errors list|show} on a real DuckDB file holding bronze's error-records table (beam-bronze's
 * own DDL), and the same records through the application's read-only endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorsCommandTest {

    @TempDir
    static Path dataDir;

    static final byte[] NOT_JSON = "{\"event_id\": \"e-1\", oops".getBytes(StandardCharsets.UTF_8);
    static final byte[] NOT_UTF8 = {(byte) 0xC3, (byte) 0x28, 0x41, (byte) 0xFF, 0x0A};

    String textKey;
    String binaryKey;
    int freePort;

    @BeforeAll
    void writeErrorRecords() throws Exception {
        Path file = dataDir.resolve("warehouse").resolve("analytics.duckdb");
        Files.createDirectories(file.getParent());
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(file)) {
            warehouse.executeScript("bronze/duckdb/bronze_tables.sql");
            textKey = insert(
                    warehouse,
                    "7",
                    NOT_JSON,
                    "{\"event_type\":\"SalePlaced\"}",
                    "not JSON: Unexpected end",
                    LocalDateTime.parse("2026-11-02T10:00:00"));
            binaryKey = insert(
                    warehouse,
                    "8",
                    NOT_UTF8,
                    null,
                    "not UTF-8 text\nsecond line of the reason",
                    LocalDateTime.parse("2026-11-02T11:00:00"));
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort(); // nothing listens there afterwards: the command uses the file
        }
    }

    private static String insert(
            DuckDbWarehouse warehouse,
            String messageId,
            byte[] bytes,
            String attributes,
            String reason,
            LocalDateTime failedAt)
            throws Exception {
        String key = FailedMessage.key(bytes, attributes, reason);
        try (Connection connection = warehouse.connect();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into sales_bronze.sales_events_error_records values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, key);
            insert.setString(2, messageId);
            insert.setTimestamp(3, Timestamp.valueOf(failedAt));
            insert.setString(4, attributes);
            insert.setString(5, new String(bytes, StandardCharsets.UTF_8));
            insert.setBytes(6, bytes);
            insert.setString(7, reason);
            insert.setString(
                    8,
                    "java.lang.IllegalStateException: "
                            + reason.lines().findFirst().orElseThrow()
                            + "\n\tat dev.salesflow.bronze.ParseEnvelopeFn.process");
            insert.executeUpdate();
        }
        return key;
    }

    record Run(int exitCode, String out, String err) {}

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new RunCommand());
        command.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    String[] on(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dataDir.toString();
        all[args.length + 2] = "--port";
        all[args.length + 3] = String.valueOf(freePort);
        return all;
    }

    @Test
    void listShowsTheNewestFirstWithTheFirstLineOfTheReason() {
        Run list = run(on("errors", "list"));
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("2 error record(s) in sales_bronze.sales_events_error_records");
        assertThat(list.out().indexOf(binaryKey.substring(0, 16)))
                .isPositive()
                .isLessThan(list.out().indexOf(textKey.substring(0, 16)));
        assertThat(list.out())
                .contains("not UTF-8 text ...", "not JSON: Unexpected end", "2026-11-02 11:00:00.000 UTC");
        assertThat(list.out()).doesNotContain("second line");

        Run one = run(on("errors", "list", "--limit", "1"));
        assertThat(one.out()).contains(binaryKey.substring(0, 16)).doesNotContain(textKey.substring(0, 16));
        assertThat(one.out()).contains("the newest 1 shown");
    }

    @Test
    void showPrintsUtf8BytesAsText() {
        Run show = run(on("errors", "show", textKey.substring(0, 10)));
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out())
                .contains("id:          " + textKey)
                .contains("original bytes (" + NOT_JSON.length + ", UTF-8 text):")
                .contains("{\"event_id\": \"e-1\", oops")
                .contains("attributes:  {\"event_type\":\"SalePlaced\"}")
                .contains("reason:      not JSON: Unexpected end")
                .contains("stack trace:", "ParseEnvelopeFn.process");
        assertThat(run(on("errors", "show", textKey, "--no-stacktrace")).out()).doesNotContain("stack trace:");
    }

    @Test
    void showPrintsOtherBytesAsHexAndBase64() {
        Run show = run(on("errors", "show", binaryKey));
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out())
                .contains("original bytes (5, not UTF-8):")
                .contains("hex:    " + HexFormat.of().formatHex(NOT_UTF8))
                .contains("base64: " + Base64.getEncoder().encodeToString(NOT_UTF8));
    }

    @Test
    void wrongIdsAndOptionsAreOneLineWithAnExitCode() {
        Run unknown = run(on("errors", "show", "abcdef0123"));
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no error record has an id starting with abcdef0123");

        Run malformed = run(on("errors", "show", "xyz"));
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("hex id");

        Run limit = run(on("errors", "list", "--limit", "0"));
        assertThat(limit.exitCode()).isEqualTo(2);
        assertThat(limit.err()).contains("--limit must be from 1");

        Run noAction = run(on("errors"));
        assertThat(noAction.exitCode()).isEqualTo(2);
        assertThat(noAction.err()).contains("say list or show ID");

        Run help = run("errors", "show", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage:", "ID", "--data-dir", "--port");
    }

    @Test
    void noWarehouseIsAClearError(@TempDir Path empty) {
        Run run = run("errors", "list", "--data-dir", empty.toString(), "--port", String.valueOf(freePort));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no warehouse at").contains("--data-dir");
    }

    @Test
    void somethingElseOnThePortIsNotTakenForTheApplication() throws IOException {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        other.start();
        try {
            Run run = run(
                    "errors",
                    "list",
                    "--data-dir",
                    dataDir.toString(),
                    "--port",
                    String.valueOf(other.getAddress().getPort()));
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("is not salesflow");
        } finally {
            other.stop(0);
        }
    }

    @Test
    void theApplicationServesTheSameRecordsReadOnly() throws Exception {
        try (DuckDbWarehouse warehouse =
                DuckDbWarehouse.open(dataDir.resolve("warehouse").resolve("analytics.duckdb"))) {
            MockMvc mvc = MockMvcBuilders.standaloneSetup(new ErrorRecordsController(warehouse, dataDir))
                    .build();
            mvc.perform(get("/api/bronze/errors?limit=5"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.total").value(2))
                    .andExpect(jsonPath("$.dataDir")
                            .value(dataDir.toAbsolutePath().normalize().toString()))
                    .andExpect(jsonPath("$.records[0].dead_letter_key").value(binaryKey));
            mvc.perform(get("/api/bronze/errors/" + binaryKey.substring(0, 8)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.utf8").value(false))
                    .andExpect(jsonPath("$.payload_base64")
                            .value(Base64.getEncoder().encodeToString(NOT_UTF8)));
            mvc.perform(get("/api/bronze/errors/" + textKey))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.payload_text").value(new String(NOT_JSON, StandardCharsets.UTF_8)));
            mvc.perform(get("/api/bronze/errors/0000000000")).andExpect(status().isNotFound());
            mvc.perform(get("/api/bronze/errors?limit=0")).andExpect(status().isBadRequest());
            mvc.perform(get("/api/bronze/errors/zz")).andExpect(status().isBadRequest());
        }
    }
}
