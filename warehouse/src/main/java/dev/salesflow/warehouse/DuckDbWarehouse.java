package dev.salesflow.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.duckdb.DuckDBConnection;

/**
 * The local warehouse: one DuckDB file shared by every writer in this JVM.
 *
 * <p>DuckDB allows one writing process per file, so the bronze job, the projections, the mart
 * runner and the dashboard all share a single root connection per file and work on
 * {@linkplain #connect() duplicates} of it (each duplicate is its own session and transaction).
 */
public final class DuckDbWarehouse implements Warehouse {

    private static final Map<Path, DuckDbWarehouse> OPEN = new ConcurrentHashMap<>();

    private final Path file;
    private final DuckDBConnection root;

    private DuckDbWarehouse(Path file, DuckDBConnection root) {
        this.file = file;
        this.root = root;
    }

    /** The warehouse of this file, opened on first use and shared afterwards. */
    public static DuckDbWarehouse open(Path file) {
        Path key = file.toAbsolutePath().normalize();
        return OPEN.computeIfAbsent(key, DuckDbWarehouse::openRoot);
    }

    private static DuckDbWarehouse openRoot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
            return new DuckDbWarehouse(file, connection.unwrap(DuckDBConnection.class));
        } catch (SQLException e) {
            throw new WarehouseException(
                    "Cannot open the DuckDB warehouse " + file + ": " + e.getMessage()
                            + ". Is another process using it? DuckDB allows one writer per file.",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder of " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** A new session on the shared database; close it when done. */
    @Override
    public Connection connect() {
        try {
            return root.duplicate();
        } catch (SQLException e) {
            throw new WarehouseException("Cannot open a session on " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void execute(String sql) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new WarehouseException("Statement failed on " + file + ": " + e.getMessage() + "\n" + sql, e);
        }
    }

    /** Runs a classpath script of statements separated by semicolons at line ends. */
    @Override
    public void executeScript(String resource) {
        for (String statement : SqlScripts.statements(readResource(resource))) {
            execute(statement);
        }
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        } catch (SQLException e) {
            throw new WarehouseException("Query failed on " + file + ": " + e.getMessage() + "\n" + sql, e);
        }
    }

    @Override
    public long count(String table) {
        return query("select count(*) from " + table, rows -> rows.getLong(1)).get(0);
    }

    @Override
    public boolean tableExists(String schema, String table) {
        return query(
                                "select count(*) from information_schema.tables where table_schema = '" + schema
                                        + "' and table_name = '" + table + "'",
                                rows -> rows.getLong(1))
                        .get(0)
                > 0;
    }

    /** Closes the shared root connection; later {@link #open} calls reopen the file. */
    @Override
    public void close() {
        OPEN.remove(file, this);
        try {
            root.close();
        } catch (SQLException e) {
            throw new WarehouseException("Cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    static String readResource(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            InputStream stream =
                    in != null ? in : DuckDbWarehouse.class.getClassLoader().getResourceAsStream(path);
            if (stream == null) {
                throw new WarehouseException("Resource not found on the classpath: " + resource, null);
            }
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
