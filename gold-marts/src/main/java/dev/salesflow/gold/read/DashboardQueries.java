package dev.salesflow.gold.read;

import dev.salesflow.gold.read.DashboardFilter.Amounts;
import dev.salesflow.warehouse.Warehouse;
import dev.salesflow.warehouse.WarehouseException;
import dev.salesflow.warehouse.engine.DuckDbQueryEngine;
import dev.salesflow.warehouse.engine.QueryEngine;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every figure of the dashboard, read from the gold layer with bound parameters only (no request
 * text ever becomes SQL: table and column names come from the {@link Panel} constants).
 *
 * <p>Where a figure comes from depends on the filter: without any filter a panel reads its all-time
 * mart as it stands (so the page shows exactly the mart); with a date range only, it sums the
 * panel's daily mart over those days; with a country, channel or currency (or amounts in the sale
 * currency) it sums the dashboard's daily cubes (mart_sales_cube_*_daily: day x store country x
 * channel x sale currency x the panel's key, amounts in both currencies), and a date range alone sums
 * the customer cube for the customer panels. Until those cubes are built (a data directory of an older
 * version before its first mart run) the same figures are aggregated from the star schema
 * (fct_sale_lines joined to dim_store, dim_product, dim_customer). Each answer names its source.
 */
public class DashboardQueries {

    static final String GOLD = "sales_gold";

    /** The source an answer names while the marts it needs are not built yet. */
    static final String NOT_BUILT = "none (the marts are not built yet)";

    /** Whole-sale attributes (store, country, channel, currencies, payment method, loyalty tier) per day. */
    static final String SALE_CUBE = "mart_sales_cube_daily";
    /** Per day, store country, channel, sale currency and category (distinct sales per category). */
    static final String CATEGORY_CUBE = "mart_sales_cube_category_daily";
    /** Per day, store country, channel, sale currency and product (distinct sales per product). */
    static final String PRODUCT_CUBE = "mart_sales_cube_product_daily";
    /** Per day, store country, channel, sale currency and customer: orders, revenue, last purchase. */
    static final String CUSTOMER_CUBE = "mart_sales_cube_customer_daily";

    private static final List<String> CUBES = List.of(SALE_CUBE, CATEGORY_CUBE, PRODUCT_CUBE, CUSTOMER_CUBE);
    static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    /** A breakdown of revenue by one dimension: the all-time mart, the daily mart, and the fact's key. */
    public enum Panel {
        COUNTRY(
                "country",
                "mart_sales_by_country",
                "mart_sales_by_country_daily",
                "coalesce(s.country, 'UNKNOWN')",
                "",
                "",
                "country",
                SALE_CUBE),
        PRODUCT(
                "product_id",
                "mart_sales_by_product",
                "mart_sales_by_product_daily",
                "f.product_id",
                "",
                " left join (select product_id, name as product_name, brand, category as current_category"
                        + " from sales_gold.dim_product where is_current) labels using (product_id)",
                "product_id, product_name, brand, current_category",
                PRODUCT_CUBE),
        CATEGORY(
                "category",
                "mart_sales_by_category",
                "mart_sales_by_category_daily",
                "coalesce(p.category, 'UNKNOWN')",
                " left join sales_gold.dim_product p on p.product_sk = f.product_sk",
                "",
                "category",
                CATEGORY_CUBE),
        STORE(
                "store_key",
                "mart_sales_by_store",
                "mart_sales_by_store_daily",
                "f.store_key",
                "",
                " left join (select store_key, store_name, coalesce(country, 'UNKNOWN') as country, city, store_kind"
                        + " from sales_gold.dim_store) labels using (store_key)",
                "store_key, store_name, country, city, store_kind",
                SALE_CUBE),
        CHANNEL(
                "channel",
                "mart_sales_by_channel",
                "mart_sales_by_channel_daily",
                "f.channel",
                "",
                " left join (select channel, channel_name from sales_gold.dim_channel) labels using (channel)",
                "channel, channel_name",
                SALE_CUBE),
        PAYMENT_METHOD(
                "payment_method",
                "mart_payment_methods",
                "mart_payment_methods_by_country_daily",
                "f.payment_method",
                "",
                " left join (select payment_method, payment_family from sales_gold.dim_payment_method) labels"
                        + " using (payment_method)",
                "payment_method, payment_family",
                SALE_CUBE),
        CURRENCY(
                "sale_currency",
                "mart_currency_split",
                "mart_currency_split_daily",
                "f.sale_currency",
                "",
                "",
                "sale_currency",
                SALE_CUBE),
        /** The tier held when buying; its all-time figure is the daily mart summed (no all-time table). */
        LOYALTY_TIER(
                "loyalty_tier",
                null,
                "mart_sales_by_loyalty_tier_daily",
                "coalesce(c.loyalty_tier, 'UNKNOWN')",
                " left join sales_gold.dim_customer c on c.customer_sk = f.customer_sk",
                "",
                "loyalty_tier",
                SALE_CUBE);

