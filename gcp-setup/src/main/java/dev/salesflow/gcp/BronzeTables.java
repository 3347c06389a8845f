package dev.salesflow.gcp;

import com.google.cloud.bigquery.Clustering;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.LegacySQLTypeName;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.bigquery.StandardTableDefinition;
import com.google.cloud.bigquery.TimePartitioning;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bronze tables as the Beam job writes them: the schemas are beam-bronze's own resources (the
 * ones {@code WriteToBigQuery} loads), partitioned by day of the business time and clustered as the
 * job declares, so that the tables setup creates are the ones the job expects.
 */
public final class BronzeTables {

    static final String EVENTS_SCHEMA = "bronze/bigquery/sales_events.schema.json";
    static final String ERROR_RECORDS_SCHEMA = "bronze/bigquery/sales_events_error_records.schema.json";

    /**
     * One table: its schema, the DAY-partitioning column and the clustering columns.
     */
    public record Table(String dataset, String name, Schema schema, String partitionField, List<String> clustering) {

        /** The definition setup creates, with the layout's partition expiry. */
        public StandardTableDefinition definition(GcpLayout layout) {
            TimePartitioning.Builder partitioning = TimePartitioning.newBuilder(TimePartitioning.Type.DAY)
                    .setField(partitionField);
            if (layout.partitionExpirationMs() != null) {
                partitioning.setExpirationMs(layout.partitionExpirationMs());
            }
            StandardTableDefinition.Builder definition = StandardTableDefinition.newBuilder().setSchema(schema)
                    .setTimePartitioning(partitioning.build());
            if (!clustering.isEmpty()) {
                definition.setClustering(Clustering.newBuilder().setFields(clustering).build());
            }
            return definition.build();
        }

        public String qualifiedName() {
            return dataset + "." + name;
        }
    }

    private BronzeTables() {
    }

    public static List<Table> all() {
        return List.of(
                new Table(GcpLayout.BRONZE_DATASET, GcpLayout.EVENTS_TABLE, schema(EVENTS_SCHEMA), "occurred_at",
                        List.of("event_type", "aggregate_id")),
                new Table(GcpLayout.BRONZE_DATASET, GcpLayout.ERROR_RECORDS_TABLE, schema(ERROR_RECORDS_SCHEMA),
                        "failed_at", List.of()));
    }

    /** Reads a BigQuery JSON schema file ({@code {"fields": [{"name", "type", "mode"}…]}}) from the class path. */
    static Schema schema(String resource) {
        try (InputStream in = BronzeTables.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The bronze schema " + resource + " is not on the class path: "
                        + "it comes with the beam-bronze module; rebuild with `mvn -B install -DskipTests`");
            }
            JsonObject root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
            List<Field> fields = new ArrayList<>();
            for (JsonElement element : root.getAsJsonArray("fields")) {
                JsonObject field = element.getAsJsonObject();
                StandardSQLTypeName type = StandardSQLTypeName.valueOf(field.get("type").getAsString());
                fields.add(Field.newBuilder(field.get("name").getAsString(), type)
                        .setMode(Field.Mode.valueOf(field.has("mode") ? field.get("mode").getAsString() : "NULLABLE"))
                        .build());
            }
            return Schema.of(fields);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** "name TYPE MODE" per field, in standard SQL type names (the tables API answers INTEGER for INT64). */
    static List<String> describe(Schema schema) {
        List<String> columns = new ArrayList<>();
        if (schema != null) {
            for (Field field : schema.getFields()) {
                LegacySQLTypeName type = field.getType();
                columns.add(field.getName() + " " + type.getStandardType() + " "
                        + (field.getMode() == null ? Field.Mode.NULLABLE : field.getMode()));
            }
        }
        return columns;
    }
}
