package dev.salesflow.gold;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The models and data tests listed in {@code gold/project.txt}, models in dependency order. */
public record GoldProject(List<SqlModel> modelsInOrder, List<SqlModel> tests) {

    public static final String ROOT = "gold/";

    public static GoldProject load() {
        Map<String, SqlModel> models = new LinkedHashMap<>();
        List<SqlModel> tests = new ArrayList<>();
        for (String line : read(ROOT + "project.txt").split("\n")) {
            String path = line.strip();
            if (path.isEmpty() || path.startsWith("#")) {
                continue;
            }
            String name = path.substring(path.lastIndexOf('/') + 1).replace(".sql", "");
            SqlModel model = SqlModel.parse(name, read(ROOT + path));
            if (path.startsWith("models/")) {
                models.put(name, model);
            } else if (path.startsWith("tests/")) {
                tests.add(model);
            } else {
                throw new IllegalStateException("gold/project.txt: " + path + " is neither under models/ nor tests/");
            }
        }
        return new GoldProject(topologicalOrder(models), List.copyOf(tests));
    }

    static List<SqlModel> topologicalOrder(Map<String, SqlModel> models) {
        List<SqlModel> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (SqlModel model : models.values()) {
            visit(model, models, done, new ArrayDeque<>(), ordered);
        }
        return List.copyOf(ordered);
    }

    private static void visit(SqlModel model, Map<String, SqlModel> models, Set<String> done,
                              Deque<String> path, List<SqlModel> ordered) {
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

    private static String read(String resource) {
        try (InputStream in = GoldProject.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing gold resource " + resource + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
