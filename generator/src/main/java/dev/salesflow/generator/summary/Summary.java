package dev.salesflow.generator.summary;

import dev.salesflow.domain.api.customer.ChangeCustomerEmailCommand;
import dev.salesflow.domain.api.customer.ChangeLoyaltyTierCommand;
import dev.salesflow.domain.api.customer.MoveCustomerCommand;
import dev.salesflow.domain.api.customer.RegisterCustomerCommand;
import dev.salesflow.domain.api.fx.PublishExchangeRatesCommand;
import dev.salesflow.domain.api.product.DiscontinueProductCommand;
import dev.salesflow.domain.api.product.ListProductCommand;
import dev.salesflow.domain.api.product.RecategoriseProductCommand;
import dev.salesflow.domain.api.product.RepriceProductCommand;
import dev.salesflow.domain.api.sale.CancelSaleCommand;
import dev.salesflow.domain.api.sale.FulfilSaleCommand;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.domain.api.sale.RefundLine;
import dev.salesflow.domain.api.sale.RefundSaleCommand;
import dev.salesflow.domain.api.store.CloseStoreCommand;
import dev.salesflow.domain.api.store.OpenStoreCommand;
import dev.salesflow.events.Currencies;
import dev.salesflow.events.customer.LoyaltyTier;
import dev.salesflow.events.sale.PaymentMethod;
import dev.salesflow.events.sale.SaleLine;
import dev.salesflow.events.sale.SalesChannel;
import dev.salesflow.events.store.StoreKind;
import dev.salesflow.generator.TimedCommand;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Realism figures of a command stream, computed from the commands alone (as a consumer would see
 * them): sales and EUR revenue by market, channel mixes per store kind, payment mixes per market,
 * how concentrated spend is, cancellation and refund rates, seasonality, catalogue and profile
 * changes. Amounts are converted to EUR at the rates published for the sale's day.
 */
public final class Summary {

    private final Map<String, StoreInfo> stores = new TreeMap<>();
    private final Map<String, String> customerCountry = new TreeMap<>();
    private final Map<String, SaleInfo> sales = new TreeMap<>();
    private final TreeMap<LocalDate, Map<String, BigDecimal>> rates = new TreeMap<>();
    private final Map<String, Integer> commandCounts = new TreeMap<>();
    private final Map<String, Tally> byStoreCountry = new TreeMap<>();
    private final Map<StoreKind, Map<SalesChannel, Long>> channels = new EnumMap<>(StoreKind.class);
    private final Map<String, Map<PaymentMethod, Long>> payments = new TreeMap<>();
    private final Map<String, Double> spendByCustomer = new TreeMap<>();
    private final Map<String, LoyaltyTier> tiers = new TreeMap<>();
    private final long[] byHour = new long[24];
    private final long[] byDay = new long[7];
    private final java.util.TreeSet<LocalDate> days = new java.util.TreeSet<>();
    private long saleCount;
    private long lineCount;
    private long discountedLines;
    private double revenueEur;
    private double discountEur;
    private long cancelled;
    private long fulfilled;
    private long refunds;
    private long partialRefunds;
    private double refundedEur;
    private LocalDate firstDay;
    private LocalDate lastDay;

    public void accept(TimedCommand timed) {
        Object command = timed.command();
        commandCounts.merge(command.getClass().getSimpleName(), 1, Integer::sum);
        if (command instanceof OpenStoreCommand c) {
            stores.put(c.storeId(), new StoreInfo(c.country(), c.kind()));
        } else if (command instanceof RegisterCustomerCommand c) {
            customerCountry.put(c.customerId(), c.country());
            tiers.put(c.customerId(), c.loyaltyTier());
        } else if (command instanceof MoveCustomerCommand c) {
            customerCountry.put(c.customerId(), c.country());
        } else if (command instanceof ChangeLoyaltyTierCommand c) {
            tiers.put(c.customerId(), c.loyaltyTier());
        } else if (command instanceof PublishExchangeRatesCommand c) {
            rates.put(c.day(), c.rates());
        } else if (command instanceof PlaceSaleCommand c) {
            sale(c);
        } else if (command instanceof FulfilSaleCommand) {
            fulfilled++;
        } else if (command instanceof CancelSaleCommand c) {
            cancelled++;
            SaleInfo sale = sales.get(c.saleId());
            if (sale != null) {
                spendByCustomer.merge(sale.customerId(), -sale.eur(), Double::sum);
            }
        } else if (command instanceof RefundSaleCommand c) {
            refund(c);
        }
    }

