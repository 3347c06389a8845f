package dev.salesflow.generator.catalogue;

import java.util.List;

/**
 * A department of the electronics shop, split into subcategories that carry the brands, model
 * lines, variants and EUR price bands. {@code catalogueWeight} is the department's share of the
 * catalogue, {@code unitWeight} how often its products sell relative to others.
 */
public enum Category {
    SMARTPHONES(
            "Smartphones",
            "PHN",
            14,
            1.0,
            List.of(
                    sub(
                            "Flagship phones",
                            "799",
                            "1599",
                            List.of("256 GB", "512 GB", "1 TB"),
                            List.of("Black", "Titanium", "Silver"),
                            brand("Apple", "iPhone 16 Pro", "iPhone 16 Pro Max"),
                            brand("Samsung", "Galaxy S24 Ultra", "Galaxy S24+"),
                            brand("Google", "Pixel 9 Pro", "Pixel 9 Pro XL"),
                            brand("Sony", "Xperia 1 VI")),
                    sub(
                            "Mid-range phones",
                            "249",
                            "799",
                            List.of("128 GB", "256 GB"),
                            List.of("Black", "White", "Blue", "Green"),
                            brand("Apple", "iPhone 15", "iPhone 16"),
                            brand("Samsung", "Galaxy A55", "Galaxy S24 FE"),
                            brand("Google", "Pixel 8a", "Pixel 9"),
                            brand("Xiaomi", "Redmi Note 13 Pro", "14T"),
                            brand("Nothing", "Phone (2a)")),
                    sub(
                            "Foldables",
                            "999",
                            "1999",
                            List.of("256 GB", "512 GB"),
                            List.of("Silver Shadow", "Navy", "Mint"),
                            brand("Samsung", "Galaxy Z Flip6", "Galaxy Z Fold6"),
                            brand("Google", "Pixel 9 Pro Fold"),
                            brand("Motorola", "razr 50 ultra")))),

    LAPTOPS(
            "Laptops",
            "LAP",
            10,
            0.55,
            List.of(
                    sub(
                            "Ultrabooks",
                            "899",
                            "2499",
                            List.of("16 GB / 512 GB", "32 GB / 1 TB"),
                            List.of("Silver", "Space Grey", "Midnight"),
                            brand("Apple", "MacBook Air 13 M3", "MacBook Air 15 M3"),
                            brand("Dell", "XPS 13", "XPS 14"),
                            brand("Lenovo", "ThinkPad X1 Carbon Gen 12", "Yoga Slim 7x"),
                            brand("HP", "Spectre x360 14"),
                            brand("ASUS", "Zenbook 14 OLED"),
                            brand("Microsoft", "Surface Laptop 7")),
                    sub(
                            "Everyday laptops",
                            "449",
                            "999",
                            List.of("8 GB / 256 GB", "16 GB / 512 GB"),
                            List.of("Silver", "Black"),
                            brand("Lenovo", "IdeaPad Slim 5", "IdeaPad Slim 3"),
                            brand("HP", "Pavilion 15", "HP 255 G10"),
                            brand("Acer", "Aspire 5", "Swift Go 14"),
                            brand("Dell", "Inspiron 14")),
                    sub(
                            "Gaming laptops",
                            "999",
                            "2999",
                            List.of("RTX 4060", "RTX 4070", "RTX 4080"),
                            List.of(),
                            brand("ASUS", "ROG Zephyrus G14", "TUF Gaming A15"),
                            brand("Lenovo", "Legion 5 Pro", "Legion Pro 7"),
                            brand("MSI", "Katana 15", "Stealth 16"),
                            brand("Razer", "Blade 16")),
                    sub(
                            "Pro laptops",
                            "1599",
                            "3999",
                            List.of("18 GB / 512 GB", "36 GB / 1 TB", "48 GB / 2 TB"),
                            List.of("Space Black", "Silver"),
                            brand("Apple", "MacBook Pro 14 M4 Pro", "MacBook Pro 16 M4 Max"),
                            brand("Dell", "Precision 5690"),
                            brand("Lenovo", "ThinkPad P1 Gen 7")))),