        final String key;
        final String mart;
        final String daily;
        final String factKey;
        final String factJoin;
        final String labels;
        final String columns;
        /** The key is an attribute of the whole sale (not of a line: product, category). */
        final boolean perSale;

        /** The cube that answers the panel under a country, channel or currency filter. */
        final String cube;

        Panel(
                String key,
                String mart,
                String daily,
                String factKey,
                String factJoin,
                String labels,
                String columns,
                String cube) {
            this.key = key;
            this.mart = mart;
            this.daily = daily;
            this.factKey = factKey;
            this.factJoin = factJoin;
            this.labels = labels;
            this.columns = columns;
            this.cube = cube;
            this.perSale = !key.equals("product_id") && !key.equals("category");
        }

        boolean withSaleCurrencyRevenue() {
            return this == CURRENCY;
        }
    }

    /** What a panel shows and where it was read from. */
    public record Answer(String source, List<Map<String, Object>> rows) {}

    private static final String MART_MEASURES = "sum(sales) as sales, sum(cancelled_sales) as cancelled_sales,"
            + " sum(units) as units, sum(refunded_revenue) as refunded_revenue, sum(revenue) as revenue";

    private final QueryEngine warehouse;
    private final String reportingCurrency;
    private final boolean useCubes;

    /** On the local DuckDB warehouse. */
    public DashboardQueries(Warehouse warehouse, String reportingCurrency) {
        this(new DuckDbQueryEngine(warehouse), reportingCurrency, true);
    }

    /** On the engine of the configured warehouse (DuckDB, or BigQuery in the gcp mode). */
    public DashboardQueries(QueryEngine engine, String reportingCurrency) {
        this(engine, reportingCurrency, true);
    }

    /**
     * With {@code useCubes} false every filtered figure is aggregated from the star schema, as before
     * the cubes existed: the reference the cubes' answers are compared with in tests.
     */
    public DashboardQueries(Warehouse warehouse, String reportingCurrency, boolean useCubes) {
        this(new DuckDbQueryEngine(warehouse), reportingCurrency, useCubes);
    }

    public DashboardQueries(QueryEngine engine, String reportingCurrency, boolean useCubes) {
        this.warehouse = engine;
        this.reportingCurrency = reportingCurrency;
        this.useCubes = useCubes;
    }

    /** The cubes are read when they all exist (they are built by the same mart run as the rest). */
    private boolean cubes() {
        return useCubes && CUBES.stream().allMatch(cube -> warehouse.tableExists(GOLD, cube));
    }

    public String reportingCurrency() {
        return reportingCurrency;
    }

    /**
     * A panel's rows, or {@link #NOT_BUILT} while the table it reads (or one it joins) does not exist
     * yet: on a new data directory the first run after the first sale builds the KPIs' models before
     * the others (the application's MartScheduler), so for a few seconds some marts are missing.
     */
    private Answer answer(String source, Sql sql, String... joined) {
        if (!built(source) || !Arrays.stream(joined).allMatch(this::built)) {
            return new Answer(NOT_BUILT, List.of());
        }
        return new Answer(source, query(sql));
    }

