package dev.salesflow.gold;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The models, YAML test declarations and singular tests listed in {@code gold/project.txt};
 * models in dependency order, each test attached to the model it checks.
 */
public record GoldProject(List<SqlModel> modelsInOrder, List<DataTest> tests) {

    public static final String ROOT = "gold/";

    private static final Pattern SEVERITY =
            Pattern.compile("--\\s*severity:\\s*(warn|error)", Pattern.CASE_INSENSITIVE);

    /**
     * The statements that create the orchestrator's run log ({@code sales_ops}) for a dialect:
     * {@code ops_tables.sql} (DuckDB) or {@code ops_tables.bigquery.sql}.
     */
    public static List<String> opsTables(Dialect dialect) {
        String file = dialect == Dialect.BIGQUERY ? "ops_tables.bigquery.sql" : "ops_tables.sql";
        return dev.salesflow.warehouse.SqlScripts.statements(SqlRenderer.read(ROOT + file));
    }

    public static GoldProject load() {
        Map<String, SqlModel> models = new LinkedHashMap<>();
        List<DataTest> declared = new ArrayList<>();
        Map<String, String> singular = new LinkedHashMap<>();
        for (String line : SqlRenderer.read(ROOT + "project.txt").split("\n")) {
            String path = line.strip();
            if (path.isEmpty() || path.startsWith("#")) {
                continue;
            }
            String file = path.substring(path.lastIndexOf('/') + 1);
            String name = file.replaceAll("\\.(sql|yml)$", "");
            if (path.startsWith("models/") && path.endsWith(".sql")) {
                if (models.put(name, SqlModel.parse(name, path, SqlRenderer.read(ROOT + path))) != null) {
                    throw new IllegalStateException("gold/project.txt lists two models named " + name);
                }
            } else if (path.startsWith("models/") && path.endsWith(".yml")) {
                declared.addAll(TestDeclarations.parse(path, SqlRenderer.read(ROOT + path)));
            } else if (path.startsWith("tests/") && path.endsWith(".sql")) {
                singular.put(name, SqlRenderer.read(ROOT + path));
            } else {
                throw new IllegalStateException("gold/project.txt: " + path
                        + " is neither a model (models/*.sql), a declaration (models/*.yml) nor a test (tests/*.sql)");
            }
        }
        List<SqlModel> ordered = topologicalOrder(models);
        List<DataTest> tests = attach(ordered, declared, singular);
        checkTestsRunBeforeDescendants(ordered, tests);
        return new GoldProject(ordered, tests);
    }

    /** The models a test reads: its own and every ref in its SQL. */
    public static Set<String> modelsReadBy(DataTest test) {
        Set<String> reads = new LinkedHashSet<>();
        if (test.model() != null) {
            reads.add(test.model());
        }
        if (test.sql() != null) {
            reads.addAll(SqlModel.parse(test.name(), test.sql()).refs());
        }
        return reads;
    }

