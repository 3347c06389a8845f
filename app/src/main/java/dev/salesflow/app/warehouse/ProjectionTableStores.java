package dev.salesflow.app.warehouse;

import dev.salesflow.warehouse.table.TableStore;
import dev.salesflow.warehouse.table.TableStores;
import java.util.ArrayList;
import java.util.List;

/**
 * The stores of the live projections: one per projection (a store serves one writer thread),
 * opened on the configured warehouse and closed together after the processors have stopped.
 */
public class ProjectionTableStores implements AutoCloseable {

    private final TableStores stores;
    private final List<TableStore> opened = new ArrayList<>();

    public ProjectionTableStores(TableStores stores) {
        this.stores = stores;
    }

    public synchronized TableStore open() {
        TableStore store = stores.open();
        opened.add(store);
        return store;
    }

    @Override
    public synchronized void close() {
        for (TableStore store : opened) {
            store.close();
        }
        opened.clear();
    }
}
