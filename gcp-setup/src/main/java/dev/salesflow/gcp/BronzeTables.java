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
import dev.salesflow.bronze.bigquery.BronzeTableLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bronze tables as the Beam job writes them: names, schemas, partitioning, clustering and fixed
 * expiries are beam-bronze's own {@link BronzeTableLayout} and schema resources (the ones
 * {@code WriteToBigQuery} and the merge use), so that the tables setup creates are the ones the job
 * expects: one definition.
 */
public final class BronzeTables {

    /**
     * One table: its schema, the partitioning ({@code DAY} or {@code HOUR} of a column), the expiry it
     * always has ({@code null}: {@code --partition-expiration-days}) and the clustering columns.
     */
    public record Table(
            String dataset,
            String name,
            Schema schema,
            String partitionType,
            String partitionField,
            Integer fixedExpirationDays,
            List<String> clustering) {

        /** The definition setup creates, with the table's partition expiry. */
        public StandardTableDefinition definition(GcpLayout layout) {
            TimePartitioning.Builder partitioning = TimePartitioning.newBuilder(
                            TimePartitioning.Type.valueOf(partitionType))
                    .setField(partitionField);
            Long expirationMs = expirationMs(layout);
            if (expirationMs != null) {
                partitioning.setExpirationMs(expirationMs);
            }
            StandardTableDefinition.Builder definition =
                    StandardTableDefinition.newBuilder().setSchema(schema).setTimePartitioning(partitioning.build());
            if (!clustering.isEmpty()) {
                definition.setClustering(
                        Clustering.newBuilder().setFields(clustering).build());
            }
            return definition.build();
        }

        /** The table's fixed expiry, else the layout's ({@code null}: kept forever). */
        public Long expirationMs(GcpLayout layout) {
            if (fixedExpirationDays != null) {
                return fixedExpirationDays * 86_400_000L;
            }
            return layout.partitionExpirationMs();
        }

        public String qualifiedName() {
            return dataset + "." + name;
        }
    }

    private BronzeTables() {}

    /** The landing table (every arrival), {@code sales_events} (one row per event id) and the dead letters. */
    public static List<Table> all() {
        List<Table> tables = new ArrayList<>();
        for (BronzeTableLayout layout : BronzeTableLayout.all()) {
            tables.add(new Table(
                    BronzeTableLayout.DATASET,
                    layout.name(),
                    schema(layout.schemaResource()),
                    layout.partitionType(),
                    layout.partitionField(),
                    layout.fixedExpirationDays(),
                    layout.clustering()));
        }
        return tables;
    }

    /** Reads a BigQuery JSON schema file ({@code {"fields": [{"name", "type", "mode"}…]}}) from the class path. */
    static Schema schema(String resource) {
        try (InputStream in = BronzeTables.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The bronze schema " + resource + " is not on the class path: "
                        + "it comes with the beam-bronze module; rebuild with `mvn -B install -DskipTests`");
            }
            JsonObject root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .getAsJsonObject();
            List<Field> fields = new ArrayList<>();
            for (JsonElement element : root.getAsJsonArray("fields")) {
                JsonObject field = element.getAsJsonObject();
                StandardSQLTypeName type =
                        StandardSQLTypeName.valueOf(field.get("type").getAsString());
                fields.add(Field.newBuilder(field.get("name").getAsString(), type)
                        .setMode(Field.Mode.valueOf(
                                field.has("mode") ? field.get("mode").getAsString() : "NULLABLE"))
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