    private boolean built(String qualifiedTable) {
        return warehouse.tableExists(GOLD, qualifiedTable.substring(GOLD.length() + 1));
    }

    /** True once the marts have been built (before the first run every panel is empty). */
    public boolean ready() {
        return warehouse.tableExists(GOLD, "mart_sales_by_country_daily")
                && warehouse.tableExists(GOLD, "fct_sale_lines");
    }

    // ---------------------------------------------------------------- breakdowns

    public Answer breakdown(Panel panel, DashboardFilter filter, Integer top) {
        if (!ready()) {
            return new Answer(NOT_BUILT, List.of());
        }
        Sql sql = new Sql();
        String source;
        String extra = panel.withSaleCurrencyRevenue() ? ", revenue_sale_currency" : "";
        if (filter.isEmpty() && panel.mart != null) {
            source = GOLD + "." + panel.mart;
            sql.add(
                    "select " + panel.columns + ", sales, units, revenue" + extra + " from " + source
                            + " where reporting_currency = ?",
                    reportingCurrency);
        } else if (!filter.hasDimensions()) {
            source = GOLD + "." + panel.daily;
            sql.add(
                    "select " + panel.columns + ", sales, units, revenue" + extra
                            + " from (select " + panel.key + ", " + MART_MEASURES
                            + (panel.withSaleCurrencyRevenue()
                                    ? ", sum(revenue_sale_currency) as revenue_sale_currency"
                                    : "")
                            + " from " + source + " where reporting_currency = ?",
                    reportingCurrency);
            dates(sql, filter, "sale_date");
            sql.add(" group by " + panel.key + ") totals" + panel.labels);
        } else if (cubes()) {
            source = GOLD + "." + panel.cube;
            sql.add("select " + panel.columns + ", sales, units, revenue" + extra
                    + " from (select c." + panel.key + ", " + cubeMeasures(filter.amounts())
                    + (panel.withSaleCurrencyRevenue()
                            ? ", coalesce(sum(c.revenue_sale_currency), 0) as revenue_sale_currency"
                            : ""));
            cubeFrom(sql, filter, panel.cube);
            sql.add(" group by 1) totals" + panel.labels);
        } else {
            source = GOLD + ".fct_sale_lines";
            sql.add("select " + panel.columns + ", sales, units, revenue" + extra
                    + " from (select " + panel.factKey + " as " + panel.key + ", "
                    + factMeasures(filter.amounts(), panel.perSale)
                    + (panel.withSaleCurrencyRevenue()
                            ? ", coalesce(sum(f.net_amount), 0) as revenue_sale_currency"
                            : ""));
            factFrom(sql, filter, panel.factJoin);
            sql.add(" group by 1) totals" + panel.labels);
        }
        sql.add(" order by revenue desc, " + panel.key);
        if (top != null) {
            sql.add(" limit ?", top);
        }
        return answer(source, sql);
    }

    // ---------------------------------------------------------------- KPIs

