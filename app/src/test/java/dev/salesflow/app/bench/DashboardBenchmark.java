package dev.salesflow.app.bench;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.salesflow.app.dashboard.DashboardApi;
import dev.salesflow.app.dashboard.GoldTestData;
import dev.salesflow.gold.GoldProject;
import dev.salesflow.gold.ModelRunner;
import dev.salesflow.warehouse.DuckDbWarehouse;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * Times every data call of the dashboard page on a gold layer of N sale lines (default 10,000,000):
 * generates silver and snapshots by SQL into a new DuckDB file (GoldTestData), builds gold with the
 * real ModelRunner, then calls each endpoint the page calls, through the real controller (validation,
 * queries, JSON), for each filter combination the page offers, and prints p50 / p99 / max per call.
 * Target: under 300 ms each.
 *
 * <pre>
 * mvn -B -o -q -pl app -am test-compile
 * mvn -B -o -q -pl app dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx3g -cp "app/target/test-classes:app/target/classes:$(cat app/target/cp.txt)" \
 *     dev.salesflow.app.bench.DashboardBenchmark [lines] [repeats] [folder]
 * </pre>
 */
public final class DashboardBenchmark {

    /** The calls of the page (dashboard.js PANELS, plus the filter choices and the freshness line). */
    static final List<String> CALLS = List.of(
            "kpis",
            "revenue-over-time?grain=day",
            "revenue-over-time?grain=week",
            "revenue-over-time?grain=month",
            "by-country",
            "currency-split",
            "by-product?top=10",
            "by-category",
            "by-store?top=15",
            "by-channel",
            "by-payment-method",
            "customer-segments",
            "by-loyalty-tier",
            "top-customers?top=20");

    /** No filter, each filter alone, and all of them together. */
    static final Map<String, String> FILTERS = new LinkedHashMap<>();

    static {
        FILTERS.put("none", "");
        FILTERS.put("date range (30 days)", "from=2026-01-15&to=2026-02-13");
        FILTERS.put("country", "country=DE");
        FILTERS.put("channel", "channel=WEB");
        FILTERS.put("sale currency", "currency=USD");
        FILTERS.put("sale currency, amounts in it", "currency=USD&amounts=sale");
        FILTERS.put("all filters", "from=2026-01-15&to=2026-02-13&country=US&channel=MOBILE_APP&currency=USD");
    }

    private DashboardBenchmark() {}

    public static void main(String[] args) throws Exception {
        long lines = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("dashboard-bench");
        Path file = dir.resolve("dashboard-bench.duckdb");
        boolean reuse = Files.exists(file) && holdsGold(file, lines);
        if (!reuse) {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir.resolve("dashboard-bench.duckdb.wal"));
        }
        System.out.printf(
                "Dashboard benchmark: %,d sale lines into %s, %d timed calls each (%d cores, load average %.1f,"
                        + " max heap %d MB)%n",
                lines,
                file,
                repeats,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().maxMemory() >> 20);
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(file)) {
            if (reuse) {
                // Models added since the file was built (the dashboard's cubes) are built now, the rest skipped.
                long t0 = System.nanoTime();
                ModelRunner.RunResult run = new ModelRunner(warehouse, GoldProject.load()).run();
                warehouse.execute("checkpoint");
                System.out.printf(
                        "reusing the gold layer already built in %s; brought up to date in %.1f s (%s)%n",
                        file, (System.nanoTime() - t0) / 1e9, run.summary());
            } else {
                generateAndBuild(warehouse, lines);
            }
            measure(warehouse, repeats);
        }
    }

    /** A file of an earlier run with the same number of lines is used again (generating 10 M lines takes minutes). */
    private static boolean holdsGold(Path file, long lines) {
        // A file another process holds is an error here, never a reason to delete it.
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(file)) {
            return warehouse.tableExists("sales_gold", "mart_top_vip_customers")
                    && warehouse.count("sales_gold.fct_sale_lines") == lines;
        }
    }

    private static void generateAndBuild(DuckDbWarehouse warehouse, long lines) {
        {
            long t0 = System.nanoTime();
            GoldTestData.fill(warehouse, lines);
            System.out.printf("silver generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            long t1 = System.nanoTime();
            ModelRunner.RunResult built = GoldTestData.buildGold(warehouse);
            warehouse.execute("checkpoint");
            System.out.printf(
                    "gold built in %.1f s (%s): %,d fact lines%n",
                    (System.nanoTime() - t1) / 1e9, built.summary(), warehouse.count("sales_gold.fct_sale_lines"));
        }
    }

    private static void measure(DuckDbWarehouse warehouse, int repeats) throws Exception {
        {
            MockMvc mvc = MockMvcBuilders.standaloneSetup(new DashboardApi(warehouse, "EUR"))
                    .build();
            call(mvc, "/api/dashboard/filters");
            System.out.printf(
                    "%-30s %-30s %8s %8s %8s  %s%n", "filter", "call", "p50 ms", "p99 ms", "max ms", "read from");
            double worst = 0;
            String worstCall = "";
            for (Map.Entry<String, String> filter : FILTERS.entrySet()) {
                for (String path : CALLS) {
                    String url = "/api/dashboard/" + path
                            + (filter.getValue().isEmpty() ? "" : (path.contains("?") ? "&" : "?") + filter.getValue());
                    String source = "";
                    for (int i = 0; i < 2; i++) {
                        source = source(call(mvc, url)); // warm-up
                    }
                    double[] millis = new double[repeats];
                    for (int i = 0; i < repeats; i++) {
                        long start = System.nanoTime();
                        call(mvc, url);
                        millis[i] = (System.nanoTime() - start) / 1e6;
                    }
                    Arrays.sort(millis);
                    double p99 = millis[(int) Math.ceil(0.99 * repeats) - 1];
                    System.out.printf(
                            "%-30s %-30s %8.1f %8.1f %8.1f  %s%n",
                            filter.getKey(),
                            path,
                            millis[(int) Math.ceil(0.5 * repeats) - 1],
                            p99,
                            millis[repeats - 1],
                            source);
                    if (p99 > worst) {
                        worst = p99;
                        worstCall = filter.getKey() + " / " + path;
                    }
                }
            }
            for (String path : List.of("filters", "freshness")) {
                double[] millis = new double[repeats];
                for (int i = 0; i < repeats; i++) {
                    long start = System.nanoTime();
                    call(mvc, "/api/dashboard/" + path);
                    millis[i] = (System.nanoTime() - start) / 1e6;
                }
                Arrays.sort(millis);
                System.out.printf(
                        "%-30s %-30s %8.1f %8.1f %8.1f%n",
                        "-",
                        path,
                        millis[(int) Math.ceil(0.5 * repeats) - 1],
                        millis[(int) Math.ceil(0.99 * repeats) - 1],
                        millis[repeats - 1]);
            }
            System.out.printf(
                    "RESULT worst p99 %.1f ms (%s), target < 300 ms; load average (1 min) at the end %.1f on %d cores%n",
                    worst,
                    worstCall,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private static String call(MockMvc mvc, String url) throws Exception {
        MvcResult result = mvc.perform(get(url)).andReturn();
        if (result.getResponse().getStatus() != 200) {
            throw new IllegalStateException(
                    url + " answered " + result.getResponse().getStatus() + ": "
                            + result.getResponse().getContentAsString());
        }
        return result.getResponse().getContentAsString();
    }

    /** The table an answer names as its source. */
    private static String source(String body) {
        Matcher matcher = SOURCE.matcher(body);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static final Pattern SOURCE = Pattern.compile("\"source\"\\s*:\\s*\"([^\"]*)\"");
}
