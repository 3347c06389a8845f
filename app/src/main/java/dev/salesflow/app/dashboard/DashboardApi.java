package dev.salesflow.app.dashboard;

import dev.salesflow.gold.read.DashboardFilter;
import dev.salesflow.gold.read.DashboardFilter.Amounts;
import dev.salesflow.gold.read.DashboardQueries;
import dev.salesflow.gold.read.DashboardQueries.Answer;
import dev.salesflow.gold.read.DashboardQueries.Panel;
import dev.salesflow.warehouse.Warehouse;
import dev.salesflow.warehouse.engine.DuckDbQueryEngine;
import dev.salesflow.warehouse.engine.QueryEngine;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read-only JSON behind the dashboard page. Every parameter is checked before any query runs
 * (dates, order of the range, countries, channels and currencies that exist in the gold dimensions,
 * grains, sizes, and no parameter the call does not know); a bad one answers 400 with
 * {"error": ..., "parameter": ...}. Values reach SQL only as bound parameters (DashboardQueries).
 */
@RestController
@RequestMapping(path = "/api/dashboard", produces = "application/json")
@Tag(
        name = "dashboard",
        description = "Figures of the sales dashboard, read from the gold marts and star schema."
                + " Without filters each figure is its all-time mart as built; with a date range only, the daily marts"
                + " summed; with a country, channel or currency, the daily cubes (mart_sales_cube_*_daily) summed.")
public class DashboardApi {

    private static final Set<String> FILTERS = Set.of("from", "to", "country", "channel", "currency", "amounts");
    private static final int MAX_TOP = 100;

    private final DashboardQueries queries;

    /** On the configured warehouse's engine: DuckDB locally, BigQuery in the gcp profile. */
    @org.springframework.beans.factory.annotation.Autowired
    public DashboardApi(QueryEngine engine, @Value("${salesflow.reporting-currency:EUR}") String reportingCurrency) {
        this.queries = new DashboardQueries(engine, reportingCurrency);
    }

    /** On a DuckDB warehouse (tests, benchmarks). */
    public DashboardApi(Warehouse warehouse, String reportingCurrency) {
        this(new DuckDbQueryEngine(warehouse), reportingCurrency);
    }

    @GetMapping("/filters")
    @Operation(
            summary = "The values each filter accepts (countries, channels, sale currencies) and the days with sales")
    public Map<String, Object> filters(@Parameter(hidden = true) HttpServletRequest request) {
        onlyKnownParameters(request, Set.of());
        return queries.choices();
    }

    @GetMapping("/freshness")
    @Operation(summary = "When the marts were last built and the newest sale they hold, as UTC text")
    public Map<String, Object> freshness(@Parameter(hidden = true) HttpServletRequest request) {
        onlyKnownParameters(request, Set.of());
        return queries.freshness();
    }