    /**
     * Net revenue, sales, units, average basket and refund rate over the filter's period, and the
     * same over the period of the same length just before it. Without dates the period is every
     * day with sales (so there is nothing before it to compare with).
     */
    public Map<String, Object> kpis(DashboardFilter filter) {
        Map<String, Object> answer = new LinkedHashMap<>();
        if (!ready()) {
            answer.put("source", NOT_BUILT);
            return answer;
        }
        List<Map<String, Object>> bounds = query(new Sql()
                .add(
                        "select min(sale_date) as first_day,"
                                + " max(sale_date) as last_day from sales_gold.mart_sales_by_country_daily where reporting_currency = ?",
                        reportingCurrency));
        LocalDate first = bounds.get(0).get("first_day") == null
                ? null
                : LocalDate.parse((String) bounds.get(0).get("first_day"));
        LocalDate last = bounds.get(0).get("last_day") == null
                ? null
                : LocalDate.parse((String) bounds.get(0).get("last_day"));
        LocalDate from = filter.from() != null ? filter.from() : first;
        LocalDate to = filter.to() != null ? filter.to() : last;
        String source;
        Map<String, Object> current;
        Map<String, Object> previous;
        if (from == null || to == null) {
            source = GOLD + ".mart_sales_by_country_daily";
            current = totals(new Sql().add("select " + MART_MEASURES + " from " + source + " where false"));
            previous = current;
        } else {
            LocalDate[] before = DashboardFilter.previousPeriod(from, to);
            if (!filter.hasDimensions()) {
                source = GOLD + ".mart_sales_by_country_daily";
                current = totals(dailyTotals(filter.withDates(filter.from(), filter.to())));
                previous = totals(dailyTotals(filter.withDates(before[0], before[1])));
            } else if (cubes()) {
                source = GOLD + "." + SALE_CUBE;
                current = totals(cubeTotals(filter.withDates(filter.from(), filter.to())));
                previous = totals(cubeTotals(filter.withDates(before[0], before[1])));
            } else {
                source = GOLD + ".fct_sale_lines";
                current = totals(factTotals(filter.withDates(filter.from(), filter.to())));
                previous = totals(factTotals(filter.withDates(before[0], before[1])));
            }
            answer.put("previous_from", before[0].toString());
            answer.put("previous_to", before[1].toString());
        }
        answer.put("source", source);
        answer.put("from", from == null ? null : from.toString());
        answer.put("to", to == null ? null : to.toString());
        answer.put("currency", filter.amounts() == Amounts.SALE ? filter.currency() : reportingCurrency);
        answer.put("current", current);
        answer.put("previous", previous);
        Map<String, Object> change = new LinkedHashMap<>();
        for (String measure : List.of("revenue", "sales", "units", "average_basket", "refund_rate")) {
            change.put(measure, relativeChange(current.get(measure), previous.get(measure)));
        }
        answer.put("change", change);
        return answer;
    }

    private Sql dailyTotals(DashboardFilter filter) {
        Sql sql = new Sql()
                .add(
                        "select " + MART_MEASURES + " from sales_gold.mart_sales_by_country_daily"
                                + " where reporting_currency = ?",
                        reportingCurrency);
        dates(sql, filter, "sale_date");
        return sql;
    }

    private Sql cubeTotals(DashboardFilter filter) {
        Sql sql = new Sql().add("select " + cubeMeasures(filter.amounts()));
        cubeFrom(sql, filter, SALE_CUBE);
        return sql;
    }

    private Sql factTotals(DashboardFilter filter) {
        Sql sql = new Sql().add("select " + factMeasures(filter.amounts(), true));
        factFrom(sql, filter, "");
        return sql;
    }

    private Map<String, Object> totals(Sql sql) {
        Map<String, Object> row = new LinkedHashMap<>(query(sql).get(0));
        long sales = number(row.get("sales")).longValue();
        long cancelled = number(row.get("cancelled_sales")).longValue();
        BigDecimal revenue = decimal(row.get("revenue"));
        BigDecimal refunded = decimal(row.get("refunded_revenue"));
        row.put("sales", sales);
        row.put("cancelled_sales", cancelled);
        row.put("units", number(row.get("units")).longValue());
        row.put("revenue", revenue);
        row.put("refunded_revenue", refunded);
        // The value of a sale that was not cancelled, and the share of revenue given back in refunds.
        row.put(
                "average_basket",
                sales - cancelled == 0
                        ? null
                        : revenue.divide(BigDecimal.valueOf(sales - cancelled), 2, RoundingMode.HALF_EVEN));
        BigDecimal beforeRefunds = revenue.add(refunded);
        row.put(
                "refund_rate",
                beforeRefunds.signum() == 0 ? null : refunded.divide(beforeRefunds, 6, RoundingMode.HALF_EVEN));
        return row;
    }

    static Double relativeChange(Object current, Object previous) {
        if (current == null || previous == null) {
            return null;
        }
        double now = ((Number) current).doubleValue();
        double before = ((Number) previous).doubleValue();
        return before == 0 ? null : (now - before) / Math.abs(before);
    }

    // ---------------------------------------------------------------- over time, segments, VIPs

