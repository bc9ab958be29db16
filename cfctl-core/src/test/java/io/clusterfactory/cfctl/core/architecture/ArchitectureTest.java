package io.clusterfactory.cfctl.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import org.junit.jupiter.api.Test;

/**
 * The package arrows of cfctl-core (docs/architecture.md, "Package arrows"): a wrong import fails
 * the build here, with the offending class and line.
 */
class ArchitectureTest {
  private static final String CORE = "io.clusterfactory.cfctl.core";

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(CORE);

  /** What reads, writes or talks to a peer: the config model sits below all of it. */
  private static final String[] ABOVE_THE_MODEL = {
    CORE + ".render..",
    CORE + ".secrets..",
    CORE + ".gitops..",
    CORE + ".kube..",
    CORE + ".apply..",
    CORE + ".diff..",
    CORE + ".provisioning..",
    CORE + ".backup..",
    CORE + ".pipeline..",
  };

  /** Grendel's client, sync and output formats; its config records and resolver are the model's. */
  private static final String[] GRENDEL_INTERNALS = {
    "io.clusterfactory.cfctl.grendel.api..",
    "io.clusterfactory.cfctl.grendel.sync..",
    "io.clusterfactory.cfctl.grendel.model..",
    "io.clusterfactory.cfctl.grendel.render..",
    "io.clusterfactory.cfctl.grendel.slurm..",
  };

  @Test
  void configModelImportsNothingAboveIt() {
    noClasses()
        .that()
        .resideInAPackage(CORE + ".config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ABOVE_THE_MODEL)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(GRENDEL_INTERNALS)
        .because("the config model is what every other part reads; it reads none of them")
        .check(MAIN);
  }

  @Test
  void onlyHydrationTouchesHelmJava() {
    noClasses()
        .that()
        .resideOutsideOfPackage(CORE + ".hydrate..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.marcnuri.helm..")
        .because(
            "helm-java loads Helm's native library on first use; commands that do not hydrate"
                + " must never pay for it (docs/helm.md)")
        .check(MAIN);
  }

  @Test
  void clusterYamlRecordsAreOnlyRecords() {
    classes()
        .that()
        .resideInAPackage(CORE + ".config.v1beta1..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            CORE + ".config.v1beta1..",
            "io.clusterfactory.cfctl.grendel.config..",
            "com.fasterxml.jackson.annotation..",
            "java..")
        .because("v1beta1 is the schema of cluster.yaml: records, their defaults and checks")
        .check(MAIN);
  }

  @Test
  void corePackagesHaveNoCycle() {
    slices()
        .matching(CORE + ".(*)..")
        .should()
        .beFreeOfCycles()
        .because("render and secrets (and every other part) build on each other one way")
        .check(MAIN);
  }

  @Test
  void renderNeverCallsValidation() {
    noClasses()
        .that()
        .resideInAPackage(CORE + ".render..")
        .should()
        .dependOnClassesThat(
            JavaClass.Predicates.simpleNameEndingWith("Check")
                .or(JavaClass.Predicates.simpleNameEndingWith("Validator")))
        .because(
            "facts render shares with validation are the model's (config.StackNetworks,"
                + " LoadedConfig), not a check's")
        .check(MAIN);
  }

  @Test
  void sealingDoesNoNetworkIo() {
    noClasses()
        .that()
        .resideInAPackage(CORE + ".secrets..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.fabric8.kubernetes.client..", "java.net..", "okhttp3..")
        .because(
            "sealing works offline on values; fetching the controller's certificate is delivery"
                + " (kube.SealingCertificates)")
        .check(MAIN);
  }

  @Test
  void diffModelNeverCallsTheApiServer() {
    noClasses()
        .that()
        .resideInAPackage(CORE + ".diff..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.fabric8.kubernetes.client..")
        .because(
            "the offline diff (Git tree and chart objects) needs no cluster; reading live objects"
                + " is kube's (LiveDiff, HydratedLiveDiff)")
        .check(MAIN);
  }

  @Test
  void picocliStaysInTheCli() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
        .because("cfctl-core is a library; the enforcer rule thin-cli keeps the dependency out")
        .check(MAIN);
  }

  @Test
  void onlyThePipelineConstructsTheGuard() {
    noClasses()
        .that()
        .resideOutsideOfPackage(CORE + ".pipeline..")
        .should()
        .callConstructor(MutationGuard.class, boolean.class)
        .because(
            "a run has one MutationGuard, made with its context (PhaseContext, which ClusterContext"
                + " extends); everything else is handed the run's guard")
        .check(MAIN);
  }
}