    TABLETS(
            "Tablets",
            "TAB",
            7,
            0.7,
            List.of(
                    sub(
                            "iPad & premium tablets",
                            "399",
                            "1699",
                            List.of("128 GB", "256 GB", "512 GB Wi-Fi + Cellular"),
                            List.of("Silver", "Space Grey", "Blue"),
                            brand("Apple", "iPad Air 11", "iPad Pro 13", "iPad mini"),
                            brand("Samsung", "Galaxy Tab S10+", "Galaxy Tab S9 FE"),
                            brand("Microsoft", "Surface Pro 11")),
                    sub(
                            "Everyday tablets",
                            "99",
                            "399",
                            List.of("32 GB", "64 GB", "128 GB"),
                            List.of("Black", "Grey"),
                            brand("Apple", "iPad 10.9"),
                            brand("Samsung", "Galaxy Tab A9+"),
                            brand("Lenovo", "Tab P12", "Tab M11"),
                            brand("Amazon", "Fire HD 10", "Fire Max 11")),
                    sub(
                            "E-readers",
                            "99",
                            "349",
                            List.of("16 GB", "32 GB"),
                            List.of("Black"),
                            brand("Amazon", "Kindle Paperwhite", "Kindle Scribe"),
                            brand("Kobo", "Libra Colour", "Clara BW")))),

    TVS(
            "TVs",
            "TVS",
            6,
            0.45,
            List.of(
                    sub(
                            "OLED TVs",
                            "999",
                            "3999",
                            List.of("48\"", "55\"", "65\"", "77\""),
                            List.of(),
                            brand("LG", "OLED evo C4", "OLED evo G4"),
                            brand("Sony", "Bravia 8 OLED", "Bravia 8 II"),
                            brand("Samsung", "S90D OLED"),
                            brand("Philips", "OLED809 Ambilight")),
                    sub(
                            "QLED & LED TVs",
                            "299",
                            "1999",
                            List.of("43\"", "50\"", "55\"", "65\"", "75\""),
                            List.of(),
                            brand("Samsung", "Neo QLED QN90D", "Crystal UHD DU7100", "The Frame"),
                            brand("LG", "QNED81"),
                            brand("TCL", "C805 Mini LED", "P755"),
                            brand("Hisense", "U8N Mini LED"),
                            brand("Philips", "PUS8909 Ambilight")),
                    sub(
                            "Projectors",
                            "399",
                            "2499",
                            List.of(),
                            List.of(),
                            brand("Epson", "EH-LS650", "EF-21"),
                            brand("XGIMI", "Horizon S Pro", "MoGo 3 Pro"),
                            brand("Samsung", "The Freestyle 2nd Gen")))),

    AUDIO(
            "Audio",
            "AUD",
            12,
            1.6,
            List.of(
                    sub(
                            "Headphones",
                            "79",
                            "549",
                            List.of(),
                            List.of("Black", "White", "Midnight Blue", "Sandstone"),
                            brand("Sony", "WH-1000XM5", "WH-CH720N"),
                            brand("Bose", "QuietComfort Ultra Headphones", "QuietComfort Headphones"),
                            brand("Apple", "AirPods Max"),
                            brand("Sennheiser", "Momentum 4 Wireless", "Accentum Plus"),
                            brand("JBL", "Tune 770NC")),
                    sub(
                            "Earbuds",
                            "39",
                            "299",
                            List.of(),
                            List.of("Black", "White", "Silver"),
                            brand("Apple", "AirPods 4", "AirPods Pro 2"),
                            brand("Sony", "WF-1000XM5"),
                            brand("Samsung", "Galaxy Buds3 Pro"),
                            brand("Bose", "QuietComfort Ultra Earbuds"),
                            brand("Jabra", "Elite 10 Gen 2")),
                    sub(
                            "Speakers",
                            "49",
                            "499",
                            List.of(),
                            List.of("Black", "Blue", "Red"),
                            brand("JBL", "Flip 6", "Charge 5", "Xtreme 4"),
                            brand("Bose", "SoundLink Flex", "SoundLink Max"),
                            brand("Sonos", "Era 100", "Roam 2", "Move 2"),
                            brand("Marshall", "Emberton III")),
                    sub(
                            "Soundbars",
                            "199",
                            "999",
                            List.of(),
                            List.of("Black", "White"),
                            brand("Sonos", "Beam (Gen 2)", "Arc Ultra"),
                            brand("Samsung", "HW-Q990D"),
                            brand("Bose", "Smart Ultra Soundbar"),
                            brand("Sony", "Bravia Theatre Bar 8")))),