    /** Net revenue per day, ISO week (from Monday) or month. */
    public Answer revenueOverTime(String grain, DashboardFilter filter) {
        if (!ready()) {
            return new Answer(NOT_BUILT, List.of());
        }
        String unit = switch (grain) {
            case "day", "week", "month" -> grain;
            default -> throw new IllegalArgumentException("grain must be day, week or month, got " + grain);
        };
        Sql sql = new Sql();
        String source;
        if (filter.isEmpty()) {
            source = GOLD + ".mart_revenue_over_time";
            sql.add(
                    "select period_start, sales, units, revenue from " + source
                            + " where period_grain = ? and reporting_currency = ? order by period_start",
                    unit,
                    reportingCurrency);
        } else if (!filter.hasDimensions()) {
            source = GOLD + ".mart_sales_by_country_daily";
            sql.add(
                    "select " + periodStart(unit, "sale_date") + " as period_start, sum(sales) as sales,"
                            + " sum(units) as units, sum(revenue) as revenue from " + source
                            + " where reporting_currency = ?",
                    reportingCurrency);
            dates(sql, filter, "sale_date");
            sql.add(" group by 1 order by 1");
        } else if (cubes()) {
            source = GOLD + "." + SALE_CUBE;
            sql.add("select " + periodStart(unit, "c.sale_date") + " as period_start, sum(c.sales) as sales,"
                    + " coalesce(sum(c.units), 0) as units, coalesce(sum("
                    + cubeRevenue(filter.amounts()) + "), 0) as revenue");
            cubeFrom(sql, filter, SALE_CUBE);
            sql.add(" group by 1 order by 1");
        } else {
            source = GOLD + ".fct_sale_lines";
            sql.add("select " + periodStart(unit, "f.sale_date") + " as period_start, " + SALES_PER_SALE + " as sales,"
                    + " coalesce(sum(f.net_quantity), 0) as units, coalesce(sum("
                    + revenueColumn(filter.amounts())
                    + "), 0) as revenue");
            factFrom(sql, filter, "");
            sql.add(" group by 1 order by 1");
        }
        return answer(source, sql);
    }

    /** Customers and their net spend per RFM segment (the segment is the customer's, over all time). */
    public Answer segments(DashboardFilter filter) {
        if (!ready()) {
            return new Answer(NOT_BUILT, List.of());
        }
        Sql sql = new Sql();
        String source;
        if (filter.isEmpty()) {
            source = GOLD + ".mart_customer_segments";
            sql.add(
                    "select rfm_segment, sum(customers) as customers, sum(orders) as orders,"
                            + " sum(lifetime_net_spend) as revenue from " + source + " where reporting_currency = ?"
                            + " group by rfm_segment order by revenue desc, rfm_segment",
                    reportingCurrency);
        } else if (cubes()) {
            // Per customer first (a customer counts once however many days and stores), then per segment.
            source = GOLD + "." + CUSTOMER_CUBE;
            sql.add("select coalesce(r.rfm_segment, 'UNKNOWN') as rfm_segment, count(*) as customers,"
                    + " sum(totals.orders) as orders, sum(totals.revenue) as revenue from (select c.customer_id,"
                    + " sum(c.orders) as orders, coalesce(sum(" + cubeRevenue(filter.amounts()) + "), 0) as revenue");
            cubeFrom(sql, filter, CUSTOMER_CUBE);
            sql.add(" group by c.customer_id) totals"
                    + " left join sales_gold.mart_customer_rfm r on r.customer_id = totals.customer_id"
                    + " group by 1 order by revenue desc, rfm_segment");
        } else {
            source = GOLD + ".fct_sale_lines";
            sql.add(
                    "select coalesce(r.rfm_segment, 'UNKNOWN') as rfm_segment, count(distinct f.customer_id) as customers,"
                            + " countif(f.line_number = 1 and not f.is_cancelled) as orders,"
                            + " coalesce(sum(" + revenueColumn(filter.amounts()) + "), 0) as revenue");
            factFrom(sql, filter, " left join sales_gold.mart_customer_rfm r on r.customer_id = f.customer_id");
            sql.add(" group by 1 order by revenue desc, rfm_segment");
        }
        return answer(source, sql, GOLD + ".mart_customer_rfm");
    }

