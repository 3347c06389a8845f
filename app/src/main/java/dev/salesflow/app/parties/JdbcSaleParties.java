package dev.salesflow.app.parties;

import dev.salesflow.domain.sale.SaleParties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Reads a sale's customer, store and products from {@code sale_parties} and keeps the rows locked
 * until the command's transaction ends. Axon's command bus runs the handler inside the Spring
 * transaction it attached to the unit of work, and JdbcTemplate joins it (JpaTransactionManager
 * exposes its JDBC connection for the DataSource), so a discontinuation or closure, which must
 * update the same row, waits until the sale has committed or rolled back, and a sale that comes
 * after it reads the new state.
 */
@Component
public class JdbcSaleParties implements SaleParties {

    private final SalePartiesTable table;

    public JdbcSaleParties(SalePartiesTable table) {
        this.table = table;
    }

    @Override
    public Facts lockAndRead(String customerId, String storeId, Collection<String> productIds) {
        // Sorted and de-duplicated: every transaction locks in the same order (ORDER BY below), so
        // two sales never wait for each other in a cycle.
        TreeSet<String> ids = new TreeSet<>(productIds);
        ids.add(customerId);
        ids.add(storeId);
        List<Object> arguments = new ArrayList<>(ids);
        String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
        String sql = "select id, kind, currency, valid_from, valid_to from sale_parties where id in (" + placeholders
                + ") order by id, kind " + table.sharedLock();

        Collected found = new Collected();
        table.jdbc().query(sql, row -> {
            String id = row.getString("id");
            String kind = row.getString("kind");
            Instant from = SalePartiesTable.instant(row.getLong("valid_from"));
            long to = row.getLong("valid_to");
            Instant until = row.wasNull() ? null : SalePartiesTable.instant(to);
            if (SalePartiesTable.CUSTOMER.equals(kind) && id.equals(customerId)) {
                found.customer = new CustomerFacts(from);
            } else if (SalePartiesTable.STORE.equals(kind) && id.equals(storeId)) {
                found.store = new StoreFacts(row.getString("currency"), from, until);
            } else if (SalePartiesTable.PRODUCT.equals(kind) && productIds.contains(id)) {
                found.products.put(id, new ProductFacts(from, until));
            }
        }, arguments.toArray());
        return new Facts(Optional.ofNullable(found.customer), Optional.ofNullable(found.store),
                Map.copyOf(found.products));
    }

    private static final class Collected {
        CustomerFacts customer;
        StoreFacts store;
        final Map<String, ProductFacts> products = new HashMap<>();
    }
}