    CAMERAS(
            "Cameras",
            "CAM",
            4,
            0.35,
            List.of(
                    sub(
                            "Mirrorless cameras",
                            "599",
                            "3499",
                            List.of("Body", "Kit 24-70 mm"),
                            List.of(),
                            brand("Canon", "EOS R6 Mark II", "EOS R50", "EOS R8"),
                            brand("Nikon", "Z6III", "Z fc", "Z50II"),
                            brand("Sony", "Alpha 7 IV", "ZV-E10 II"),
                            brand("Fujifilm", "X-T5", "X-S20")),
                    sub(
                            "Compact cameras",
                            "299",
                            "1799",
                            List.of(),
                            List.of("Black", "Silver"),
                            brand("Fujifilm", "X100VI"),
                            brand("Canon", "PowerShot G7 X Mark III"),
                            brand("Sony", "RX100 VII"),
                            brand("Ricoh", "GR IIIx")),
                    sub(
                            "Action cameras & drones",
                            "249",
                            "1599",
                            List.of("Standard", "Creator Combo", "Fly More Combo"),
                            List.of(),
                            brand("GoPro", "HERO13 Black"),
                            brand("DJI", "Osmo Pocket 3", "Osmo Action 5 Pro", "Mini 4 Pro", "Air 3S"),
                            brand("Insta360", "X4")))),

    WEARABLES(
            "Wearables",
            "WEA",
            8,
            1.0,
            List.of(
                    sub(
                            "Smartwatches",
                            "199",
                            "899",
                            List.of("41 mm", "45 mm", "49 mm"),
                            List.of("Black", "Silver", "Rose Gold", "Slate"),
                            brand("Apple", "Watch Series 10", "Watch Ultra 2", "Watch SE"),
                            brand("Samsung", "Galaxy Watch7", "Galaxy Watch Ultra"),
                            brand("Google", "Pixel Watch 3")),
                    sub(
                            "Sports watches",
                            "249",
                            "999",
                            List.of("43 mm", "47 mm", "51 mm"),
                            List.of("Black", "Slate"),
                            brand("Garmin", "Forerunner 265", "fenix 8", "Venu 3", "Instinct 2X"),
                            brand("Polar", "Vantage V3"),
                            brand("Suunto", "Race S")),
                    sub(
                            "Fitness trackers",
                            "39",
                            "199",
                            List.of(),
                            List.of("Black", "Pink", "Blue"),
                            brand("Fitbit", "Charge 6", "Inspire 3"),
                            brand("Samsung", "Galaxy Fit3"),
                            brand("Xiaomi", "Smart Band 9"),
                            brand("Garmin", "vivosmart 5")))),

    GAMING(
            "Gaming",
            "GAM",
            8,
            1.0,
            List.of(
                    sub(
                            "Consoles",
                            "199",
                            "799",
                            List.of("Standard", "Digital Edition"),
                            List.of(),
                            brand("Sony", "PlayStation 5 Slim", "PlayStation 5 Pro"),
                            brand("Microsoft", "Xbox Series X", "Xbox Series S"),
                            brand("Nintendo", "Switch OLED", "Switch Lite"),
                            brand("Valve", "Steam Deck OLED")),
                    sub(
                            "Controllers",
                            "39",
                            "199",
                            List.of(),
                            List.of("Black", "White", "Midnight Black"),
                            brand("Sony", "DualSense Wireless Controller", "DualSense Edge"),
                            brand("Microsoft", "Xbox Wireless Controller", "Xbox Elite Series 2"),
                            brand("Nintendo", "Switch Pro Controller")),
                    sub(
                            "PC gaming gear",
                            "49",
                            "499",
                            List.of(),
                            List.of("Black", "White"),
                            brand("Logitech", "G Pro X Superlight 2", "G915 TKL", "G Pro Racing Wheel"),
                            brand("Razer", "DeathAdder V3", "BlackShark V2 Pro"),
                            brand("SteelSeries", "Arctis Nova 7", "Apex Pro TKL")))),