    /** The customers who spent most: over all time from the VIP mart, else within the filter. */
    public Answer topCustomers(DashboardFilter filter, int top) {
        if (!ready()) {
            return new Answer(NOT_BUILT, List.of());
        }
        Sql sql = new Sql();
        String source;
        if (filter.isEmpty()) {
            source = GOLD + ".mart_top_vip_customers";
            sql.add(
                    "select vip_rank, customer_id, name, country, lifetime_net_spend as revenue, orders,"
                            + " last_purchase_at, current_loyalty_tier, rfm_segment from " + source
                            + " where reporting_currency = ? order by vip_rank limit ?",
                    reportingCurrency,
                    top);
        } else if (cubes()) {
            source = GOLD + "." + CUSTOMER_CUBE;
            sql.add("select row_number() over (order by totals.revenue desc, totals.customer_id) as vip_rank,"
                    + " totals.customer_id, r.name, r.country, totals.revenue, totals.orders, totals.last_purchase_at,"
                    + " r.current_loyalty_tier, r.rfm_segment from (select c.customer_id,"
                    + " coalesce(sum(" + cubeRevenue(filter.amounts()) + "), 0) as revenue,"
                    + " sum(c.orders) as orders, max(c.last_purchase_at) as last_purchase_at");
            cubeFrom(sql, filter, CUSTOMER_CUBE);
            sql.add(
                    " group by c.customer_id order by revenue desc, c.customer_id limit ?) totals"
                            + " left join sales_gold.mart_customer_rfm r on r.customer_id = totals.customer_id"
                            + " order by vip_rank",
                    top);
        } else {
            source = GOLD + ".fct_sale_lines";
            sql.add("select row_number() over (order by totals.revenue desc, totals.customer_id) as vip_rank,"
                    + " totals.customer_id, r.name, r.country, totals.revenue, totals.orders, totals.last_purchase_at,"
                    + " r.current_loyalty_tier, r.rfm_segment from (select f.customer_id,"
                    + " coalesce(sum(" + revenueColumn(filter.amounts()) + "), 0) as revenue,"
                    + " countif(f.line_number = 1 and not f.is_cancelled) as orders,"
                    + " max(f.placed_at) as last_purchase_at");
            factFrom(sql, filter, "");
            sql.add(
                    " group by f.customer_id order by revenue desc, f.customer_id limit ?) totals"
                            + " left join sales_gold.mart_customer_rfm r on r.customer_id = totals.customer_id"
                            + " order by vip_rank",
                    top);
        }
        return answer(source, sql, GOLD + ".mart_customer_rfm");
    }

    // ---------------------------------------------------------------- filter choices, freshness

    /** The values each filter accepts, and the days with sales. */
    public Map<String, Object> choices() {
        Map<String, Object> choices = new LinkedHashMap<>();
        choices.put("reporting_currency", reportingCurrency);
        choices.put("countries", List.copyOf(countries()));
        choices.put("channels", List.copyOf(values("select channel from sales_gold.dim_channel", "dim_channel")));
        choices.put("currencies", List.copyOf(currencies()));
        if (ready()) {
            Map<String, Object> bounds = query(new Sql()
                            .add(
                                    "select min(sale_date) as first_day, max(sale_date) as last_day"
                                            + " from sales_gold.mart_sales_by_country_daily where reporting_currency = ?",
                                    reportingCurrency))
                    .get(0);
            choices.putAll(bounds);
        }
        return choices;
    }

    public TreeSet<String> countries() {
        TreeSet<String> countries = new TreeSet<>(
                values("select distinct coalesce(country, 'UNKNOWN')" + " from sales_gold.dim_store", "dim_store"));
        if (!countries.isEmpty()) {
            countries.add("UNKNOWN"); // sales of a store not projected yet, as the marts count them
        }
        return countries;
    }

    public TreeSet<String> channels() {
        return values("select channel from sales_gold.dim_channel", "dim_channel");
    }

