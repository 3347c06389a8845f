package dev.salesflow.generator.catalogue;

import dev.salesflow.generator.chance.Seeds;
import dev.salesflow.generator.chance.Stream;
import dev.salesflow.generator.chance.WeightedChoice;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Draws the product catalogue; product i depends only on the seed and i. */
final class ProductRange {

    private static final WeightedChoice<Category> CATEGORIES =
            WeightedChoice.of(Arrays.asList(Category.values()), Category::catalogueWeight);
    private static final BigDecimal CENT = new BigDecimal("0.01");
    /** Spread of product popularity: a few products sell far more than the median one. */
    private static final double POPULARITY_SIGMA = 0.9;

    private ProductRange() {
    }

    static List<CatalogueProduct> draw(long seed, int count) {
        List<CatalogueProduct> products = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            products.add(product(seed, i));
        }
        return List.copyOf(products);
    }

    private static CatalogueProduct product(long seed, int index) {
        SplittableRandom random = Seeds.randomFor(seed, Stream.PRODUCT, index);
        Category category = CATEGORIES.pick(random);
        Category.BrandModels brand = category.brands().get(random.nextInt(category.brands().size()));
        String model = brand.models().get(random.nextInt(brand.models().size()));

        StringBuilder name = new StringBuilder(brand.brand()).append(' ').append(model);
        // Bigger variants (more storage, larger screen) sit higher in the category's price band.
        double bandPosition = random.nextDouble();
        if (!category.variants().isEmpty()) {
            int variant = random.nextInt(category.variants().size());
            name.append(' ').append(category.variants().get(variant));
            bandPosition = (variant + bandPosition) / category.variants().size();
        }
        if (!category.finishes().isEmpty()) {
            name.append(' ').append(category.finishes().get(random.nextInt(category.finishes().size())));
        }

        BigDecimal price = listPrice(category, bandPosition);
        double popularity = Math.exp(POPULARITY_SIGMA * random.nextGaussian());
        String sku = "SKU-%s-%06d".formatted(category.skuCode(), index + 1);
        return new CatalogueProduct(Seeds.id(seed, "product", index), sku, name.toString(), brand.brand(),
                category, price, popularity);
    }

    /**
     * A shop price at the given position (0..1) of the category's band, spread on a log scale
     * and ending in .99 (whole euros below 100, tens of euros above), kept inside the band.
     */
    static BigDecimal listPrice(Category category, double bandPosition) {
        double min = category.minPrice().doubleValue();
        double max = category.maxPrice().doubleValue();
        double raw = min * Math.pow(max / min, bandPosition);
        BigDecimal step = raw < 100 ? BigDecimal.ONE : BigDecimal.TEN;
        BigDecimal rounded = BigDecimal.valueOf(raw).divide(step, 0, RoundingMode.CEILING).multiply(step);
        BigDecimal price = rounded.subtract(CENT);
        if (price.compareTo(category.minPrice()) < 0) {
            price = price.add(step);
        }
        if (price.compareTo(category.maxPrice()) > 0) {
            price = price.subtract(step);
        }
        return price.setScale(2, RoundingMode.UNNECESSARY);
    }
}
