package dev.salesflow.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbWarehouseTest {

    @TempDir
    Path dir;

    @Test
    void sessionsOfOneFileShareTheDatabase() throws Exception {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"))) {
            assertThat(DuckDbWarehouse.open(dir.resolve("./w.duckdb"))).isSameAs(warehouse);
            warehouse.execute("create schema s; create table s.t (id int primary key, v varchar)");
            try (Connection session = warehouse.connect();
                    PreparedStatement insert = session.prepareStatement("insert into s.t values (?, ?)")) {
                insert.setInt(1, 1);
                insert.setString(2, "one");
                insert.executeUpdate();
            }
            assertThat(warehouse.count("s.t")).isEqualTo(1);
            assertThat(warehouse.tableExists("s", "t")).isTrue();
            assertThat(warehouse.tableExists("s", "missing")).isFalse();
        }
    }

    @Test
    void aFailedStatementNamesTheFileAndTheStatement() {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("e.duckdb"))) {
            assertThatThrownBy(() -> warehouse.execute("select * from nowhere"))
                    .isInstanceOf(WarehouseException.class)
                    .hasMessageContaining("e.duckdb")
                    .hasMessageContaining("select * from nowhere");
        }
    }

    @Test
    void scriptsSplitOnSemicolonsAtLineEnds() {
        assertThat(SqlScripts.statements("""
                -- a comment
                create table a (x int);
                insert into a values (1);
                select ';' as s
                """))
                .containsExactly("create table a (x int)", "insert into a values (1)", "select ';' as s");
    }
}