    public TreeSet<String> currencies() {
        return values("select currency_code from sales_gold.dim_currency", "dim_currency");
    }

    /**
     * The values a filter accepts, read again at most every few seconds (the marts rebuild every 5 s by
     * default): every call validates three filters, and three more queries each would cost more than
     * some panels.
     */
    private TreeSet<String> values(String sql, String table) {
        Known known = knownValues.get(sql);
        long now = System.nanoTime();
        if (known != null && now - known.readAt() < KNOWN_VALUES_TTL_NANOS) {
            return known.values();
        }
        TreeSet<String> values = new TreeSet<>();
        if (warehouse.tableExists(GOLD, table)) {
            values.addAll(warehouse.query(sql, row -> row.getString(1)));
            knownValues.put(sql, new Known(values, now));
        }
        return values;
    }

    private static final long KNOWN_VALUES_TTL_NANOS = 3_000_000_000L;
    private final Map<String, Known> knownValues = new java.util.concurrent.ConcurrentHashMap<>();

    private record Known(TreeSet<String> values, long readAt) {}

    /** When the marts were last built and the business time of the newest sale they hold, in UTC. */
    public Map<String, Object> freshness() {
        Map<String, Object> fresh = new LinkedHashMap<>();
        fresh.put("marts_built_at", null);
        fresh.put("latest_sale_at", null);
        if (warehouse.tableExists("sales_ops", "gold_runs")) {
            fresh.putAll(query(new Sql()
                            .add(
                                    "select max(finished_at) as marts_built_at from sales_ops.gold_runs"
                                            + " where status = ?",
                                    "SUCCESS"))
                    .get(0));
            if (fresh.get("marts_built_at") == null) {
                fresh.putAll(query(new Sql().add("select max(finished_at) as marts_built_at from sales_ops.gold_runs"))
                        .get(0));
            }
        }
        if (ready()) {
            fresh.putAll(query(new Sql().add("select max(placed_at) as latest_sale_at from sales_gold.fct_sale_lines"))
                    .get(0));
        }
        fresh.put("now", UTC_TIME.format(OffsetDateTime.now(ZoneOffset.UTC)));
        return fresh;
    }

    // ---------------------------------------------------------------- SQL pieces

    /** The first day of the day, ISO week (Monday) or month of a date column, in the engine's dialect. */
    private String periodStart(String unit, String column) {
        if (warehouse.kind() == QueryEngine.Kind.BIGQUERY) {
            return "date_trunc(" + column + ", " + ("week".equals(unit) ? "isoweek" : unit) + ")";
        }
        return "cast(date_trunc('" + unit + "', " + column + ") as date)";
    }

    private static String revenueColumn(Amounts amounts) {
        return amounts == Amounts.SALE ? "f.net_amount" : "f.net_amount_reporting";
    }

    /**
     * A sale's lines share its date, store, channel, payment method, currency and customer version, and
     * every sale has a line 1: where the key is one of those, counting lines 1 counts the sales, without
     * the cost of a distinct count over millions of lines.
     */
    private static final String SALES_PER_SALE = "countif(f.line_number = 1)";

    private static String factMeasures(Amounts amounts, boolean perSale) {
        String refunded = amounts == Amounts.SALE ? "f.refunded_amount" : "f.refunded_amount_reporting";
        return (perSale
                        ? SALES_PER_SALE + " as sales,"
                                + " countif(f.line_number = 1 and f.is_cancelled) as cancelled_sales,"
                        : "count(distinct f.sale_id) as sales,"
                                + " count(distinct case when f.is_cancelled then f.sale_id end) as cancelled_sales,")
                + " coalesce(sum(f.net_quantity), 0) as units,"
                + " coalesce(sum(case when f.is_cancelled then 0 else " + refunded + " end), 0) as refunded_revenue,"
                + " coalesce(sum(" + revenueColumn(amounts) + "), 0) as revenue";
    }

    private static String cubeRevenue(Amounts amounts) {
        return amounts == Amounts.SALE ? "c.revenue_sale_currency" : "c.revenue";
    }

