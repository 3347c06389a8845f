package dev.salesflow.bronze.bigquery;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * Runs GoogleSQL on BigQuery for the merge: a seam so that tests can see every statement the job sends
 * (and answer it) without a cloud account. Production: {@link RestBigQueryStatements}.
 */
public interface BigQueryStatements extends Serializable {

    /** A named query parameter: {@code type} is a GoogleSQL type (TIMESTAMP, ARRAY&lt;DATE&gt;); values as text. */
    record Parameter(String name, String type, List<String> values) {

        public static Parameter timestamp(String name, java.time.Instant value) {
            return new Parameter(name, "TIMESTAMP", List.of(value.toString()));
        }

        public static Parameter dates(String name, List<String> isoDates) {
            return new Parameter(name, "ARRAY<DATE>", List.copyOf(isoDates));
        }
    }

    /**
     * Runs a statement or script and waits for it.
     *
     * @return the rows of its (last) result, each cell as text ({@code null} for NULL); empty for DML and DDL
     */
    List<List<String>> run(String sql, List<Parameter> parameters) throws IOException, InterruptedException;
}
