package dev.salesflow.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code (README, "Architecture"): stages in pipeline order, each in the package of
 * its module, reaching only the stages it reads from; the application wires them and nothing
 * depends on it. Main code of every module on this class path (the benchmarks are not on it).
 */
class ModuleRulesTest {

    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.salesflow");
    }

    private static final String EVENTS = "contract (events)";
    private static final String DOMAIN = "domain";
    private static final String DOMAIN_INFRA = "domain infrastructure";
    private static final String GENERATOR = "generator";
    private static final String EVENT_STORE = "event store";
    private static final String GENERATION = "generator runner";
    private static final String RELAY = "relay";
    private static final String EMULATOR = "Pub/Sub emulator";
    private static final String WAREHOUSE = "warehouse";
    private static final String BRONZE = "bronze";
    private static final String PROJECTION_RUNTIME = "projection runtime";
    private static final String SILVER = "silver projections";
    private static final String SCD2 = "SCD2 histories";
    private static final String GOLD = "gold";
    private static final String APP = "application";

    private static final ArchRule stagesReachOnlyTheStagesTheyReadFrom_RULE = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer(EVENTS)
            .definedBy("dev.salesflow.events..")
            .layer(DOMAIN)
            .definedBy(
                    "dev.salesflow.domain.api..",
                    "dev.salesflow.domain.customer..",
                    "dev.salesflow.domain.fx..",
                    "dev.salesflow.domain.product..",
                    "dev.salesflow.domain.sale..",
                    "dev.salesflow.domain.store..",
                    "dev.salesflow.domain.upcasting..")
            .layer(DOMAIN_INFRA)
            .definedBy("dev.salesflow.domain.infra..")
            .layer(GENERATOR)
            .definedBy("dev.salesflow.generator..")
            .layer(EVENT_STORE)
            .definedBy("dev.salesflow.eventstore..")
            .layer(GENERATION)
            .definedBy("dev.salesflow.generation..")
            .layer(RELAY)
            .definedBy("dev.salesflow.relay..")
            .layer(EMULATOR)
            .definedBy("dev.salesflow.pubsub..")
            .layer(WAREHOUSE)
            .definedBy("dev.salesflow.warehouse..")
            .layer(BRONZE)
            .definedBy("dev.salesflow.bronze..")
            .layer(PROJECTION_RUNTIME)
            .definedBy("dev.salesflow.projection..")
            .layer(SILVER)
            .definedBy("dev.salesflow.projections..")
            .layer(SCD2)
            .definedBy("dev.salesflow.scd2..")
            .layer(GOLD)
            .definedBy("dev.salesflow.gold..")
            .layer(APP)
            .definedBy("dev.salesflow.app..")
            .whereLayer(EVENTS)
            .mayNotAccessAnyLayer()
            .whereLayer(DOMAIN)
            .mayOnlyAccessLayers(EVENTS)
            .whereLayer(DOMAIN_INFRA)
            .mayOnlyAccessLayers(DOMAIN, EVENTS, EVENT_STORE)
            .whereLayer(GENERATOR)
            .mayOnlyAccessLayers(DOMAIN, EVENTS)
            .whereLayer(EVENT_STORE)
            .mayNotAccessAnyLayer()
            .whereLayer(GENERATION)
            .mayOnlyAccessLayers(GENERATOR, DOMAIN, EVENTS, EVENT_STORE)
            .whereLayer(RELAY)
            .mayOnlyAccessLayers(EVENTS, EVENT_STORE)
            .whereLayer(EMULATOR)
            .mayNotAccessAnyLayer()
            .whereLayer(WAREHOUSE)
            .mayNotAccessAnyLayer()
            .whereLayer(BRONZE)
            .mayOnlyAccessLayers(EVENTS, WAREHOUSE)
            .whereLayer(PROJECTION_RUNTIME)
            .mayOnlyAccessLayers(EVENTS, WAREHOUSE, EVENT_STORE)
            // Silver checks its reporting currency with the domain's currency rule (Rules.requireCurrency).
            .whereLayer(SILVER)
            .mayOnlyAccessLayers(PROJECTION_RUNTIME, EVENTS, WAREHOUSE, DOMAIN)
            .whereLayer(SCD2)
            .mayOnlyAccessLayers(PROJECTION_RUNTIME, SILVER, EVENTS, WAREHOUSE)
            .whereLayer(GOLD)
            .mayOnlyAccessLayers(WAREHOUSE)
            .whereLayer(APP)
            .mayNotBeAccessedByAnyLayer();

    private static final ArchRule theContractNeedsNoFramework_RULE = noClasses()
            .that()
            .resideInAPackage("dev.salesflow.events..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.axonframework..",
                    "org.springframework..",
                    "com.fasterxml..",
                    "com.google..",
                    "org.apache.beam..")
            .because("every stage reads the contract; it must not pull a framework into any of them");

    private static final ArchRule theDomainNeedsNoSpring_RULE = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.salesflow.domain.api..",
                    "dev.salesflow.domain.customer..",
                    "dev.salesflow.domain.fx..",
                    "dev.salesflow.domain.product..",
                    "dev.salesflow.domain.sale..",
                    "dev.salesflow.domain.store..",
                    "dev.salesflow.domain.upcasting..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.springframework..")
            .because("the aggregates and rules are Axon modelling only; their Spring wiring is domain.infra");

    private static final ArchRule theRelayAsksBronzeThroughItsPort_RULE = noClasses()
            .that()
            .resideInAPackage("dev.salesflow.relay..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.salesflow.bronze..", "dev.salesflow.warehouse..")
            .because("crash recovery asks bronze 'which event ids have landed' (LandedEvents), not its tables");

    private static final ArchRule stagesHaveNoCycles_RULE =
            slices().matching("dev.salesflow.(*)..").should().beFreeOfCycles();

    private static final ArchRule applicationPackagesHaveNoCycles_RULE =
            slices().matching("dev.salesflow.app.(*)..").should().beFreeOfCycles();

    @Test
    void stagesReachOnlyTheStagesTheyReadFrom() {
        stagesReachOnlyTheStagesTheyReadFrom_RULE.check(mainClasses);
    }

    @Test
    void theContractNeedsNoFramework() {
        theContractNeedsNoFramework_RULE.check(mainClasses);
    }

    @Test
    void theDomainNeedsNoSpring() {
        theDomainNeedsNoSpring_RULE.check(mainClasses);
    }

    @Test
    void theRelayAsksBronzeThroughItsPort() {
        theRelayAsksBronzeThroughItsPort_RULE.check(mainClasses);
    }

    @Test
    void stagesHaveNoCycles() {
        stagesHaveNoCycles_RULE.check(mainClasses);
    }

    @Test
    void applicationPackagesHaveNoCycles() {
        applicationPackagesHaveNoCycles_RULE.check(mainClasses);
    }
}
