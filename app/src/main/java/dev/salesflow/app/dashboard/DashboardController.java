package dev.salesflow.app.dashboard;

import dev.salesflow.app.progress.PipelineStatus;
import dev.salesflow.warehouse.engine.QueryEngine;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** JSON for the dashboard page (static/index.html), read from the gold marts. */
@RestController
@RequestMapping("/api")
public class DashboardController {

    private final QueryEngine warehouse;
    private final PipelineStatus status;

    public DashboardController(QueryEngine warehouse, PipelineStatus status) {
        this.warehouse = warehouse;
        this.status = status;
    }

    @GetMapping("/revenue-daily-by-country")
    public List<DailyRevenue> revenueDailyByCountry() {
        if (!warehouse.tableExists("sales_gold", "revenue_daily_by_country")) {
            return List.of();
        }
        return warehouse.query(
                "select sale_date, country, currency, sales, units, revenue"
                        + " from sales_gold.revenue_daily_by_country order by sale_date, country, currency",
                row -> new DailyRevenue(
                        row.getObject(1, LocalDate.class),
                        row.getString(2),
                        row.getString(3),
                        row.getLong(4),
                        row.getLong(5),
                        (BigDecimal) row.value(6)));
    }

    @GetMapping("/status")
    public PipelineStatus.Snapshot status() {
        return status.read();
    }

    public record DailyRevenue(
            LocalDate saleDate, String country, String currency, long sales, long units, BigDecimal revenue) {}
}
