package dev.salesflow.domain.infra.parties;

import dev.salesflow.domain.sale.SaleParties;

/**
 * A {@link SaleParties} together with the other half of its guarantee: the lock a discontinuation
 * or closure takes before its event is appended, and the notice that a row changed. A sale's
 * read lock and a change's write lock on the same store or product exclude each other until the
 * holder's unit of work has ended, so a sale is either stored before the change, or judged on it.
 */
public interface GuardedSaleParties extends SaleParties {

    /** Held until the current unit of work ends. */
    void lockForChange(String id, String kind);

    /** Called by the projection after it wrote the row of {@code id}, inside the same transaction. */
    void rowWritten(String id, String kind);
}
