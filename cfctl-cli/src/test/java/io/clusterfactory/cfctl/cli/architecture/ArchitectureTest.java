package io.clusterfactory.cfctl.cli.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.clusterfactory.cfctl.core.pipeline.MutationGuard;
import org.junit.jupiter.api.Test;

/** The CLI parses, prints and calls the libraries; it opens no connection of its own. */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.clusterfactory.cfctl.cli");

  @Test
  void hostsAreReachedThroughCfctlK0s() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.clusterfactory.cfctl.k0s.ssh..", "net.schmizz..", "com.hierynomus..")
        .because("SSH sessions, sudo and host keys are cfctl-k0s's; a command calls its actions")
        .check(MAIN);
  }

  @Test
  void theGitRemoteIsReachedThroughCfctlCore() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.eclipse.jgit..")
        .because("publishing to Git is core.gitops's, with its auth and retry rules")
        .check(MAIN);
  }

  @Test
  void picocliIsUsedInTheCliOnly() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.clusterfactory.cfctl.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
        .because("cfctl-core, cfctl-k0s and cfctl-grendel stay usable without a command line")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ArchitectureTest::notInATestJar)
                .importPackages("io.clusterfactory.cfctl"));
  }

  @Test
  void onlyTheRunsContextConstructsTheGuard() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.clusterfactory.cfctl.core.pipeline..")
        .should()
        .callConstructor(MutationGuard.class, boolean.class)
        .because(
            "a command has one context and one MutationGuard (dry run and diff are that guard"
                + " read-only); commands and phases of every module are handed it")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ArchitectureTest::notInATestJar)
                .importPackages("io.clusterfactory.cfctl"));
  }

  /**
   * Under {@code mvn verify} the other modules' test classes come as {@code *-tests.jar} files,
   * which DO_NOT_INCLUDE_TESTS (it knows test folders) lets through.
   */
  static boolean notInATestJar(com.tngtech.archunit.core.importer.Location location) {
    return !location.contains("-tests.jar");
  }
}
