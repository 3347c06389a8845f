package dev.salesflow.bronze.bigquery;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.services.bigquery.Bigquery;
import com.google.api.services.bigquery.model.GetQueryResultsResponse;
import com.google.api.services.bigquery.model.QueryParameter;
import com.google.api.services.bigquery.model.QueryParameterType;
import com.google.api.services.bigquery.model.QueryParameterValue;
import com.google.api.services.bigquery.model.QueryRequest;
import com.google.api.services.bigquery.model.QueryResponse;
import com.google.api.services.bigquery.model.TableCell;
import com.google.api.services.bigquery.model.TableRow;
import com.google.auth.Credentials;
import com.google.auth.http.HttpCredentialsAdapter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.extensions.gcp.util.Transport;

/**
 * {@link BigQueryStatements} through the BigQuery v2 REST API ({@code jobs.query}, then
 * {@code jobs.getQueryResults} until the job is complete), with the job's credentials. The client
 * Beam itself uses, so the job needs no other BigQuery library. The job runs in the location of the
 * datasets it references.
 */
public final class RestBigQueryStatements implements BigQueryStatements {

    private final String project;
    private final Credentials credentials;
    private transient Bigquery client;

    public RestBigQueryStatements(String project, Credentials credentials) {
        this.project = project;
        this.credentials = credentials;
    }

    @Override
    public List<List<String>> run(String sql, List<Parameter> parameters) throws IOException, InterruptedException {
        if (client == null) {
            HttpRequestInitializer auth = credentials == null ? request -> {} : new HttpCredentialsAdapter(credentials);
            client = new Bigquery.Builder(Transport.getTransport(), Transport.getJsonFactory(), auth)
                    .setApplicationName("salesflow-bronze")
                    .build();
        }
        List<QueryParameter> sent = new ArrayList<>();
        for (Parameter parameter : parameters) {
            sent.add(parameter(parameter));
        }
        QueryResponse response = client.jobs()
                .query(
                        project,
                        new QueryRequest()
                                .setQuery(sql)
                                .setUseLegacySql(false)
                                .setQueryParameters(sent)
                                .setTimeoutMs(10_000L))
                .execute();
        List<TableRow> rows = response.getRows();
        if (!Boolean.TRUE.equals(response.getJobComplete())) {
            String jobId = response.getJobReference().getJobId();
            String location = response.getJobReference().getLocation();
            GetQueryResultsResponse results;
            do {
                results = client.jobs()
                        .getQueryResults(project, jobId)
                        .setLocation(location)
                        .setTimeoutMs(10_000L)
                        .execute();
            } while (!Boolean.TRUE.equals(results.getJobComplete()));
            rows = results.getRows();
        }
        List<List<String>> answer = new ArrayList<>();
        if (rows != null) {
            for (TableRow row : rows) {
                List<String> cells = new ArrayList<>();
                for (TableCell cell : row.getF()) {
                    Object value = cell.getV();
                    cells.add(value == null || com.google.api.client.util.Data.isNull(value) ? null : value.toString());
                }
                answer.add(cells);
            }
        }
        return answer;
    }

    private static QueryParameter parameter(Parameter parameter) {
        QueryParameter sent = new QueryParameter().setName(parameter.name());
        if (parameter.type().startsWith("ARRAY<")) {
            String element = parameter
                    .type()
                    .substring("ARRAY<".length(), parameter.type().length() - 1);
            List<QueryParameterValue> values = new ArrayList<>();
            for (String value : parameter.values()) {
                values.add(new QueryParameterValue().setValue(value));
            }
            return sent.setParameterType(new QueryParameterType()
                            .setType("ARRAY")
                            .setArrayType(new QueryParameterType().setType(element)))
                    .setParameterValue(new QueryParameterValue().setArrayValues(values));
        }
        return sent.setParameterType(new QueryParameterType().setType(parameter.type()))
                .setParameterValue(
                        new QueryParameterValue().setValue(parameter.values().get(0)));
    }
}
