package dev.salesflow.domain.fx;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.Rules;
import dev.salesflow.domain.api.fx.PublishExchangeRatesCommand;
import dev.salesflow.events.fx.ExchangeRatesPublishedEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The rate book of one base currency (its id is the currency code, e.g. "EUR"): the rates
 * published for each day. The first publication creates it.
 *
 * <p>Rules:
 * <ul>
 *   <li>A publication needs the base currency and every quoted currency to be ISO-4217 codes
 *       that are some country's money, a day, the publication time, at least one rate, every
 *       rate &gt; 0, and the base currency not among the quoted ones.</li>
 *   <li>Days may arrive in any order. A day already published again with equal rates
 *       (compareTo, so 1.10 equals 1.1) emits nothing; with other rates it is refused: published
 *       rates are facts that sales were converted with, corrections are not supported.</li>
 * </ul>
 */
public class ExchangeRates {

    private static final String AGGREGATE = "ExchangeRates";

    @AggregateIdentifier
    private String baseCurrency;

    private Map<LocalDate, Map<String, BigDecimal>> ratesByDay = new HashMap<>();

    protected ExchangeRates() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(PublishExchangeRatesCommand cmd) {
        Rules.requireCurrency(cmd.baseCurrency(), "baseCurrency", AGGREGATE);
        String where = AGGREGATE + " " + cmd.baseCurrency();
        Rules.requirePresent(cmd.day(), "day", where);
        Rules.requirePresent(cmd.publishedAt(), "publishedAt", where);
        Rules.requireNotEmpty(cmd.rates() == null ? null : cmd.rates().keySet(), "rate", where);
        for (Map.Entry<String, BigDecimal> rate : cmd.rates().entrySet()) {
            Rules.requireCurrency(rate.getKey(), where + " " + cmd.day());
            if (rate.getKey().equals(cmd.baseCurrency())) {
                throw new InvalidCommandException(where + " " + cmd.day() + ": the base currency " + cmd.baseCurrency()
                        + " has no rate against itself");
            }
            Rules.requirePresent(rate.getValue(), "rate of " + rate.getKey(), where + " " + cmd.day());
            if (rate.getValue().signum() <= 0) {
                throw new InvalidCommandException(where + " " + cmd.day() + ": rate of " + rate.getKey()
                        + " must be positive, was " + rate.getValue().toPlainString());
            }
        }
        Map<String, BigDecimal> published = ratesByDay.get(cmd.day());
        if (published != null) {
            if (sameRates(published, cmd.rates())) {
                return;
            }
            throw new InvalidCommandException(where + " " + cmd.day() + ": rates were already published as "
                    + new TreeMap<>(published) + ", now " + new TreeMap<>(cmd.rates())
                    + "; corrections are not supported");
        }
        apply(new ExchangeRatesPublishedEvent(cmd.baseCurrency(), cmd.day(), cmd.rates(), cmd.publishedAt()));
    }

    private static boolean sameRates(Map<String, BigDecimal> published, Map<String, BigDecimal> offered) {
        return published.keySet().equals(offered.keySet())
                && published.entrySet().stream()
                        .allMatch(rate -> rate.getValue().compareTo(offered.get(rate.getKey())) == 0);
    }

    @EventSourcingHandler
    void on(ExchangeRatesPublishedEvent event) {
        this.baseCurrency = event.baseCurrency();
        this.ratesByDay.put(event.day(), event.rates());
    }
}
