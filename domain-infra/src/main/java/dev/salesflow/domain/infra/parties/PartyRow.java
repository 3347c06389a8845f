package dev.salesflow.domain.infra.parties;

import dev.salesflow.domain.sale.SaleParties.CustomerFacts;
import dev.salesflow.domain.sale.SaleParties.Facts;
import dev.salesflow.domain.sale.SaleParties.ProductFacts;
import dev.salesflow.domain.sale.SaleParties.StoreFacts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** One row of {@code sale_parties}; {@code validTo} is null while the party may take part in sales. */
record PartyRow(String id, String kind, String currency, Instant validFrom, Instant validTo) {

    static final String COLUMNS = "id, kind, currency, valid_from, valid_to";

    static PartyRow read(ResultSet row) throws SQLException {
        long to = row.getLong("valid_to");
        Instant until = row.wasNull() ? null : SalePartiesTable.instant(to);
        return new PartyRow(
                row.getString("id"),
                row.getString("kind"),
                row.getString("currency"),
                SalePartiesTable.instant(row.getLong("valid_from")),
                until);
    }

    /** What the sale's rules need, from the rows found; a party without a row is unknown. */
    static Facts facts(Collection<PartyRow> rows, String customerId, String storeId, Collection<String> productIds) {
        CustomerFacts customer = null;
        StoreFacts store = null;
        Map<String, ProductFacts> products = new HashMap<>();
        for (PartyRow row : rows) {
            if (SalePartiesTable.CUSTOMER.equals(row.kind()) && row.id().equals(customerId)) {
                customer = new CustomerFacts(row.validFrom());
            } else if (SalePartiesTable.STORE.equals(row.kind()) && row.id().equals(storeId)) {
                store = new StoreFacts(row.currency(), row.validFrom(), row.validTo());
            } else if (SalePartiesTable.PRODUCT.equals(row.kind()) && productIds.contains(row.id())) {
                products.put(row.id(), new ProductFacts(row.validFrom(), row.validTo()));
            }
        }
        return new Facts(Optional.ofNullable(customer), Optional.ofNullable(store), Map.copyOf(products));
    }
}
