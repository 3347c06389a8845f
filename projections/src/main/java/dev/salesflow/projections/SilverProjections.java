package dev.salesflow.projections;

import dev.salesflow.events.Currencies;
import dev.salesflow.projection.runtime.Projection;
import dev.salesflow.projections.customer.CustomersProjection;
import dev.salesflow.projections.product.ProductsProjection;
import dev.salesflow.projections.sale.SalesProjection;
import dev.salesflow.projections.store.StoresProjection;
import java.util.List;

/** The silver read models ({@code sales_silver.*}), one projection per processing group. */
public final class SilverProjections {

    public static final String DEFAULT_REPORTING_CURRENCY = Currencies.BASE;

    private SilverProjections() {}

    /** @param reportingCurrency the currency sale amounts are also reported in */
    public static List<Projection> all(String reportingCurrency) {
        return List.of(
                new SalesProjection(reportingCurrency),
                new CustomersProjection(),
                new ProductsProjection(),
                new StoresProjection());
    }
}
