package dev.salesflow.generator.catalogue;

import java.math.BigDecimal;
import java.util.List;

/**
 * A department of the electronics shop: its brands and model lines, the variants products come
 * in, the band of list prices (EUR) and its share of the catalogue.
 */
public enum Category {

    SMARTPHONES("Smartphones", "PHN", "199", "1599", 14,
            List.of(
                    brand("Apple", "iPhone 15", "iPhone 16", "iPhone 16 Pro", "iPhone 16 Pro Max"),
                    brand("Samsung", "Galaxy S24", "Galaxy S24 Ultra", "Galaxy A55", "Galaxy Z Flip6"),
                    brand("Google", "Pixel 8a", "Pixel 9", "Pixel 9 Pro"),
                    brand("Xiaomi", "Redmi Note 13 Pro", "14T Pro"),
                    brand("Sony", "Xperia 1 VI", "Xperia 10 VI")),
            List.of("128 GB", "256 GB", "512 GB"),
            List.of("Black", "White", "Blue", "Titanium")),

    LAPTOPS("Laptops", "LAP", "499", "2999", 10,
            List.of(
                    brand("Apple", "MacBook Air 13", "MacBook Air 15", "MacBook Pro 14"),
                    brand("Lenovo", "ThinkPad X1 Carbon", "IdeaPad Slim 5", "Legion 5 Pro"),
                    brand("Dell", "XPS 13", "XPS 15", "Inspiron 14"),
                    brand("HP", "Spectre x360 14", "Pavilion 15", "EliteBook 840"),
                    brand("ASUS", "Zenbook 14 OLED", "ROG Zephyrus G14"),
                    brand("Microsoft", "Surface Laptop 7")),
            List.of("8 GB / 256 GB", "16 GB / 512 GB", "32 GB / 1 TB"),
            List.of("Silver", "Space Grey", "Black")),

    TABLETS("Tablets", "TAB", "149", "1499", 7,
            List.of(
                    brand("Apple", "iPad", "iPad Air 11", "iPad Pro 13", "iPad mini"),
                    brand("Samsung", "Galaxy Tab S9", "Galaxy Tab A9+"),
                    brand("Lenovo", "Tab P12"),
                    brand("Microsoft", "Surface Pro 11"),
                    brand("Amazon", "Fire HD 10")),
            List.of("64 GB", "128 GB", "256 GB", "256 GB Wi-Fi + Cellular"),
            List.of("Silver", "Graphite", "Blue")),

    TVS("TVs", "TVS", "299", "3999", 6,
            List.of(
                    brand("Samsung", "Neo QLED QN90D", "Crystal UHD DU7100", "The Frame"),
                    brand("LG", "OLED evo C4", "OLED evo G4", "QNED81"),
                    brand("Sony", "Bravia 7", "Bravia 9", "Bravia 8 OLED"),
                    brand("Philips", "OLED809 Ambilight", "PUS8909 Ambilight"),
                    brand("TCL", "C805 Mini LED")),
            List.of("43\"", "55\"", "65\"", "77\""),
            List.of()),

    AUDIO("Audio", "AUD", "29", "599", 12,
            List.of(
                    brand("Bose", "QuietComfort Ultra Headphones", "QuietComfort Ultra Earbuds", "SoundLink Flex"),
                    brand("Sony", "WH-1000XM5", "WF-1000XM5", "ULT Field 1"),
                    brand("Apple", "AirPods 4", "AirPods Pro 2", "AirPods Max"),
                    brand("Sennheiser", "Momentum 4 Wireless", "Accentum Plus"),
                    brand("JBL", "Flip 6", "Charge 5", "Tune 770NC"),
                    brand("Sonos", "Era 100", "Beam (Gen 2)")),
            List.of(),
            List.of("Black", "White", "Midnight Blue", "Sandstone")),

