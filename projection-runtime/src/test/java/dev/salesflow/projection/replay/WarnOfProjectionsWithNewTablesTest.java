package dev.salesflow.projection.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.events.store.StoreOpenedEvent;
import dev.salesflow.projection.runtime.EventContext;
import dev.salesflow.projection.runtime.Projection;
import dev.salesflow.projection.runtime.ProjectionEventHandler;
import dev.salesflow.projection.runtime.ProjectionRows;
import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.table.Column;
import dev.salesflow.warehouse.table.ColumnType;
import dev.salesflow.warehouse.table.DuckDbTableStore;
import dev.salesflow.warehouse.table.TableSpec;
import java.nio.file.Path;
import java.util.List;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/**
 * The warning judges the token a processor held before it started: on a first start, the
 * processor's own progress through the new tables is not a reason to rebuild them.
 */
class WarnOfProjectionsWithNewTablesTest {

    @ProcessingGroup("stores-seen")
    static class StoresSeen implements Projection {
        static final TableSpec SEEN = new TableSpec(
                "t",
                "stores_seen",
                List.of(Column.required("store_id", ColumnType.STRING)),
                List.of("store_id"),
                "store_id");

        @Override
        public List<TableSpec> tables() {
            return List.of(SEEN);
        }

        @EventHandler
        void on(StoreOpenedEvent opened, EventContext event, ProjectionRows rows) {
            rows.put(SEEN, event.aggregateId(), List.<Object[]>of(SEEN.row(event.aggregateId())));
        }
    }

    @TempDir
    Path dir;

    DuckDbWarehouse warehouse;
    DuckDbTableStore store;
    final InMemoryTokenStore tokens = new InMemoryTokenStore();

    @BeforeEach
    void openWarehouse() {
        warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"));
        store = new DuckDbTableStore(warehouse);
    }

    @AfterEach
    void closeWarehouse() {
        store.close();
        warehouse.close();
    }

    @Test
    void aPositionReachedAfterTheCheckIsNoReasonToWarn() {
        WarnOfProjectionsWithNewTables warning = warningFor(new ProjectionEventHandler(new StoresSeen(), store));

        warning.afterSingletonsInstantiated();
        // The processor starts, handles events into its new tables and moves on.
        tokens.initializeTokenSegments("stores-seen", 1, new GlobalSequenceTrackingToken(42));

        assertThat(warning.newTablesBehindAPosition()).isEmpty();
    }

    @Test
    void newTablesBehindAPositionHeldBeforeTheStartAreNamed() {
        tokens.initializeTokenSegments("stores-seen", 1, new GlobalSequenceTrackingToken(42));
        WarnOfProjectionsWithNewTables warning = warningFor(new ProjectionEventHandler(new StoresSeen(), store));

        warning.afterSingletonsInstantiated();

        assertThat(warning.newTablesBehindAPosition()).containsExactly("stores-seen");
    }

    @Test
    void tablesThatAlreadyExistedAreNotNamedWhateverTheToken() {
        new ProjectionEventHandler(new StoresSeen(), store);
        tokens.initializeTokenSegments("stores-seen", 1, new GlobalSequenceTrackingToken(42));
        WarnOfProjectionsWithNewTables warning = warningFor(new ProjectionEventHandler(new StoresSeen(), store));

        warning.afterSingletonsInstantiated();

        assertThat(warning.newTablesBehindAPosition()).isEmpty();
    }

    private WarnOfProjectionsWithNewTables warningFor(ProjectionEventHandler handler) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("handler", handler);
        return new WarnOfProjectionsWithNewTables(
                beans.getBeanProvider(ProjectionEventHandler.class), tokens, NoTransactionManager.INSTANCE);
    }
}