    /** The cubes' measures summed: each row's sales are distinct sales of its group, so they add up. */
    private static String cubeMeasures(Amounts amounts) {
        return "sum(c.sales) as sales, sum(c.cancelled_sales) as cancelled_sales,"
                + " coalesce(sum(c.units), 0) as units, coalesce(sum("
                + (amounts == Amounts.SALE ? "c.refunded_revenue_sale_currency" : "c.refunded_revenue")
                + "), 0) as refunded_revenue, coalesce(sum(" + cubeRevenue(amounts) + "), 0) as revenue";
    }

    /** from one cube c, where every filter is a bound value (the cubes carry the store country). */
    private void cubeFrom(Sql sql, DashboardFilter filter, String cube) {
        sql.add(" from " + GOLD + "." + cube + " c where c.reporting_currency = ?", reportingCurrency);
        dates(sql, filter, "c.sale_date");
        if (filter.country() != null) {
            sql.add(" and c.country = ?", filter.country());
        }
        if (filter.channel() != null) {
            sql.add(" and c.channel = ?", filter.channel());
        }
        if (filter.currency() != null) {
            sql.add(" and c.sale_currency = ?", filter.currency());
        }
    }

    /** from fct_sale_lines f (+ dim_store s for the country) + joins, where every filter is a bound value. */
    private void factFrom(Sql sql, DashboardFilter filter, String joins) {
        sql.add(
                " from sales_gold.fct_sale_lines f left join sales_gold.dim_store s on s.store_key = f.store_key"
                        + joins + " where f.reporting_currency = ?",
                reportingCurrency);
        dates(sql, filter, "f.sale_date");
        if (filter.country() != null) {
            sql.add(" and coalesce(s.country, 'UNKNOWN') = ?", filter.country());
        }
        if (filter.channel() != null) {
            sql.add(" and f.channel = ?", filter.channel());
        }
        if (filter.currency() != null) {
            sql.add(" and f.sale_currency = ?", filter.currency());
        }
    }

    private static void dates(Sql sql, DashboardFilter filter, String column) {
        if (filter.from() != null) {
            sql.add(" and " + column + " >= ?", filter.from());
        }
        if (filter.to() != null) {
            sql.add(" and " + column + " <= ?", filter.to());
        }
    }

    /** SQL text from constants only, and the values bound to its placeholders. */
    static final class Sql {
        final StringBuilder text = new StringBuilder();
        final List<Object> values = new ArrayList<>();

        Sql add(String fragment, Object... bound) {
            text.append(fragment);
            values.addAll(List.of(bound));
            return this;
        }
    }

    private List<Map<String, Object>> query(Sql sql) {
        try {
            return warehouse.query(sql.text.toString(), sql.values, row -> {
                Map<String, Object> values = new LinkedHashMap<>();
                for (int c = 1; c <= row.columnCount(); c++) {
                    values.put(row.label(c), plain(row.value(c)));
                }
                return values;
            });
        } catch (WarehouseException e) {
            throw new WarehouseException("Dashboard query failed: " + e.getMessage() + "\n" + sql.text, e);
        }
    }

    /** JSON-friendly values: whole numbers as long, days as yyyy-MM-dd, times as UTC text. */
    static Object plain(Object value) {
        if (value instanceof BigInteger big) {
            return big.longValueExact();
        }
        if (value instanceof Integer || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof java.sql.Date day) {
            return day.toLocalDate().toString();
        }
        if (value instanceof LocalDate day) {
            return day.toString();
        }
        if (value instanceof Timestamp time) {
            // DuckDB TIMESTAMP columns hold UTC wall time: read them as such, never in the JVM's zone.
            return UTC_TIME.format(time.toLocalDateTime());
        }
        if (value instanceof LocalDateTime time) {
            return UTC_TIME.format(time);
        }
        if (value instanceof OffsetDateTime time) {
            return UTC_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
        }
        return value;
    }

    private static Number number(Object value) {
        return value == null ? 0L : (Number) value;
    }

    private static BigDecimal decimal(Object value) {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }
}