    @GetMapping("/kpis")
    @Operation(
            summary = "Net revenue, sales, units, average basket and refund rate, with the change against the"
                    + " previous period of the same length")
    @FilterParameters
    public Map<String, Object> kpis(
            @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) @RequestParam Map<String, String> parameters) {
        onlyKnownParameters(request, FILTERS);
        return queries.kpis(filter(parameters));
    }

    @GetMapping("/revenue-over-time")
    @Operation(summary = "Net revenue per day, ISO week or month (mart_revenue_over_time)")
    @FilterParameters
    public Answer revenueOverTime(
            @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) @RequestParam Map<String, String> parameters,
            @Parameter(
                            description = "day, week or month",
                            schema =
                                    @Schema(
                                            allowableValues = {"day", "week", "month"},
                                            defaultValue = "day"))
                    @RequestParam(defaultValue = "day")
                    String grain) {
        onlyKnownParameters(request, with("grain"));
        if (!List.of("day", "week", "month").contains(grain)) {
            throw new BadParameter("grain", "grain must be day, week or month, got '" + grain + "'");
        }
        return queries.revenueOverTime(grain, filter(parameters));
    }

    @GetMapping("/by-country")
    @Operation(summary = "Net revenue per store country (mart_sales_by_country)")
    @FilterParameters
    public Answer byCountry(
            @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) @RequestParam Map<String, String> parameters) {
        return breakdown(request, parameters, Panel.COUNTRY, null);
    }

    @GetMapping("/by-product")
    @Operation(summary = "The top products by net revenue (mart_sales_by_product)")
    @FilterParameters
    public Answer byProduct(
            @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) @RequestParam Map<String, String> parameters,
            @Parameter(description = "how many, 1-100") @RequestParam(defaultValue = "10") String top) {
        return breakdown(request, parameters, Panel.PRODUCT, top(top));
    }

    @GetMapping("/by-category")
    @Operation(summary = "Net revenue per product category at sale time (mart_sales_by_category)")
    @FilterParameters
    public Answer byCategory(
            @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) @RequestParam Map<String, String> parameters) {
        return breakdown(request, parameters, Panel.CATEGORY, null);
    }

    @GetMapping("/by-store")
    @Operation(summary = "The top stores by net revenue (mart_sales_by_store)")
    @FilterParameters
    public Answer byStore(
            @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) @RequestParam Map<String, String> parameters,
            @Parameter(description = "how many, 1-100") @RequestParam(defaultValue = "15") String top) {
        return breakdown(request, parameters, Panel.STORE, top(top));
    }

    @GetMapping("/by-channel")
    @Operation(summary = "Net revenue per sales channel (mart_sales_by_channel)")
    @FilterParameters
    public Answer byChannel(
            @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) @RequestParam Map<String, String> parameters) {
        return breakdown(request, parameters, Panel.CHANNEL, null);
    }

    @GetMapping("/by-payment-method")
    @Operation(summary = "Net revenue per payment method (mart_payment_methods)")
    @FilterParameters
    public Answer byPaymentMethod(
            @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) @RequestParam Map<String, String> parameters) {
        return breakdown(request, parameters, Panel.PAYMENT_METHOD, null);
    }

    @GetMapping("/currency-split")
    @Operation(
            summary = "Net revenue per sale currency, in that currency and in the reporting currency"
                    + " (mart_currency_split)")
    @FilterParameters
    public Answer currencySplit(
            @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) @RequestParam Map<String, String> parameters) {
        return breakdown(request, parameters, Panel.CURRENCY, null);
    }

    @GetMapping("/by-loyalty-tier")
    @Operation(summary = "Net revenue per loyalty tier held when buying (mart_sales_by_loyalty_tier_daily)")
    @FilterParameters
    public Answer byLoyaltyTier(
            @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) @RequestParam Map<String, String> parameters) {
        return breakdown(request, parameters, Panel.LOYALTY_TIER, null);
    }

    @GetMapping("/customer-segments")
    @Operation(summary = "Customers and their net spend per RFM segment (mart_customer_segments)")
    @FilterParameters
    public Answer customerSegments(
            @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) @RequestParam Map<String, String> parameters) {
        onlyKnownParameters(request, FILTERS);
        return queries.segments(filter(parameters));
    }

    @GetMapping("/top-customers")
    @Operation(summary = "The customers with the highest net spend (mart_top_vip_customers)")
    @FilterParameters
    public Answer topCustomers(
            @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) @RequestParam Map<String, String> parameters,
            @Parameter(description = "how many, 1-100") @RequestParam(defaultValue = "20") String top) {
        onlyKnownParameters(request, with("top"));
        return queries.topCustomers(filter(parameters), top(top));
    }

    private Answer breakdown(HttpServletRequest request, Map<String, String> parameters, Panel panel, Integer top) {
        onlyKnownParameters(request, top == null ? FILTERS : with("top"));
        return queries.breakdown(panel, filter(parameters), top);
    }

    // ---------------------------------------------------------------- validation

    /** The filter of a request, or 400 naming the first parameter that is wrong. */
    DashboardFilter filter(Map<String, String> parameters) {
        LocalDate from = date(parameters, "from");
        LocalDate to = date(parameters, "to");
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadParameter("from", "the date range is reversed: from " + from + " is after to " + to);
        }
        String country = known(parameters, "country", queries.countries());
        String channel = known(parameters, "channel", queries.channels());
        String currency = known(parameters, "currency", queries.currencies());
        String amountsText = blankToNull(parameters.get("amounts"));
        Amounts amounts = Amounts.REPORTING;
        if (amountsText != null) {
            switch (amountsText) {
                case "reporting" -> amounts = Amounts.REPORTING;
                case "sale" -> amounts = Amounts.SALE;
                default ->
                    throw new BadParameter(
                            "amounts",
                            "amounts must be 'reporting' (in " + queries.reportingCurrency()
                                    + ") or 'sale' (in the chosen sale currency), got '" + amountsText + "'");
            }
        }
        if (amounts == Amounts.SALE && currency == null) {
            throw new BadParameter(
                    "amounts",
                    "amounts=sale needs one sale currency (currency=...): amounts in"
                            + " several currencies do not add up");
        }
        return new DashboardFilter(from, to, country, channel, currency, amounts);
    }

    private static LocalDate date(Map<String, String> parameters, String name) {
        String text = blankToNull(parameters.get(name));
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadParameter(
                    name, name + " must be a date as yyyy-MM-dd (a UTC business day), got '" + text + "'");
        }
    }

    private static String known(Map<String, String> parameters, String name, TreeSet<String> known) {
        String value = blankToNull(parameters.get(name));
        if (value == null) {
            return null;
        }
        if (!known.contains(value)) {
            throw new BadParameter(
                    name,
                    "unknown " + name + " '" + value + "'"
                            + (known.isEmpty()
                                    ? ": the marts are not built yet"
                                    : "; known: " + String.join(", ", known)));
        }
        return value;
    }

    private static Integer top(String text) {
        try {
            int top = Integer.parseInt(text.strip());
            if (top >= 1 && top <= MAX_TOP) {
                return top;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadParameter("top", "top must be a whole number from 1 to " + MAX_TOP + ", got '" + text + "'");
    }

    private static Set<String> with(String extra) {
        Set<String> names = new java.util.HashSet<>(FILTERS);
        names.add(extra);
        return names;
    }

    /** A misspelt parameter (?contry=DE) would otherwise be ignored and show unfiltered figures as filtered. */
    private static void onlyKnownParameters(HttpServletRequest request, Set<String> known) {
        for (String name : request.getParameterMap().keySet()) {
            if (!known.contains(name)) {
                throw new BadParameter(
                        name,
                        "unknown parameter '" + name + "'"
                                + (known.isEmpty()
                                        ? ": this call takes none"
                                        : "; this call takes " + new TreeSet<>(known)));
            }
        }
        for (Map.Entry<String, String[]> entry : request.getParameterMap().entrySet()) {
            if (entry.getValue().length > 1) {
                throw new BadParameter(entry.getKey(), "parameter '" + entry.getKey() + "' is given more than once");
            }
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** A request parameter that cannot be answered: 400 with the reason. */
    static final class BadParameter extends RuntimeException {
        final String parameter;

        BadParameter(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }
    }

    @ExceptionHandler(BadParameter.class)
    @ApiResponse(
            responseCode = "400",
            description = "A parameter is wrong",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            example = "{\"error\": \"unknown country 'XX'; known: DE, FR\","
                                                    + " \"parameter\": \"country\"}")))
    ResponseEntity<Map<String, Object>> badParameter(BadParameter e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 400);
        body.put("error", e.getMessage());
        body.put("parameter", e.parameter);
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }
}