    private void sale(PlaceSaleCommand c) {
        LocalDate day = LocalDate.ofInstant(c.placedAt(), ZoneOffset.UTC);
        firstDay = firstDay == null ? day : firstDay;
        lastDay = day;
        double rate = rate(c.currency(), day);
        double gross = 0;
        double discount = 0;
        Map<String, double[]> perUnit = new TreeMap<>();
        for (SaleLine line : c.lines()) {
            double lineGross = line.grossAmount().doubleValue();
            gross += lineGross;
            discount += line.discount().doubleValue();
            perUnit.put(line.productId(), new double[] {line.netAmount().doubleValue() / rate / line.quantity()});
            lineCount++;
            if (line.discount().signum() > 0) {
                discountedLines++;
            }
        }
        double eur = (gross - discount) / rate;
        saleCount++;
        revenueEur += eur;
        discountEur += discount / rate;
        StoreInfo store = stores.get(c.storeId());
        String storeCountry = store == null ? "??" : store.country();
        byStoreCountry.computeIfAbsent(storeCountry, k -> new Tally()).add(eur);
        if (store != null) {
            channels.computeIfAbsent(store.kind(), k -> new EnumMap<>(SalesChannel.class))
                    .merge(c.channel(), 1L, Long::sum);
        }
        String home = customerCountry.getOrDefault(c.customerId(), "??");
        payments.computeIfAbsent(home, k -> new EnumMap<>(PaymentMethod.class)).merge(c.paymentMethod(), 1L, Long::sum);
        spendByCustomer.merge(c.customerId(), eur, Double::sum);
        ZonedDateTime at = c.placedAt().atZone(ZoneOffset.UTC);
        byHour[at.getHour()]++;
        byDay[at.getDayOfWeek().getValue() - 1]++;
        days.add(day);
        sales.put(c.saleId(), new SaleInfo(c.customerId(), eur, perUnit));
    }

    private void refund(RefundSaleCommand c) {
        refunds++;
        SaleInfo sale = sales.get(c.saleId());
        if (sale == null) {
            return;
        }
        double eur = 0;
        for (RefundLine line : c.lines()) {
            double[] unit = sale.eurPerUnit().get(line.productId());
            eur += unit == null ? 0 : unit[0] * line.quantity();
        }
        if (eur < sale.eur() - 0.005) {
            partialRefunds++;
        }
        refundedEur += eur;
        spendByCustomer.merge(sale.customerId(), -eur, Double::sum);
    }

    private double rate(String currency, LocalDate day) {
        if (Currencies.BASE.equals(currency)) {
            return 1;
        }
        Map.Entry<LocalDate, Map<String, BigDecimal>> entry = rates.floorEntry(day);
        BigDecimal rate = entry == null ? null : entry.getValue().get(currency);
        if (rate == null) {
            throw new IllegalStateException("no exchange rate for " + currency + " on " + day);
        }
        return rate.doubleValue();
    }

    // ---- figures

    public long sales() {
        return saleCount;
    }

    public double revenueEur() {
        return revenueEur;
    }

    public int count(Class<?> commandType) {
        return commandCounts.getOrDefault(commandType.getSimpleName(), 0);
    }

    /** Share of sales made in stores of the market. */
    public double salesShareOfStoreCountry(String country) {
        Tally tally = byStoreCountry.get(country);
        return tally == null ? 0 : (double) tally.sales / saleCount;
    }

    /** Share of the store kind's sales placed through the channel. */
    public double channelShare(StoreKind kind, SalesChannel channel) {
        Map<SalesChannel, Long> mix = channels.getOrDefault(kind, Map.of());
        long total = mix.values().stream().mapToLong(Long::longValue).sum();
        return total == 0 ? 0 : (double) mix.getOrDefault(channel, 0L) / total;
    }

