package dev.salesflow.app;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL 15 cluster in a temporary folder on a free localhost port, for one test class. As
 * root, initdb and the server run as the postgres system user (initdb refuses root).
 */
public final class ThrowawayPostgres implements AutoCloseable {

    static final Path PG_BIN = Path.of(System.getenv().getOrDefault("SALESFLOW_PG_BIN", "/usr/lib/postgresql/15/bin"));
    public static final String USER = "salesflow";
    public static final String PASSWORD = "throwaway";

    private final Path clusterDir;
    private final Path dataDir;
    private final int port;
    private final boolean root = "root".equals(System.getProperty("user.name"));

    private ThrowawayPostgres(Path clusterDir) {
        this.clusterDir = clusterDir;
        this.dataDir = clusterDir.resolve("data");
        this.port = PipelineEndToEndIT.freePort();
    }

    public static ThrowawayPostgres start(Path clusterDir) throws Exception {
        for (String binary : List.of("initdb", "pg_ctl", "postgres")) {
            if (!Files.isExecutable(PG_BIN.resolve(binary))) {
                fail("PostgreSQL server binary " + PG_BIN.resolve(binary) + " is missing: this test needs a"
                        + " PostgreSQL 15 server installation (apt-get install postgresql-15), or SALESFLOW_PG_BIN"
                        + " pointing at its bin folder");
            }
        }
        ThrowawayPostgres postgres = new ThrowawayPostgres(clusterDir);
        if (postgres.root) {
            postgres.run(List.of("chown", "postgres:postgres", clusterDir.toString()));
        }
        postgres.run(postgres.asServerUser(
                PG_BIN.resolve("initdb").toString(),
                "-D",
                postgres.dataDir.toString(),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync"));
        postgres.run(postgres.asServerUser(
                PG_BIN.resolve("pg_ctl").toString(),
                "-D",
                postgres.dataDir.toString(),
                "-l",
                clusterDir.resolve("server.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + postgres.port + " -c listen_addresses=127.0.0.1 -k " + clusterDir + " -c fsync=off",
                "start"));
        try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("create role " + USER + " login password '" + PASSWORD + "'");
        }
        return postgres;
    }

    /** A new, empty database owned by {@link #USER}. */
    public String createDatabase(String name) throws SQLException {
        try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + name + " owner " + USER);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() throws Exception {
        run(asServerUser(PG_BIN.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"));
    }

    private List<String> asServerUser(String... command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("Timed out: " + command);
        }
        if (process.exitValue() != 0) {
            Path log = clusterDir.resolve("server.log");
            fail("Failed (exit " + process.exitValue() + "): " + command + "\n"
                    + new String(output, StandardCharsets.UTF_8)
                    + (Files.exists(log) ? "\nserver.log:\n" + Files.readString(log) : ""));
        }
    }
}
