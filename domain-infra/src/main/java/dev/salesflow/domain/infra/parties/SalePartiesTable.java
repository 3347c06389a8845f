package dev.salesflow.domain.infra.parties;

import dev.salesflow.eventstore.EventStoreDatabase;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code sale_parties} table in the event-store database: one row per customer, store and
 * product, with what a sale's rules need (currency, from when and until when it may take part in a
 * sale). It is written in the same database transaction as the events that change it, so its rows
 * are exactly the committed facts, and sales lock the rows they read.
 *
 * <p>Times are exact {@link Instant}s stored as epoch nanoseconds: PostgreSQL timestamps keep only
 * microseconds, and a sale one nanosecond before a product's discontinuation must still pass.
 * The primary key starts with {@code id} so that one {@code id in (...)} lookup uses it.
 */
public final class SalePartiesTable {

    public static final String CUSTOMER = "CUSTOMER";
    public static final String STORE = "STORE";
    public static final String PRODUCT = "PRODUCT";

    static final String DDL = """
            create table if not exists sale_parties (
                id         varchar(255) not null,
                kind       varchar(16)  not null,
                currency   varchar(3),
                valid_from bigint       not null,
                valid_to   bigint,
                primary key (id, kind)
            )""";

    private final JdbcTemplate jdbc;
    private final String sharedLock;
    private final boolean singleProcess;

    SalePartiesTable(DataSource dataSource, EventStoreDatabase database) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.execute(DDL);
        this.sharedLock = database.postgresql() ? "for share" : "for update";
        this.singleProcess = database.embeddedH2();
    }

    /** Whether only this process can write the event store, so Java locks can guard the rule. */
    boolean singleProcess() {
        return singleProcess;
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    /**
     * The lock a sale takes on the rows it reads. PostgreSQL's {@code FOR SHARE} lets sales of one
     * product run side by side and still blocks the {@code UPDATE} of a discontinuation; H2 has no
     * shared row lock, so it takes {@code FOR UPDATE} (sales of one store or product queue).
     */
    String sharedLock() {
        return sharedLock;
    }

    public static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(
                Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }
}