    CAMERAS("Cameras", "CAM", "249", "3499", 4,
            List.of(
                    brand("Canon", "EOS R6 Mark II", "EOS R50", "PowerShot G7 X Mark III"),
                    brand("Nikon", "Z6III", "Z fc", "Z30"),
                    brand("Sony", "Alpha 7 IV", "ZV-E10 II"),
                    brand("Fujifilm", "X-T5", "X100VI"),
                    brand("GoPro", "HERO13 Black"),
                    brand("DJI", "Osmo Pocket 3")),
            List.of("Body", "Kit", "Creator Kit"),
            List.of()),

    WEARABLES("Wearables", "WEA", "49", "899", 8,
            List.of(
                    brand("Apple", "Watch Series 10", "Watch Ultra 2", "Watch SE"),
                    brand("Samsung", "Galaxy Watch7", "Galaxy Fit3"),
                    brand("Garmin", "Forerunner 265", "fenix 8", "Venu 3"),
                    brand("Fitbit", "Charge 6", "Sense 2"),
                    brand("Google", "Pixel Watch 3")),
            List.of("41 mm", "45 mm"),
            List.of("Black", "Silver", "Rose Gold", "Slate")),

    GAMING("Gaming", "GAM", "39", "799", 8,
            List.of(
                    brand("Sony", "PlayStation 5 Slim", "PlayStation 5 Pro", "DualSense Wireless Controller"),
                    brand("Microsoft", "Xbox Series X", "Xbox Series S", "Xbox Wireless Controller"),
                    brand("Nintendo", "Switch OLED", "Switch Lite", "Switch Pro Controller"),
                    brand("Valve", "Steam Deck OLED"),
                    brand("Logitech", "G Pro X Superlight 2", "G915 TKL", "G Pro Racing Wheel")),
            List.of(),
            List.of("Black", "White")),

    ACCESSORIES("Accessories", "ACC", "9", "79", 20,
            List.of(
                    brand("Logitech", "MX Master 3S", "MX Keys S", "C920 HD Pro Webcam", "Pebble Mouse 2"),
                    brand("Anker", "PowerCore 20000", "Nano Charger 65W", "USB-C Hub 7-in-1"),
                    brand("Belkin", "BoostCharge Pro 3-in-1", "USB-C Cable 2 m", "Screen Protector"),
                    brand("Apple", "USB-C Charge Cable", "MagSafe Charger", "20W USB-C Power Adapter"),
                    brand("Samsung", "EVO Plus microSD 256 GB", "25W Travel Adapter"),
                    brand("SanDisk", "Extreme microSD 128 GB", "Ultra Flair USB 3.0 64 GB")),
            List.of(),
            List.of("Black", "White", "Grey"));

    private final String label;
    private final String skuCode;
    private final BigDecimal minPrice;
    private final BigDecimal maxPrice;
    private final double catalogueWeight;
    private final List<BrandModels> brands;
    private final List<String> variants;
    private final List<String> finishes;

    Category(String label, String skuCode, String minPrice, String maxPrice, double catalogueWeight,
            List<BrandModels> brands, List<String> variants, List<String> finishes) {
        this.label = label;
        this.skuCode = skuCode;
        this.minPrice = new BigDecimal(minPrice);
        this.maxPrice = new BigDecimal(maxPrice);
        this.catalogueWeight = catalogueWeight;
        this.brands = brands;
        this.variants = variants;
        this.finishes = finishes;
    }

    /** The name the domain and the reports use, e.g. "Smartphones". */
    public String label() {
        return label;
    }

    /** Three letters in the SKU, e.g. LAP in SKU-LAP-000123. */
    public String skuCode() {
        return skuCode;
    }

    /** Lowest list price in EUR, inclusive. */
    public BigDecimal minPrice() {
        return minPrice;
    }

    /** Highest list price in EUR, inclusive. */
    public BigDecimal maxPrice() {
        return maxPrice;
    }

    double catalogueWeight() {
        return catalogueWeight;
    }

    List<BrandModels> brands() {
        return brands;
    }

    List<String> variants() {
        return variants;
    }

    List<String> finishes() {
        return finishes;
    }

    private static BrandModels brand(String brand, String... models) {
        return new BrandModels(brand, List.of(models));
    }

    record BrandModels(String brand, List<String> models) {
    }
}
