package dev.salesflow.generator.chance;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/** Picks items with probability proportional to their weight; immutable, so shareable. */
public final class WeightedChoice<T> {

    private final List<T> items;
    private final double[] cumulative;

    private WeightedChoice(List<T> items, double[] cumulative) {
        this.items = items;
        this.cumulative = cumulative;
    }

    public static <T> WeightedChoice<T> of(List<T> items, ToDoubleFunction<? super T> weight) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("nothing to choose from");
        }
        double[] cumulative = new double[items.size()];
        double total = 0;
        for (int i = 0; i < items.size(); i++) {
            double w = weight.applyAsDouble(items.get(i));
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weight of " + items.get(i) + " must be finite and >= 0, was " + w);
            }
            total += w;
            cumulative[i] = total;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("all weights are zero");
        }
        return new WeightedChoice<>(List.copyOf(items), cumulative);
    }

    /** Items paired with weights in the same order, e.g. {@code of(List.of(1, 2), 0.7, 0.3)}. */
    public static <T> WeightedChoice<T> of(List<T> items, double... weights) {
        if (items.size() != weights.length) {
            throw new IllegalArgumentException(items.size() + " items but " + weights.length + " weights");
        }
        List<Integer> positions = IntStream.range(0, items.size()).boxed().toList();
        WeightedChoice<Integer> byPosition = of(positions, i -> weights[i]);
        return new WeightedChoice<>(List.copyOf(items), byPosition.cumulative);
    }

    public T pick(RandomGenerator random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int at = Arrays.binarySearch(cumulative, target);
        int index = at >= 0 ? at + 1 : -at - 1;
        // Skip zero-weight items that share the boundary value, and guard the upper end.
        while (index < cumulative.length - 1 && cumulative[index] <= target) {
            index++;
        }
        return items.get(Math.min(index, items.size() - 1));
    }

    public List<T> items() {
        return items;
    }

    public int size() {
        return items.size();
    }
}
