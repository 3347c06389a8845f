package dev.salesflow.eventstore;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Makes every committed transaction of the event-store database durable against a process crash.
 * On the embedded H2 file that is H2's {@code CHECKPOINT} (it writes the pending changes to the
 * file); PostgreSQL makes each commit durable itself, so there it does nothing.
 */
public final class DurableStore {

    private final DataSource dataSource;
    private final boolean needsFlush;

    public DurableStore(DataSource dataSource, EventStoreDatabase database) {
        this.dataSource = dataSource;
        this.needsFlush = database.embeddedH2();
    }

    public void flush() {
        if (!needsFlush) {
            return;
        }
        // Its own connection: CHECKPOINT must not ride on the reader's transaction.
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not write the event store to disk: " + e.getMessage()
                            + "; events are not handed on until it can",
                    e);
        }
    }
}
