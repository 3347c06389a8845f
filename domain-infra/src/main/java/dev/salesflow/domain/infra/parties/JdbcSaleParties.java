package dev.salesflow.domain.infra.parties;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * The rule's database form, for an event store that several application instances may share
 * (PostgreSQL): a sale reads its customer, store and products from {@code sale_parties} with a row
 * lock held until the command's transaction ends. Axon's command bus runs the handler inside the
 * Spring transaction it attached to the unit of work, and JdbcTemplate joins it (JpaTransactionManager
 * exposes its JDBC connection for the DataSource), so a discontinuation or closure, which takes the
 * row's exclusive lock first ({@link PartyStatusLock}), waits until the sale has committed or rolled
 * back, and a sale that comes after it reads the new state.
 */
final class JdbcSaleParties implements GuardedSaleParties {

    private final SalePartiesTable table;

    JdbcSaleParties(SalePartiesTable table) {
        this.table = table;
    }

    @Override
    public Facts lockAndRead(String customerId, String storeId, Collection<String> productIds) {
        // Sorted and de-duplicated: every transaction locks in the same order (ORDER BY below), so
        // two sales never wait for each other in a cycle.
        TreeSet<String> ids = new TreeSet<>(productIds);
        ids.add(customerId);
        ids.add(storeId);
        String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
        String sql = "select " + PartyRow.COLUMNS + " from sale_parties where id in (" + placeholders
                + ") order by id, kind " + table.sharedLock();
        List<PartyRow> rows = table.jdbc().query(sql, (row, n) -> PartyRow.read(row), ids.toArray());
        return PartyRow.facts(rows, customerId, storeId, productIds);
    }

    @Override
    public void lockForChange(String id, String kind) {
        // No row: the aggregate does not exist and will refuse the command itself.
        table.jdbc().queryForList("select id from sale_parties where id = ? and kind = ? for update", id, kind);
    }

    @Override
    public void rowWritten(String id, String kind) {
        // Nothing cached: every sale reads the table.
    }
}
