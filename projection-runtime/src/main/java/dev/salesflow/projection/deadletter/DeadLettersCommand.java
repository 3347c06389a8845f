package dev.salesflow.projection.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code salesflow dead-letters list|retry}: asks the running application (on localhost) for its
 * dead letters or to retry them, through {@link DeadLetterController}; starts nothing itself.
 */
@Command(
        name = "dead-letters",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description =
                "Lists the projections' dead letters or retries them, in the application running on this " + "machine.")
public class DeadLettersCommand implements Callable<Integer> {

    enum Action {
        list,
        retry
    }

    @Parameters(
            index = "0",
            paramLabel = "list|retry",
            description = "list: print the parked events; retry: handle "
                    + "them again now, whatever their retry count (needs --group).")
    Action action;

    @Option(names = "--group", description = "Processing group, e.g. silver-sales (list: default all).")
    String group;

    @Option(names = "--sequence", description = "retry: only this sequence (aggregate id); default: all of the group.")
    String sequence;

    @Option(
            names = "--port",
            description = "Port of the running application (default: ${DEFAULT-VALUE}).",
            defaultValue = "8080")
    int port;

    @Spec
    CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String base = "http://127.0.0.1:" + port + "/api/dead-letters";
        HttpRequest request;
        if (action == Action.list) {
            request = HttpRequest.newBuilder(URI.create(base + (group == null ? "" : "?group=" + encode(group))))
                    .timeout(Duration.ofMinutes(1))
                    .GET()
                    .build();
        } else {
            if (group == null) {
                err.println("salesflow: dead-letters retry needs --group (see dead-letters list for the groups)");
                return spec.exitCodeOnInvalidInput();
            }
            String query = "?group=" + encode(group) + (sequence == null ? "" : "&sequence=" + encode(sequence));
            request = HttpRequest.newBuilder(URI.create(base + "/retry" + query))
                    .timeout(Duration.ofMinutes(10))
                    // The application refuses state changes without it (app's web.StateChangeGuard).
                    .header("X-Salesflow-Client", "cli")
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            err.println("salesflow: no application is running on port " + port + " of this machine; start it with "
                    + "./run.sh (dead letters live in its event store), or pass --port if it runs elsewhere.");
            return 2;
        }
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            err.println("salesflow: "
                    + (body.hasNonNull("error") ? body.get("error").asText() : response.body()));
            return 1;
        }
        if (action == Action.list) {
            printLetters(out, body);
        } else {
            printResults(out, body);
        }
        out.flush();
        return 0;
    }

    private void printLetters(PrintWriter out, JsonNode body) {
        JsonNode letters = body.get("letters");
        if (letters.isEmpty()) {
            out.println("No dead letters" + (group == null ? "" : " in " + group)
                    + ". Groups with a dead-letter queue: " + String.join(", ", texts(body.get("groups"))));
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"GROUP", "SEQUENCE", "#", "EVENT", "EVENT ID", "RETRIES", "ENQUEUED", "LAST TRY", "CAUSE"
        });
        for (JsonNode letter : letters) {
            String retries = letter.get("retries").asText()
                    + (letter.get("parkedUntilRetriedByHand").asBoolean() ? " (by hand)" : "");
            rows.add(new String[] {
                text(letter, "group"),
                text(letter, "sequence"),
                text(letter, "index"),
                text(letter, "eventType")
                        + (letter.hasNonNull("aggregateSequence")
                                ? " #" + letter.get("aggregateSequence").asText()
                                : ""),
                text(letter, "eventId"),
                retries,
                text(letter, "enqueuedAt"),
                text(letter, "lastTouched"),
                letter.hasNonNull("cause") ? shorten(letter.get("cause").asText(), 90) : "behind #0"
            });
        }
        printTable(out, rows);
        out.println(letters.size() + " dead letter(s). Retry by hand after fixing the cause: "
                + "./run.sh dead-letters retry --group G [--sequence S]");
    }

    private static void printResults(PrintWriter out, JsonNode results) {
        if (results.isEmpty()) {
            out.println("Nothing parked, nothing retried.");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"GROUP", "SEQUENCE", "BEFORE", "AFTER", "OUTCOME"});
        for (JsonNode result : results) {
            rows.add(new String[] {
                text(result, "group"),
                text(result, "sequence"),
                text(result, "lettersBefore"),
                text(result, "lettersAfter"),
                shorten(text(result, "outcome"), 120)
            });
        }
        printTable(out, rows);
    }

    private static void printTable(PrintWriter out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : "";
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static String shorten(String text, int max) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