    ACCESSORIES(
            "Accessories",
            "ACC",
            20,
            3.2,
            List.of(
                    sub(
                            "Chargers & power",
                            "15",
                            "129",
                            List.of(),
                            List.of("Black", "White"),
                            brand("Anker", "PowerCore 20000", "Nano Charger 65W", "Prime 100W"),
                            brand("Belkin", "BoostCharge Pro 3-in-1"),
                            brand("Apple", "MagSafe Charger", "20W USB-C Power Adapter"),
                            brand("Samsung", "25W Travel Adapter")),
                    sub(
                            "Cables & hubs",
                            "9",
                            "99",
                            List.of("1 m", "2 m"),
                            List.of(),
                            brand("Anker", "USB-C Hub 7-in-1", "USB-C to USB-C Cable"),
                            brand("Belkin", "USB-C Cable", "Thunderbolt 4 Dock"),
                            brand("Apple", "USB-C Charge Cable")),
                    sub(
                            "Storage & memory",
                            "12",
                            "199",
                            List.of("128 GB", "256 GB", "1 TB"),
                            List.of(),
                            brand("SanDisk", "Extreme microSD", "Extreme Portable SSD"),
                            brand("Samsung", "EVO Plus microSD", "T7 Shield SSD"),
                            brand("Kingston", "DataTraveler Exodia")),
                    sub(
                            "Cases & protection",
                            "12",
                            "69",
                            List.of(),
                            List.of("Black", "Clear", "Blue"),
                            brand("Apple", "iPhone 16 Silicone Case"),
                            brand("Spigen", "Ultra Hybrid Case", "Glas.tR Screen Protector"),
                            brand("OtterBox", "Defender Series"),
                            brand("Belkin", "ScreenForce Pro")),
                    sub(
                            "Keyboards & mice",
                            "19",
                            "149",
                            List.of(),
                            List.of("Graphite", "Pale Grey"),
                            brand("Logitech", "MX Master 3S", "MX Keys S", "Pebble Mouse 2", "C920 HD Pro Webcam"),
                            brand("Apple", "Magic Keyboard", "Magic Mouse"),
                            brand("Microsoft", "Bluetooth Ergonomic Mouse"))));

    private final String label;
    private final String skuCode;
    private final double catalogueWeight;
    private final double unitWeight;
    private final List<Subcategory> subcategories;

    Category(String label, String skuCode, double catalogueWeight, double unitWeight, List<Subcategory> subcategories) {
        this.label = label;
        this.skuCode = skuCode;
        this.catalogueWeight = catalogueWeight;
        this.unitWeight = unitWeight;
        this.subcategories = subcategories;
    }

    /** The name the domain and the reports use, e.g. "Smartphones". */
    public String label() {
        return label;
    }

    /** Three letters in the SKU, e.g. LAP in SKU-LAP-000123. */
    public String skuCode() {
        return skuCode;
    }

    public List<Subcategory> subcategories() {
        return subcategories;
    }

    double catalogueWeight() {
        return catalogueWeight;
    }

    /** How much more often a product of this department sells than an average one (cables outsell cameras). */
    double unitWeight() {
        return unitWeight;
    }

    private static Subcategory sub(
            String name, String min, String max, List<String> variants, List<String> finishes, BrandModels... brands) {
        return new Subcategory(
                name,
                new java.math.BigDecimal(min),
                new java.math.BigDecimal(max),
                variants,
                finishes,
                List.of(brands));
    }

    private static BrandModels brand(String brand, String... models) {
        return new BrandModels(brand, List.of(models));
    }

    /**
     * A shelf of the department, e.g. "Earbuds" in Audio.
     *
     * @param minPrice lowest EUR list price, inclusive
     * @param maxPrice highest EUR list price, inclusive
     * @param variants storage, size or bundle options, cheapest first (they climb the price band)
     * @param finishes colours, appended to the name
     */
    public record Subcategory(
            String name,
            java.math.BigDecimal minPrice,
            java.math.BigDecimal maxPrice,
            List<String> variants,
            List<String> finishes,
            List<BrandModels> brands) {}

    public record BrandModels(String brand, List<String> models) {}
}
