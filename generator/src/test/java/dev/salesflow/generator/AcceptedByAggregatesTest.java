package dev.salesflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.domain.api.customer.RegisterCustomerCommand;
import dev.salesflow.domain.api.product.DiscontinueProductCommand;
import dev.salesflow.domain.api.product.ListProductCommand;
import dev.salesflow.domain.api.store.CloseStoreCommand;
import dev.salesflow.domain.api.store.OpenStoreCommand;
import dev.salesflow.domain.sale.SaleParties;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

/**
 * Feeds every generated command to the real aggregates, each after the earlier commands of its
 * aggregate, and expects success. The Sale aggregate gets an in-memory {@link SaleParties} fed
 * from the same commands. Command types an aggregate has no handler for yet (the domain grows in
 * parallel) are counted and printed, not failed; they are covered by {@link RulesTest}.
 */
class AcceptedByAggregatesTest {

    private static final Map<String, String> AGGREGATE_OF = Map.ofEntries(
            Map.entry("customer", "dev.salesflow.domain.customer.Customer"),
            Map.entry("product", "dev.salesflow.domain.product.Product"),
            Map.entry("store", "dev.salesflow.domain.store.Store"),
            Map.entry("sale", "dev.salesflow.domain.sale.Sale"),
            Map.entry("fx", "dev.salesflow.domain.fx.ExchangeRates"));

    private final Parties parties = new Parties();
    private final Map<String, AggregateTestFixture<?>> fixtures = new HashMap<>();
    private final Map<String, List<Object>> histories = new HashMap<>();
    private final Map<String, Integer> accepted = new TreeMap<>();
    private final Map<String, Integer> notHandledYet = new TreeMap<>();

    @Test
    void theAggregatesAcceptEveryGeneratedCommand() {
        List<TimedCommand> commands = Runs.all(SalesSimulation.backfill(
                new SimulationSettings(42, 120, 1_000, SimulationSettings.DEFAULT_STORES),
                new Backfill(14, 250, Runs.UNTIL)));
        for (TimedCommand timed : commands) {
            Object command = timed.command();
            parties.observe(command);
            Class<?> aggregate = aggregateFor(command);
            String type = command.getClass().getSimpleName();
            if (aggregate == null || !handles(aggregate, command.getClass())) {
                notHandledYet.merge(type, 1, Integer::sum);
                continue;
            }
            String id = aggregate.getSimpleName() + "/" + targetId(command);
            List<Object> history = histories.computeIfAbsent(id, k -> new ArrayList<>());
            try {
                fixture(aggregate, id)
                        .givenNoPriorActivity()
                        .andGivenCommands(history)
                        .when(command)
                        .expectSuccessfulHandlerExecution();
            } catch (AssertionError e) {
                throw new AssertionError("refused: " + command + " after " + history, e);
            }
            history.add(command);
            accepted.merge(type, 1, Integer::sum);
        }
        System.out.println("Accepted by the aggregates: " + accepted);
        System.out.println("No handler in the domain yet (checked by RulesTest only): " + notHandledYet);
        assertThat(accepted.keySet())
                .contains("ListProductCommand", "OpenStoreCommand", "RegisterCustomerCommand", "PlaceSaleCommand");
    }

    // One fixture per aggregate instance: a fixture remembers the identifier of its first aggregate.
    private AggregateTestFixture<?> fixture(Class<?> aggregate, String id) {
        return fixtures.computeIfAbsent(id, key -> {
            AggregateTestFixture<?> fixture = new AggregateTestFixture<>(aggregate);
            fixture.registerInjectableResource(parties);
            return fixture;
        });
    }

    private static Class<?> aggregateFor(Object command) {
        String pkg = command.getClass().getPackageName();
        String feature = pkg.substring(pkg.lastIndexOf('.') + 1);
        try {
            return Class.forName(AGGREGATE_OF.get(feature));
        } catch (ClassNotFoundException | NullPointerException e) {
            return null;
        }
    }

    private static boolean handles(Class<?> aggregate, Class<?> commandType) {
        return Stream.concat(
                        Arrays.stream(aggregate.getDeclaredConstructors()),
                        Arrays.stream(aggregate.getDeclaredMethods()))
                .filter(e -> e.isAnnotationPresent(CommandHandler.class))
                .map(Executable::getParameterTypes)
                .anyMatch(p -> p.length > 0 && p[0].equals(commandType));
    }

    private static Object targetId(Object command) {
        for (var component : command.getClass().getRecordComponents()) {
            if (component.isAnnotationPresent(TargetAggregateIdentifier.class)) {
                try {
                    return component.getAccessor().invoke(command);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        for (Field field : command.getClass().getDeclaredFields()) {
            if (field.isAnnotationPresent(TargetAggregateIdentifier.class)) {
                try {
                    field.setAccessible(true);
                    return field.get(command);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("no target id on " + command.getClass());
    }

    /** What the Sale aggregate may ask about other aggregates, as the commands so far made it. */
    static final class Parties implements SaleParties {
        private final Map<String, CustomerFacts> customers = new HashMap<>();
        private final Map<String, StoreFacts> stores = new HashMap<>();
        private final Map<String, ProductFacts> products = new HashMap<>();

        void observe(Object command) {
            if (command instanceof RegisterCustomerCommand c) {
                customers.put(c.customerId(), new CustomerFacts(c.registeredAt()));
            } else if (command instanceof OpenStoreCommand c) {
                stores.put(c.storeId(), new StoreFacts(c.currency(), c.openedAt(), null));
            } else if (command instanceof CloseStoreCommand c) {
                StoreFacts s = stores.get(c.storeId());
                stores.put(c.storeId(), new StoreFacts(s.currency(), s.openedAt(), c.closedAt()));
            } else if (command instanceof ListProductCommand c) {
                products.put(c.productId(), new ProductFacts(c.listedAt(), null));
            } else if (command instanceof DiscontinueProductCommand c) {
                Instant listed = products.get(c.productId()).listedAt();
                products.put(c.productId(), new ProductFacts(listed, c.discontinuedAt()));
            }
        }

        @Override
        public Facts lockAndRead(String customerId, String storeId, Collection<String> productIds) {
            Map<String, ProductFacts> found = new TreeMap<>();
            productIds.forEach(id -> Optional.ofNullable(products.get(id)).ifPresent(p -> found.put(id, p)));
            return new Facts(
                    Optional.ofNullable(customers.get(customerId)), Optional.ofNullable(stores.get(storeId)), found);
        }
    }
}
