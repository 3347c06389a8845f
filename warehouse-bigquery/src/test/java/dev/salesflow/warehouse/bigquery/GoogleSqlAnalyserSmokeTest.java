package dev.salesflow.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GoogleSqlAnalyserSmokeTest {

    @Test
    void analysesValidAndRejectsInvalid() {
        GoogleSqlAnalyser analyser = new GoogleSqlAnalyser(ReadModelTables.ALL);
        assertThat(analyser.analyse(BigQuerySql.createTable(ReadModelTables.SALE_LINES), analyser.options())).hasSize(1);
        assertThatThrownBy(() -> analyser.analyse("SELECT nope FROM sales_silver.sale_lines", analyser.options()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("nope");
    }
}
