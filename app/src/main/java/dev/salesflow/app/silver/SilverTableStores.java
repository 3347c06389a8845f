package dev.salesflow.app.silver;

import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.table.DuckDbTableStore;
import java.util.ArrayList;
import java.util.List;

/** Hands each projection its own session on the shared warehouse file, and closes them all at shutdown. */
public class SilverTableStores implements AutoCloseable {

    private final DuckDbWarehouse warehouse;
    private final List<DuckDbTableStore> opened = new ArrayList<>();

    public SilverTableStores(DuckDbWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    public synchronized DuckDbTableStore open() {
        DuckDbTableStore store = new DuckDbTableStore(warehouse);
        opened.add(store);
        return store;
    }

    @Override
    public synchronized void close() {
        for (DuckDbTableStore store : opened) {
            store.close();
        }
        opened.clear();
    }
}
