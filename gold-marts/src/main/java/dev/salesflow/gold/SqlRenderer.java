package dev.salesflow.gold;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders model and test templates with Jinjava for one {@link Dialect}: dbt's {@code ref()},
 * {@code source()}, {@code this}, {@code is_incremental()}, {@code target.type}, and the
 * cross-database macros of {@code gold/macros/cross_database.sql}.
 *
 * <p>Incremental models also get {@code run_started_at} (this run's start, stamped on the rows it
 * writes) and {@code last_success_at} (the start of this model's last successful build, the
 * watermark of what it has already seen), both as SQL timestamp literals.
 */
public final class SqlRenderer {

    static final String MACROS = GoldProject.ROOT + "macros/cross_database.sql";
    private static final String INCREMENTAL = "__is_incremental";
    private static final Instant EPOCH = Instant.parse("1970-01-01T00:00:00Z");

    private final Dialect dialect;
    private final Jinjava jinjava;
    private final String macros;

    public SqlRenderer(Dialect dialect) {
        this.dialect = dialect;
        this.jinjava = new Jinjava(
                JinjavaConfig.newBuilder().withFailOnUnknownTokens(true).build());
        jinjava.getGlobalContext()
                .registerFunction(new ELFunctionDefinition("", "ref", SqlRenderer.class, "ref", String.class));
        jinjava.getGlobalContext()
                .registerFunction(new ELFunctionDefinition(
                        "", "source", SqlRenderer.class, "source", String.class, String.class));
        jinjava.getGlobalContext()
                .registerFunction(new ELFunctionDefinition("", "is_incremental", SqlRenderer.class, "isIncremental"));
        this.macros = read(MACROS);
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * @param incremental   render the incremental branch ({@code is_incremental()} true): the model's
     *                      table exists and only changed rows are selected
     * @param runStartedAt  stamped on written rows; null: now
     * @param lastSuccessAt the watermark; null: the epoch
     */
    public String render(SqlModel model, boolean incremental, Instant runStartedAt, Instant lastSuccessAt) {
        Map<String, Object> context = new HashMap<>();
        context.put("this", model.table());
        context.put(INCREMENTAL, incremental);
        context.put("run_started_at", literal(runStartedAt == null ? Instant.now() : runStartedAt));
        context.put("last_success_at", literal(lastSuccessAt == null ? EPOCH : lastSuccessAt));
        return render(model.name(), model.template(), context);
    }

    /** Renders a data test's SQL (it may use ref, source and the macros). */
    public String renderTest(String name, String template) {
        return render(name, template, new HashMap<>(Map.of(INCREMENTAL, false)));
    }

    private String render(String name, String template, Map<String, Object> context) {
        context.put("target", Map.of("type", dialect.type(), "schema", SqlModel.GOLD_SCHEMA));
        RenderResult result = jinjava.renderForResult(macros + "\n" + template, context);
        List<TemplateError> errors = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL)
                .toList();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Cannot render " + name + " for " + dialect.type() + ": "
                    + errors.stream()
                            .map(e -> "line " + e.getLineno() + ": " + e.getMessage())
                            .collect(Collectors.joining("; ")));
        }
        return result.getOutput().strip();
    }

    /**
     * Always with seconds and microseconds: LocalDateTime's own text drops zero seconds
     * ({@code 1970-01-01 00:00}), which DuckDB reads but BigQuery refuses as a TIMESTAMP literal.
     */
    static String literal(Instant instant) {
        return "timestamp '"
                + TIMESTAMP_TEXT.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC))
                + "'";
    }

    private static final java.time.format.DateTimeFormatter TIMESTAMP_TEXT =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    // Jinja functions (static, as Jinjava calls them).

    public static String ref(String model) {
        return SqlModel.GOLD_SCHEMA + "." + model;
    }

    public static String source(String schema, String table) {
        return schema + "." + table;
    }

    public static boolean isIncremental() {
        Object value = JinjavaInterpreter.getCurrent().getContext().get(INCREMENTAL);
        return Boolean.TRUE.equals(value);
    }

    static String read(String resource) {
        try (InputStream in = SqlRenderer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing gold resource " + resource + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
