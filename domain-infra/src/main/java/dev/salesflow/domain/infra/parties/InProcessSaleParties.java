package dev.salesflow.domain.infra.parties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The rule's in-process form, for the embedded H2 event store, which one process owns (H2 locks
 * its file): the locks are Java read/write locks per store and product, held until the command's
 * unit of work has ended, and the rows are cached in memory after a first read from the table.
 *
 * <p>Why not the database form here: H2 has no shared row lock, so {@code FOR UPDATE} made every
 * sale write lock entries on its customer's, store's and products' rows, which cost about a third
 * of the command side's time and queued sales of one store behind each other. Read locks let
 * sales of one store run side by side; only a closure or discontinuation excludes them.
 *
 * <p>Why the cache is exact: a row changes only under its write lock (closures and
 * discontinuations; customers never change once registered), the projection evicts the entry
 * after the transaction committed and before the lock is released, and every read of a store or
 * product happens under its read lock. A sale therefore sees either the row before the change and
 * is stored before it, or the committed change.
 */
final class InProcessSaleParties implements GuardedSaleParties {

    /** Long enough for a busy machine, short enough to report a stuck transaction. */
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(10);

    private final SalePartiesTable table;
    private final Map<String, ReentrantReadWriteLock> locks = new ConcurrentHashMap<>();
    private final Map<String, Optional<PartyRow>> rows = new ConcurrentHashMap<>();

    InProcessSaleParties(SalePartiesTable table) {
        this.table = table;
    }

    @Override
    public Facts lockAndRead(String customerId, String storeId, Collection<String> productIds) {
        // Sorted: every unit of work takes its locks in one order. Customers are never locked:
        // nothing changes a registered customer's facts.
        TreeSet<String> keys = new TreeSet<>();
        keys.add(key(SalePartiesTable.STORE, storeId));
        productIds.forEach(id -> keys.add(key(SalePartiesTable.PRODUCT, id)));
        for (String key : keys) {
            holdUntilEndOfUnitOfWork(lockOf(key).readLock(), key);
        }
        List<PartyRow> found = new ArrayList<>(keys.size() + 1);
        row(SalePartiesTable.CUSTOMER, customerId).ifPresent(found::add);
        row(SalePartiesTable.STORE, storeId).ifPresent(found::add);
        productIds.forEach(id -> row(SalePartiesTable.PRODUCT, id).ifPresent(found::add));
        return PartyRow.facts(found, customerId, storeId, productIds);
    }

    @Override
    public void lockForChange(String id, String kind) {
        String key = key(kind, id);
        holdUntilEndOfUnitOfWork(lockOf(key).writeLock(), key);
    }

    @Override
    public void rowWritten(String id, String kind) {
        String key = key(kind, id);
        if (CurrentUnitOfWork.isStarted()) {
            // After the commit (the cache never shows what might roll back), before the clean-up
            // that releases the write lock.
            CurrentUnitOfWork.get().root().afterCommit(u -> rows.remove(key));
        } else {
            rows.remove(key); // the start-up rebuild, before any command
        }
    }

    private Optional<PartyRow> row(String kind, String id) {
        String key = key(kind, id);
        Optional<PartyRow> cached = rows.get(key);
        if (cached != null) {
            return cached;
        }
        Optional<PartyRow> read = table
                .jdbc()
                .query(
                        "select " + PartyRow.COLUMNS + " from sale_parties where id = ? and kind = ?",
                        (row, n) -> PartyRow.read(row),
                        id,
                        kind)
                .stream()
                .findFirst();
        // An unknown party is not cached: it may be registered by the next command.
        if (read.isPresent()) {
            rows.putIfAbsent(key, read);
        }
        return read;
    }

    private ReentrantReadWriteLock lockOf(String key) {
        return locks.computeIfAbsent(key, k -> new ReentrantReadWriteLock());
    }

    private static void holdUntilEndOfUnitOfWork(Lock lock, String key) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("sale_parties locks are taken inside a command's unit of work");
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        try {
            if (!lock.tryLock(LOCK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Waited " + LOCK_TIMEOUT.toSeconds() + " s for the lock on " + key
                        + ": a command holding it has not finished; see the log for a stuck or failing command");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the lock on " + key, e);
        }
        unitOfWork.onCleanup(u -> lock.unlock());
    }

    private static String key(String kind, String id) {
        return kind + '|' + id;
    }
}
