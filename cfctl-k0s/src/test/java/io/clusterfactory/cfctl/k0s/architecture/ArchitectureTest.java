package io.clusterfactory.cfctl.k0s.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package arrows of cfctl-k0s: ssh at the bottom, then what k0s reads and prints (model) and
 * the OS families (os), then the host commands the phases share (commands), then the phases, then
 * the actions that list them.
 */
class ArchitectureTest {
  private static final String K0S = "io.clusterfactory.cfctl.k0s";

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(K0S);

  @Test
  void modelAndOsFamiliesAreValuesWithoutSessions() {
    noClasses()
        .that()
        .resideInAnyPackage(K0S + ".model..", K0S + ".os..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            K0S,
            K0S + ".phase..",
            K0S + ".action..",
            K0S + ".commands..",
            "net.schmizz..",
            "com.hierynomus..")
        .because("k0s's formats are parsed and built the same way whatever host they come from")
        .check(MAIN);
  }

  @Test
  void sshKnowsNothingOfK0s() {
    noClasses()
        .that()
        .resideInAPackage(K0S + ".ssh..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            K0S, K0S + ".phase..", K0S + ".action..", K0S + ".commands..", K0S + ".model..")
        .because("ssh runs commands on a host; what the commands mean lives above it")
        .check(MAIN);
  }

  @Test
  void helpersAreBelowThePhases() {
    noClasses()
        .that()
        .resideInAPackage(K0S + ".commands..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(K0S + ".phase..", K0S + ".action..")
        .because("phases share the host commands; a command never runs a phase")
        .check(MAIN);
  }

  @Test
  void phasesDoNotReachTheirActions() {
    noClasses()
        .that()
        .resideInAPackage(K0S + ".phase..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(K0S + ".action..")
        .because("an action lists phases; a phase is one entry of any list")
        .check(MAIN);
  }

  @Test
  void picocliStaysInTheCli() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
        .because("cfctl-k0s is a library; the enforcer rule thin-cli keeps the dependency out")
        .check(MAIN);
  }
}