    /** Share of the sales of customers living in the market paid with the method. */
    public double paymentShare(String country, PaymentMethod method) {
        Map<PaymentMethod, Long> mix = payments.getOrDefault(country, Map.of());
        long total = mix.values().stream().mapToLong(Long::longValue).sum();
        return total == 0 ? 0 : (double) mix.getOrDefault(method, 0L) / total;
    }

    /** Share of net spend (after cancellations and refunds) of the top {@code fraction} of buying customers. */
    public double topSpendShare(double fraction) {
        List<Double> spend = sortedSpend();
        int top = Math.max(1, (int) Math.round(spend.size() * fraction));
        double total = spend.stream().mapToDouble(Double::doubleValue).sum();
        double topSum = spend.subList(spend.size() - top, spend.size()).stream()
                .mapToDouble(Double::doubleValue)
                .sum();
        return topSum / total;
    }

    public double cancellationRate() {
        return saleCount == 0 ? 0 : (double) cancelled / saleCount;
    }

    /** Refunds per fulfilled sale. */
    public double refundRate() {
        return fulfilled == 0 ? 0 : (double) refunds / fulfilled;
    }

    public double partialRefundShare() {
        return refunds == 0 ? 0 : (double) partialRefunds / refunds;
    }

    public long salesAtUtcHour(int hour) {
        return byHour[hour];
    }

    /** Average sales on that day of the week (per date seen, so partial weeks do not bias). */
    public double salesPerDayOn(DayOfWeek day) {
        long dates = days.stream().filter(d -> d.getDayOfWeek() == day).count();
        return dates == 0 ? 0 : (double) byDay[day.getValue() - 1] / dates;
    }

    private List<Double> sortedSpend() {
        List<Double> spend = new ArrayList<>(spendByCustomer.values());
        spend.removeIf(v -> v <= 0.005);
        spend.sort(Double::compare);
        return spend;
    }

