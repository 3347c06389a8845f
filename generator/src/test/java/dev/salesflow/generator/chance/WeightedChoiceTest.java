package dev.salesflow.generator.chance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WeightedChoiceTest {

    @Test
    void picksInProportionToWeightAndNeverAZeroWeight() {
        WeightedChoice<String> choice = WeightedChoice.of(List.of("a", "never", "b", "c"), 6, 0, 3, 1);
        SplittableRandom random = new SplittableRandom(1);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            counts.merge(choice.pick(random), 1, Integer::sum);
        }

        assertThat(counts).doesNotContainKey("never");
        assertThat(counts.get("a")).isBetween(59_000, 61_000);
        assertThat(counts.get("b")).isBetween(29_000, 31_000);
        assertThat(counts.get("c")).isBetween(9_500, 10_500);
    }

    @Test
    void samePicksFromSameSeed() {
        WeightedChoice<Integer> choice = WeightedChoice.of(List.of(1, 2, 3), 1, 2, 3);
        SplittableRandom first = new SplittableRandom(5);
        SplittableRandom second = new SplittableRandom(5);
        for (int i = 0; i < 1_000; i++) {
            assertThat(choice.pick(first)).isEqualTo(choice.pick(second));
        }
    }

    @Test
    void refusesNegativeOrAllZeroWeights() {
        assertThatThrownBy(() -> WeightedChoice.of(List.of("a"), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeightedChoice.of(List.of("a", "b"), 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeightedChoice.of(List.of(), s -> 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void derivedSeedsDifferByStreamAndIndex() {
        assertThat(Seeds.derive(1, Stream.SALE, 0))
                .isNotEqualTo(Seeds.derive(1, Stream.SALE, 1))
                .isNotEqualTo(Seeds.derive(1, Stream.CUSTOMER, 0))
                .isNotEqualTo(Seeds.derive(2, Stream.SALE, 0))
                .isEqualTo(Seeds.derive(1, Stream.SALE, 0));
        assertThat(Seeds.id(1, "sale", 0))
                .isEqualTo(UUID.nameUUIDFromBytes("1:sale:0".getBytes(UTF_8)).toString());
    }
}
