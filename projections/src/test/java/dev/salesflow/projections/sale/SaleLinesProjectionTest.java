package dev.salesflow.projections.sale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.domain.api.sale.PaymentMethod;
import dev.salesflow.domain.api.sale.SaleLine;
import dev.salesflow.domain.api.sale.SalePlacedEvent;
import dev.salesflow.domain.api.sale.SalesChannel;
import dev.salesflow.warehouse.DuckDbWarehouse;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaleLinesProjectionTest {

    @TempDir
    Path dir;

    private DuckDbWarehouse warehouse;
    private AnnotationEventHandlerAdapter projection;

    @BeforeEach
    void setUp() {
        warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"));
        projection = new AnnotationEventHandlerAdapter(new SaleLinesProjection(warehouse));
    }

    @AfterEach
    void tearDown() {
        warehouse.close();
    }

    private static EventMessage<SalePlacedEvent> sale(String saleId, SaleLine... lines) {
        return GenericEventMessage.asEventMessage(new SalePlacedEvent(saleId, "c-1", "st-1", SalesChannel.WEB,
                PaymentMethod.CARD, "EUR", Instant.parse("2026-03-01T10:15:30Z"), List.of(lines)));
    }

    private void handleAsOneBatch(List<EventMessage<?>> events) throws Exception {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        unitOfWork.executeWithResult(() -> {
            projection.handle(unitOfWork.getMessage());
            return null;
        });
        assertThat(unitOfWork.getExecutionResult().isExceptionResult()).isFalse();
    }

    @Test
    void writesOneRowPerLineWithItsAmount() throws Exception {
        handleAsOneBatch(List.of(sale("s-1",
                new SaleLine("p-1", 2, new BigDecimal("19.99")),
                new SaleLine("p-2", 1, new BigDecimal("5.00")))));

        assertThat(warehouse.query("select sale_id, line_number, product_id, quantity, amount, placed_at::varchar"
                        + " from sales_silver.sale_lines order by line_number",
                r -> r.getString(1) + "/" + r.getInt(2) + "/" + r.getString(3) + "/" + r.getInt(4) + "/"
                        + r.getBigDecimal(5) + "/" + r.getString(6)))
                .containsExactly("s-1/1/p-1/2/39.98/2026-03-01 10:15:30", "s-1/2/p-2/1/5.00/2026-03-01 10:15:30");
    }

    @Test
    void keepsTheDiscountAndStoresTheNetAmount() throws Exception {
        handleAsOneBatch(List.of(sale("s-d",
                new SaleLine("p-1", 3, new BigDecimal("10.00"), new BigDecimal("4.50")),
                new SaleLine("p-2", 1, new BigDecimal("5.00")))));

        assertThat(warehouse.query("select line_number, unit_price, discount, amount from sales_silver.sale_lines"
                        + " order by line_number",
                r -> r.getInt(1) + ": " + r.getBigDecimal(2) + " - " + r.getBigDecimal(3) + " = " + r.getBigDecimal(4)))
                .containsExactly("1: 10.00 - 4.50 = 25.50", "2: 5.00 - 0.00 = 5.00");
    }

    @Test
    void anEventHandledTwiceChangesNothing() throws Exception {
        EventMessage<SalePlacedEvent> event = sale("s-2", new SaleLine("p-1", 1, new BigDecimal("10.00")));
        handleAsOneBatch(List.of(event, sale("s-3", new SaleLine("p-1", 3, new BigDecimal("1.50")))));
        handleAsOneBatch(List.of(event));

        assertThat(warehouse.count("sales_silver.sale_lines")).isEqualTo(2);
        assertThat(warehouse.query("select sum(amount) from sales_silver.sale_lines", r -> r.getBigDecimal(1)))
                .containsExactly(new BigDecimal("14.50"));
    }

    @Test
    void aLargeBatchIsWrittenCompletelyAcrossSeveralStatements() throws Exception {
        List<EventMessage<?>> events = new java.util.ArrayList<>();
        for (int n = 0; n < 700; n++) {
            events.add(sale("bulk-" + n, new SaleLine("p-1", 1, new BigDecimal("2.00")),
                    new SaleLine("p-2", 2, new BigDecimal("0.50"))));
        }
        handleAsOneBatch(events);

        assertThat(warehouse.count("sales_silver.sale_lines")).isEqualTo(1400);
        assertThat(warehouse.query("select sum(amount) from sales_silver.sale_lines", r -> r.getBigDecimal(1)))
                .containsExactly(new BigDecimal("2100.00"));
    }
}
