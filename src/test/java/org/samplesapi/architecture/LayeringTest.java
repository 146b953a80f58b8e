package org.samplesapi.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The house rules: features on top; {@code web} (the HTTP conventions resources share) and {@code persistence}
 * (what repositories share) beneath them, neither importing the other; {@code policy} at the ground, importing
 * nothing of ours. Features use each other through services, never through another feature's repository, and
 * without cycles; services hold no SQL.
 */
class LayeringTest {

    private static final String ROOT = "org.samplesapi";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void layersReadDownward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("features").definedBy(resideInAPackage(ROOT + "..")
                        .and(not(resideInAPackage(ROOT + ".web..")))
                        .and(not(resideInAPackage(ROOT + ".persistence..")))
                        .and(not(resideInAPackage(ROOT + ".policy.."))))
                .layer("web").definedBy(ROOT + ".web..")
                .layer("persistence").definedBy(ROOT + ".persistence..")
                .layer("policy").definedBy(ROOT + ".policy..")
                .whereLayer("features").mayNotBeAccessedByAnyLayer()
                .whereLayer("web").mayOnlyBeAccessedByLayers("features")
                .whereLayer("persistence").mayOnlyBeAccessedByLayers("features")
                .whereLayer("policy").mayOnlyBeAccessedByLayers("features", "web", "persistence")
                .check(CLASSES);
    }

    @Test
    void policyImportsNothingOfOursNorAnyFrameworkOrIo() {
        classes().that().resideInAPackage(ROOT + ".policy..")
                .should().onlyDependOnClassesThat(resideInAPackage(ROOT + ".policy..")
                        .or(resideInAPackage("java.lang..")).or(resideInAPackage("java.util..")))
                .check(CLASSES);
    }

    @Test
    void featuresUseEachOtherWithoutCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void aRepositoryIsUsedOnlyByItsOwnFeature() {
        for (String feature : List.of("samples", "projects", "tags", "metadata", "users", "organizations", "classifications",
                "audit")) {
            String pkg = ROOT + "." + feature;
            noClasses().that(resideOutsideOfPackage(pkg))
                    .should().dependOnClassesThat(resideInAPackage(pkg).and(simpleNameEndingWith("Repository")))
                    .because("features use each other through services")
                    .check(CLASSES);
        }
    }

    /** SQL belongs in repositories (and the shared persistence helpers), never in a service or a resource. */
    @Test
    void servicesAndResourcesHoldNoSql() throws IOException {
        Pattern sql = Pattern.compile("\"\\s*(SELECT|INSERT INTO|UPDATE|DELETE FROM|WITH)\\s");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            List<Path> offenders = sources
                    .filter(path -> path.toString().endsWith("Service.java") || path.toString().endsWith("Resource.java"))
                    .filter(path -> {
                        try {
                            return sql.matcher(Files.readString(path)).find();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
            assertEquals(List.of(), offenders);
        }
    }

    @Test
    void theRulesSeeTheWholeApplication() {
        assertFalse(CLASSES.isEmpty());
        assertFalse(CLASSES.stream().noneMatch(c -> c.getPackageName().equals(ROOT + ".samples")));
    }
}
