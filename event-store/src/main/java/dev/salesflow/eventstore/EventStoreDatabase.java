package dev.salesflow.eventstore;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** Which database holds the event store, asked once at start-up: H2 (embedded) or a server such as PostgreSQL. */
public record EventStoreDatabase(String productName) {

    public static EventStoreDatabase of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return new EventStoreDatabase(
                    connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database holds the event store: " + e.getMessage(), e);
        }
    }

    /** An embedded H2 file: one process at a time (H2 locks the file), commits written in the background. */
    public boolean embeddedH2() {
        return productName.contains("h2");
    }

    public boolean postgresql() {
        return productName.contains("postgresql");
    }
}
