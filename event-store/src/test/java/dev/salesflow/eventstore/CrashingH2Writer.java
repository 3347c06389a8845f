package dev.salesflow.eventstore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Run in a child JVM by {@link StoredEventCountAfterKillTest}: appends events to an H2 file from
 * several threads, each commit its own transaction, while another connection runs {@code CHECKPOINT}
 * as the event store's flush before reads does; prints the rows committed so that the test knows
 * when to kill it. Ends only when killed.
 */
public final class CrashingH2Writer {

    static final String TABLE = "create table if not exists domain_event_entry(global_index bigint primary key,"
            + " event_identifier varchar(255) not null unique, payload varchar(2000))";

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int threads = Integer.parseInt(args[1]);
        AtomicLong nextIndex = new AtomicLong();
        AtomicLong committed = new AtomicLong();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute(TABLE);
            try (ResultSet max =
                    statement.executeQuery("select coalesce(max(global_index), 0) from domain_event_entry")) {
                max.next();
                nextIndex.set(max.getLong(1) + 1_000);
            }
        }
        for (int t = 0; t < threads; t++) {
            Thread writer = new Thread(() -> {
                try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
                    connection.setAutoCommit(false);
                    PreparedStatement insert =
                            connection.prepareStatement("insert into domain_event_entry values (?, ?, ?)");
                    while (true) {
                        insert.setLong(1, nextIndex.incrementAndGet());
                        insert.setString(2, UUID.randomUUID().toString());
                        insert.setString(3, "x".repeat(500));
                        insert.executeUpdate();
                        connection.commit();
                        long rows = committed.incrementAndGet();
                        if (rows % 200 == 0) {
                            System.out.println("rows " + rows);
                        }
                    }
                } catch (SQLException e) {
                    e.printStackTrace();
                }
            });
            writer.setDaemon(true);
            writer.start();
        }
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            while (true) {
                statement.execute("CHECKPOINT");
                // About as often as the processors' reads flush while commands flow.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }
}