    /** A plain-text report, stable for equal input. */
    public String report() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Sales %,d from %s to %s; revenue EUR %,.2f net of EUR %,.2f discounts"
                        + " (%.1f%% of %,d lines discounted); %.2f lines per sale; average sale EUR %,.2f%n",
                saleCount,
                firstDay,
                lastDay,
                revenueEur,
                discountEur,
                pct(discountedLines, lineCount),
                lineCount,
                (double) lineCount / Math.max(1, saleCount),
                revenueEur / Math.max(1, saleCount)));
        out.append("\nCommands\n");
        commandCounts.forEach((type, n) -> out.append(String.format(Locale.ROOT, "  %-30s %,10d%n", type, n)));

        out.append("\nBy store country            sales   share   revenue EUR   avg sale\n");
        byStoreCountry.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().sales, a.getValue().sales))
                .forEach(e -> out.append(String.format(
                        Locale.ROOT,
                        "  %-20s %,10d  %5.1f%%  %,12.2f  %,9.2f%n",
                        e.getKey(),
                        e.getValue().sales,
                        pct(e.getValue().sales, saleCount),
                        e.getValue().eur,
                        e.getValue().eur / e.getValue().sales)));

        out.append("\nChannel mix per store kind (% of the kind's sales)\n");
        out.append(String.format(Locale.ROOT, "  %-12s", "kind"));
        for (SalesChannel channel : SalesChannel.values()) {
            out.append(String.format(Locale.ROOT, " %11s", channel));
        }
        out.append('\n');
        for (StoreKind kind : StoreKind.values()) {
            out.append(String.format(Locale.ROOT, "  %-12s", kind));
            for (SalesChannel channel : SalesChannel.values()) {
                out.append(String.format(Locale.ROOT, " %10.1f%%", 100 * channelShare(kind, channel)));
            }
            out.append('\n');
        }

        out.append("\nPayment mix per customer country (% of the country's sales)\n");
        out.append(String.format(Locale.ROOT, "  %-7s", "country"));
        for (PaymentMethod method : PaymentMethod.values()) {
            out.append(String.format(Locale.ROOT, " %9s", abbreviate(method)));
        }
        out.append('\n');
        payments.forEach((country, mix) -> {
            out.append(String.format(Locale.ROOT, "  %-7s", country));
            for (PaymentMethod method : PaymentMethod.values()) {
                out.append(String.format(Locale.ROOT, " %8.1f%%", 100 * paymentShare(country, method)));
            }
            out.append('\n');
        });

        List<Double> spend = sortedSpend();
        out.append(String.format(
                Locale.ROOT,
                "%nSpend per customer (EUR, net): %,d buying customers of %,d%n",
                spend.size(),
                customerCountry.size()));
        out.append("  deciles (10%..90%, max):");
        for (int d = 1; d <= 9; d++) {
            out.append(String.format(Locale.ROOT, " %,.0f", spend.isEmpty() ? 0 : spend.get(spend.size() * d / 10)));
        }
        out.append(String.format(Locale.ROOT, " | %,.0f%n", spend.isEmpty() ? 0 : spend.get(spend.size() - 1)));
        out.append(String.format(
                Locale.ROOT,
                "  top 1%% hold %.1f%%, top 10%% hold %.1f%%, bottom 50%% hold %.1f%% of spend%n",
                100 * topSpendShare(0.01),
                100 * topSpendShare(0.10),
                100 * (1 - topSpendShare(0.50))));
        Map<LoyaltyTier, Long> tierCounts = new EnumMap<>(LoyaltyTier.class);
        tiers.values().forEach(t -> tierCounts.merge(t, 1L, Long::sum));
        out.append("  loyalty tiers now: ").append(tierCounts).append('\n');

        out.append(String.format(
                Locale.ROOT,
                "%nCancelled %,d (%.2f%% of sales); fulfilled %,d; refunds %,d (%.2f%% of"
                        + " fulfilled), %.0f%% partial, EUR %,.2f refunded (%.2f%% of revenue)%n",
                cancelled,
                100 * cancellationRate(),
                fulfilled,
                refunds,
                100 * refundRate(),
                100 * partialRefundShare(),
                refundedEur,
                100 * refundedEur / Math.max(1e-9, revenueEur)));

        out.append("\nSales by UTC hour\n ");
        for (int h = 0; h < 24; h++) {
            out.append(String.format(Locale.ROOT, " %02d:%,d", h, byHour[h]));
        }
        out.append("\nAverage sales per day of week\n ");
        for (DayOfWeek day : DayOfWeek.values()) {
            out.append(String.format(Locale.ROOT, " %s:%,.0f", day.toString().substring(0, 3), salesPerDayOn(day)));
        }
        out.append('\n');

        out.append(String.format(
                Locale.ROOT,
                "%nCatalogue changes: %d price changes, %d recategorisations, %d"
                        + " discontinuations, %d products listed (incl. successors), %d store closures%n",
                count(RepriceProductCommand.class),
                count(RecategoriseProductCommand.class),
                count(DiscontinueProductCommand.class),
                count(ListProductCommand.class),
                count(CloseStoreCommand.class)));
        out.append(String.format(
                Locale.ROOT,
                "Profile changes: %d moves, %d e-mail changes, %d loyalty tier changes%n",
                count(MoveCustomerCommand.class),
                count(ChangeCustomerEmailCommand.class),
                count(ChangeLoyaltyTierCommand.class)));
        if (!rates.isEmpty()) {
            SortedMap<String, BigDecimal> first =
                    new TreeMap<>(rates.firstEntry().getValue());
            SortedMap<String, BigDecimal> last = new TreeMap<>(rates.lastEntry().getValue());
            out.append(String.format(Locale.ROOT, "FX per EUR, %s -> %s:", rates.firstKey(), rates.lastKey()));
            first.forEach((currency, rate) -> out.append(' ')
                    .append(currency)
                    .append(' ')
                    .append(rate.toPlainString())
                    .append("->")
                    .append(last.get(currency).toPlainString()));
            out.append('\n');
        }
        return out.toString();
    }

    private static String abbreviate(PaymentMethod method) {
        return switch (method) {
            case BUY_NOW_PAY_LATER -> "BNPL";
            case BANK_TRANSFER -> "TRANSFER";
            case GOOGLE_PAY -> "GPAY";
            case APPLE_PAY -> "APPLEPAY";
            default -> method.name();
        };
    }

    private static double pct(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    private record StoreInfo(String country, StoreKind kind) {}

    private record SaleInfo(String customerId, double eur, Map<String, double[]> eurPerUnit) {}

    private static final class Tally {
        long sales;
        double eur;

        void add(double amount) {
            sales++;
            eur += amount;
        }
    }
}
