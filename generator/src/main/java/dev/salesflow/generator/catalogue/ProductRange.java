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

/** Draws products; product i depends only on the seed, i and (for replacements) its category. */
public final class ProductRange {

    private static final WeightedChoice<Category> CATEGORIES =
            WeightedChoice.of(Arrays.asList(Category.values()), Category::catalogueWeight);
    private static final BigDecimal CENT = new BigDecimal("0.01");
    /** Spread of product popularity: a few products sell far more than the median one. */
    private static final double POPULARITY_SIGMA = 0.9;

    private static final double CHEAPER_SELLS_MORE = 1.0;

    private ProductRange() {}

    static List<CatalogueProduct> draw(long seed, int count) {
        List<CatalogueProduct> products = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            products.add(product(seed, i, null));
        }
        return List.copyOf(products);
    }

    /** Product {@code index}; a successor of a discontinued product keeps its department. */
    public static CatalogueProduct product(long seed, int index, Category forcedCategory) {
        SplittableRandom random = Seeds.randomFor(seed, Stream.PRODUCT, index);
        Category drawn = CATEGORIES.pick(random);
        Category category = forcedCategory == null ? drawn : forcedCategory;
        Category.Subcategory sub = category.subcategories()
                .get(random.nextInt(category.subcategories().size()));
        Category.BrandModels brand =
                sub.brands().get(random.nextInt(sub.brands().size()));
        String model = brand.models().get(random.nextInt(brand.models().size()));

        StringBuilder name = new StringBuilder(brand.brand()).append(' ').append(model);
        // Bigger variants (more storage, larger screen) sit higher in the price band.
        double bandPosition = random.nextDouble();
        if (!sub.variants().isEmpty()) {
            int variant = random.nextInt(sub.variants().size());
            name.append(' ').append(sub.variants().get(variant));
            bandPosition = (variant + bandPosition) / sub.variants().size();
        }
        if (!sub.finishes().isEmpty()) {
            name.append(' ')
                    .append(sub.finishes().get(random.nextInt(sub.finishes().size())));
        }
        BigDecimal price = listPrice(sub.minPrice(), sub.maxPrice(), bandPosition);
        // Cheaper variants and fast-moving departments sell more units.
        double popularity = category.unitWeight()
                * Math.exp(POPULARITY_SIGMA * random.nextGaussian() - CHEAPER_SELLS_MORE * bandPosition);
        String sku = "SKU-%s-%06d".formatted(category.skuCode(), index + 1);
        return new CatalogueProduct(
                index,
                Seeds.id(seed, "product", index),
                sku,
                name.toString(),
                brand.brand(),
                category,
                sub.name(),
                price,
                popularity);
    }

    /**
     * A shop price at the given position (0..1) of the band, spread on a log scale.
     */
    static BigDecimal listPrice(BigDecimal min, BigDecimal max, double bandPosition) {
        double raw = min.doubleValue() * Math.pow(max.doubleValue() / min.doubleValue(), bandPosition);
        return charmPrice(raw, min, max);
    }

    /**
     * A EUR price with a psychological ending near {@code raw}: x.99 in whole euros below 100,
     * x9.99 below 1000, x49.99 / x99.99 above; kept inside [min, max] where the band allows.
     */
    public static BigDecimal charmPrice(double raw, BigDecimal min, BigDecimal max) {
        BigDecimal step = raw < 100 ? BigDecimal.ONE : raw < 1000 ? BigDecimal.TEN : new BigDecimal("50");
        BigDecimal rounded =
                BigDecimal.valueOf(raw).divide(step, 0, RoundingMode.CEILING).multiply(step);
        BigDecimal price = rounded.subtract(CENT);
        if (price.compareTo(min) < 0) {
            price = price.add(step);
        }
        if (price.compareTo(max) > 0) {
            price = price.subtract(step);
        }
        if (price.signum() <= 0) {
            price = step.subtract(CENT);
        }
        return price.setScale(2, RoundingMode.UNNECESSARY);
    }
}
