package dev.salesflow.gold.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Writes every table and view of the gold layer (the star schema's facts and dimensions and the
 * marts) as one Parquet file each, through DuckDB's {@code COPY ... TO ... (FORMAT parquet)}: Power BI
 * Desktop reads the folder with its built-in Parquet connector, no driver needed. The warehouse is
 * opened read-only, so the export never changes it; DuckDB allows one process per file, so the
 * application must be stopped first.
 */
public final class PowerBiExport {

    static final String SCHEMA = "sales_gold";

    public record Exported(String table, long rows, Path file) {}

    /** The warehouse is held by another process (or this one with another configuration). */
    public static final class WarehouseBusyException extends RuntimeException {
        WarehouseBusyException(Path warehouse, Throwable cause) {
            super(
                    "the warehouse " + warehouse + " is in use (DuckDB lets one process open it: "
                            + firstLine(cause.getMessage())
                            + "); stop the running salesflow (Ctrl-C) and run the export again",
                    cause);
        }
    }

    private PowerBiExport() {}

    public static List<Exported> export(Path warehouse, Path out, Consumer<String> progress) throws IOException {
        if (!Files.isRegularFile(warehouse)) {
            throw new IllegalArgumentException("no warehouse at " + warehouse + ": run ./run.sh on this data directory"
                    + " first, or pass the --data-dir it used");
        }
        Files.createDirectories(out);
        if (!Files.isWritable(out)) {
            throw new IllegalArgumentException("cannot write to " + out + ": pass a writable --out folder");
        }
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        Connection connection;
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:" + warehouse.toAbsolutePath(), readOnly);
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase();
            if (message.contains("lock") || message.contains("different configuration")) {
                throw new WarehouseBusyException(warehouse, e);
            }
            throw new IllegalStateException("cannot open the warehouse " + warehouse + ": " + e.getMessage(), e);
        }
        try (connection;
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("select table_name from information_schema.tables"
                    + " where table_schema = '" + SCHEMA + "' order by table_name")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            if (tables.isEmpty()) {
                throw new IllegalStateException("the warehouse " + warehouse + " has no gold tables yet: let the"
                        + " application build the marts once (./run.sh, the first mart run is a few seconds in)");
            }
            List<Exported> exported = new ArrayList<>();
            for (String table : tables) {
                Path file = out.resolve(table + ".parquet").toAbsolutePath();
                long count;
                try (ResultSet rows = statement.executeQuery("select count(*) from " + qualified(table))) {
                    rows.next();
                    count = rows.getLong(1);
                }
                // COPY takes no bound file name; the path is quoted as a SQL string literal.
                statement.execute("copy (select * from " + qualified(table) + ") to '"
                        + file.toString().replace("'", "''") + "' (format parquet, compression zstd)");
                exported.add(new Exported(table, count, file));
                progress.accept(String.format("%-40s %,12d rows  %s", table, count, file));
            }
            return exported;
        } catch (SQLException e) {
            throw new IllegalStateException("export to " + out + " failed: " + e.getMessage(), e);
        }
    }

    static String qualified(String table) {
        return SCHEMA + ".\"" + table.replace("\"", "\"\"") + "\"";
    }

    private static String firstLine(String text) {
        String line = String.valueOf(text).strip();
        int end = line.indexOf('\n');
        return end < 0 ? line : line.substring(0, end);
    }
}
