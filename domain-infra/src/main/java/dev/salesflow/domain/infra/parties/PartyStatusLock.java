package dev.salesflow.domain.infra.parties;

import dev.salesflow.domain.api.product.DiscontinueProductCommand;
import dev.salesflow.domain.api.store.CloseStoreCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Takes the exclusive lock on a product or store before a discontinuation or closure is
 * handled. Without it the closing event would be appended (and take its place in the global order)
 * before the projection's UPDATE waits for the sales holding the row, and such a sale, judged on the
 * old facts, would be stored after the event that forbids it. Runs as a command handler
 * interceptor, i.e. inside the transaction the command bus attached to the unit of work.
 */
final class PartyStatusLock implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final GuardedSaleParties parties;

    PartyStatusLock(GuardedSaleParties parties) {
        this.parties = parties;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object command = unitOfWork.getMessage().getPayload();
        if (command instanceof DiscontinueProductCommand discontinue) {
            parties.lockForChange(discontinue.productId(), SalePartiesTable.PRODUCT);
        } else if (command instanceof CloseStoreCommand close) {
            parties.lockForChange(close.storeId(), SalePartiesTable.STORE);
        }
        return chain.proceed();
    }
}
