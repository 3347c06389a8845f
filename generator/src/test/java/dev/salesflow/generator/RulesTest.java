package dev.salesflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.domain.api.store.CloseStoreCommand;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command of long runs keeps the domain's stated rules (see {@link DomainRulesModel}). */
class RulesTest {

    @Test
    void aSixtyDayBackfillKeepsEveryRule() {
        DomainRulesModel rules = new DomainRulesModel();
        List<TimedCommand> commands =
                Runs.all(SalesSimulation.backfill(Runs.smallShop(42), new Backfill(60, 1_000, Runs.UNTIL)));
        commands.forEach(rules::check);
        assertThat(commands).hasSizeGreaterThan(100_000);
    }

    @Test
    void storeClosuresNeverLeaveAMarketWithoutAStore() {
        // Many closures: a long run of a shop with many physical stores.
        DomainRulesModel rules = new DomainRulesModel();
        List<TimedCommand> commands = Runs.all(
                SalesSimulation.backfill(new SimulationSettings(3, 60, 500, 120), new Backfill(1_000, 40, Runs.UNTIL)));
        commands.forEach(rules::check);
        assertThat(commands.stream()
                        .filter(c -> c.command() instanceof CloseStoreCommand)
                        .count())
                .isGreaterThan(20);
    }

    @Test
    void aLiveRunKeepsEveryRule() {
        DomainRulesModel rules = new DomainRulesModel();
        DeterminismTest.live(11, 20_000).forEach(rules::check);
    }
}
