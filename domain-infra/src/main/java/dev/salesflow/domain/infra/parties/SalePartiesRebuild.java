package dev.salesflow.domain.infra.parties;

import dev.salesflow.eventstore.EventStoreQueries;
import dev.salesflow.eventstore.lifecycle.Phase;
import dev.salesflow.eventstore.lifecycle.PhasedLifecycle;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills {@code sale_parties} from the stored events when the table is empty but the event store is
 * not: a data directory or database written before the table existed. It replays every customer,
 * store and product stream from sequence 0 through Axon (upcasters included, snapshots bypassed)
 * into the projection's own handlers, in one transaction, before any command can be sent.
 */
public class SalePartiesRebuild extends PhasedLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SalePartiesRebuild.class);
    static final List<String> AGGREGATE_TYPES = List.of("Customer", "Store", "Product");

    private final SalePartiesTable table;
    private final SalePartiesProjection projection;
    private final EventStore eventStore;
    private final EventStoreQueries queries;
    private final TransactionTemplate transaction;

    public SalePartiesRebuild(
            SalePartiesTable table,
            SalePartiesProjection projection,
            EventStore eventStore,
            EventStoreQueries queries,
            PlatformTransactionManager transactionManager) {
        super(Phase.BEFORE_COMMANDS);
        this.table = table;
        this.projection = projection;
        this.eventStore = eventStore;
        this.queries = queries;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Rows written, 0 when the table already had rows or there is nothing to rebuild from. */
    public int rebuildIfEmpty() {
        Integer written = transaction.execute(status -> {
            Long rows = table.jdbc().queryForObject("select count(*) from sale_parties", Long.class);
            if (rows != null && rows > 0) {
                return 0;
            }
            Set<String> ids = new TreeSet<>(queries.aggregateIds(AGGREGATE_TYPES));
            for (String id : ids) {
                eventStore.readEvents(id, 0).asStream().forEach(event -> projection.apply(event.getPayload()));
            }
            return ids.size();
        });
        return written == null ? 0 : written;
    }

    /** Before the generator sends its first command. */
    @Override
    protected void onStart() {
        int written = rebuildIfEmpty();
        if (written > 0) {
            log.info("sale_parties rebuilt from the event store: {} customers, stores and products", written);
        }
    }
}