    /**
     * A test runs once every model it reads is built, and an error-severity failure must still stop
     * its model's descendants: so no child of the model (other than the models its tests read) may be
     * ordered before a model the test reads (the order follows project.txt, so list such a model
     * before the child's file).
     */
    private static void checkTestsRunBeforeDescendants(List<SqlModel> ordered, List<DataTest> tests) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            position.put(ordered.get(i).name(), i);
        }
        // per model, what all its tests read: children among them (dim_date, dim_currency of the fact)
        // are inputs of those tests and are built before them
        Map<DataTest, Set<String>> readsByTest = new LinkedHashMap<>();
        Map<String, Set<String>> testInputs = new HashMap<>();
        for (DataTest test : tests) {
            if (test.model() != null) {
                Set<String> reads = modelsReadBy(test);
                readsByTest.put(test, reads);
                testInputs.computeIfAbsent(test.model(), m -> new HashSet<>()).addAll(reads);
            }
        }
        for (Map.Entry<DataTest, Set<String>> entry : readsByTest.entrySet()) {
            DataTest test = entry.getKey();
            Set<String> reads = entry.getValue();
            for (String read : reads) {
                if (!position.containsKey(read)) {
                    throw new IllegalStateException("Test " + test.name() + " refers to unknown model '" + read + "'");
                }
            }
            String last =
                    reads.stream().max(Comparator.comparing(position::get)).orElseThrow();
            for (SqlModel child : ordered) {
                if (child.refs().contains(test.model())
                        && !testInputs.get(test.model()).contains(child.name())
                        && position.get(child.name()) < position.get(last)) {
                    throw new IllegalStateException("Test " + test.name() + " of " + test.model() + " reads " + last
                            + ", which is built after " + test.model() + "'s descendant " + child.name()
                            + ": list " + last + " before " + child.name() + " in gold/project.txt");
                }
            }
        }
    }

    public static GoldProject of(List<SqlModel> models, List<DataTest> tests) {
        Map<String, SqlModel> byName = new LinkedHashMap<>();
        models.forEach(m -> byName.put(m.name(), m));
        return new GoldProject(topologicalOrder(byName), tests);
    }

    private static List<DataTest> attach(
            List<SqlModel> ordered, List<DataTest> declared, Map<String, String> singular) {
        Set<String> names = new HashSet<>();
        ordered.forEach(m -> names.add(m.name()));
        List<DataTest> tests = new ArrayList<>();
        for (DataTest test : declared) {
            if (test.model() != null && !names.contains(test.model())) {
                throw new IllegalStateException(
                        "Test " + test.name() + " is declared for unknown model " + test.model());
            }
            tests.add(test);
        }
        for (Map.Entry<String, String> entry : singular.entrySet()) {
            SqlModel refs = SqlModel.parse(entry.getKey(), entry.getValue());
            String last = null;
            for (SqlModel model : ordered) {
                if (refs.refs().contains(model.name())) {
                    last = model.name();
                }
            }
            for (String ref : refs.refs()) {
                if (!names.contains(ref)) {
                    throw new IllegalStateException(
                            "Test " + entry.getKey() + " refers to unknown model '" + ref + "'");
                }
            }
            Matcher severity = SEVERITY.matcher(entry.getValue());
            tests.add(DataTest.of(
                    entry.getKey(),
                    last,
                    "singular",
                    severity.find()
                            ? DataTest.Severity.valueOf(severity.group(1).toUpperCase())
                            : DataTest.Severity.ERROR,
                    entry.getValue()));
        }
        return List.copyOf(tests);
    }

    public SqlModel model(String name) {
        return modelsInOrder.stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No gold model named '" + name + "'; models: "
                        + String.join(
                                ", ", modelsInOrder.stream().map(SqlModel::name).toList())));
    }

    /** The model and everything built from it, directly or not. */
    public Set<String> descendantsOf(String name) {
        Set<String> found = new LinkedHashSet<>();
        found.add(model(name).name());
        for (SqlModel model : modelsInOrder) {
            if (model.refs().stream().anyMatch(found::contains)) {
                found.add(model.name());
            }
        }
        return found;
    }

    /**
     * dbt-like selection: {@code MODEL} (just it), {@code MODEL+} (it and its descendants),
     * {@code +MODEL} (it and its ancestors); several separated by commas or spaces; empty: all.
     */
    public Set<String> select(List<String> selectors) {
        Set<String> selected = new LinkedHashSet<>();
        if (selectors == null || selectors.isEmpty()) {
            modelsInOrder.forEach(m -> selected.add(m.name()));
            return selected;
        }
        for (String raw : selectors) {
            for (String selector : raw.split("[,\\s]+")) {
                if (selector.isBlank()) {
                    continue;
                }
                boolean down = selector.endsWith("+");
                boolean up = selector.startsWith("+");
                String name = selector.replaceAll("^\\+|\\+$", "");
                model(name);
                if (down) {
                    selected.addAll(descendantsOf(name));
                } else {
                    selected.add(name);
                }
                if (up) {
                    selected.addAll(ancestorsOf(name));
                }
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        modelsInOrder.forEach(m -> {
            if (selected.contains(m.name())) {
                ordered.add(m.name());
            }
        });
        return ordered;
    }

    Set<String> ancestorsOf(String name) {
        Set<String> found = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(model(name).refs());
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (found.add(next)) {
                todo.addAll(model(next).refs());
            }
        }
        return found;
    }

    /** The dependency graph as Mermaid flowchart text (models only; sources as round nodes). */
    public String mermaid() {
        StringBuilder out = new StringBuilder("flowchart LR\n");
        Set<String> sources = new LinkedHashSet<>();
        for (SqlModel model : modelsInOrder) {
            for (String source : model.sources()) {
                sources.add(source);
                out.append("    ")
                        .append(source.replace('.', '_'))
                        .append("([")
                        .append(source)
                        .append("]) --> ")
                        .append(model.name())
                        .append('\n');
            }
            for (String ref : model.refs()) {
                out.append("    ")
                        .append(ref)
                        .append(" --> ")
                        .append(model.name())
                        .append('\n');
            }
        }
        return out.toString();
    }

    static List<SqlModel> topologicalOrder(Map<String, SqlModel> models) {
        List<SqlModel> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (SqlModel model : models.values()) {
            visit(model, models, done, new ArrayDeque<>(), ordered);
        }
        return List.copyOf(ordered);
    }

    private static void visit(
            SqlModel model,
            Map<String, SqlModel> models,
            Set<String> done,
            Deque<String> path,
            List<SqlModel> ordered) {
        if (done.contains(model.name())) {
            return;
        }
        if (path.contains(model.name())) {
            throw new IllegalStateException("Models depend on each other in a cycle: " + path + " -> " + model.name());
        }
        path.push(model.name());
        for (String ref : model.refs()) {
            SqlModel dependency = models.get(ref);
            if (dependency == null) {
                throw new IllegalStateException("Model " + model.name() + " refers to unknown model '" + ref + "'");
            }
            visit(dependency, models, done, path, ordered);
        }
        path.pop();
        done.add(model.name());
        ordered.add(model);
    }
}
