package io.clusterfactory.cfctl.cli.commands;

import io.clusterfactory.cfctl.core.error.InvalidInputException;
import io.clusterfactory.cfctl.core.secrets.Redactor;
import io.clusterfactory.cfctl.core.secrets.SealedSecretManifest;
import io.clusterfactory.cfctl.core.secrets.Sealer;
import io.clusterfactory.cfctl.core.secrets.SealingCertificate;
import io.clusterfactory.cfctl.core.secrets.SealingScope;
import io.clusterfactory.cfctl.core.secrets.SecretToSeal;
import io.clusterfactory.cfctl.core.secrets.SecretValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "seal",
    description = {
      "Seal a Secret for the sealed-secrets controller (the kubeseal format, in Java).",
      "Prints a SealedSecret manifest on stdout; values never appear in logs.",
      "Example: cfctl seal --cert pub.pem -n slurm --name db --from-literal password=s3cret"
    })
public final class SealCommand implements Callable<Integer> {
  @Option(
      names = "--cert",
      required = true,
      paramLabel = "CERT.pem",
      description = "The controller's public certificate (kubeseal --fetch-cert)")
  Path cert;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "SECRET.yaml",
      description = "Seal this Secret manifest (- reads stdin) instead of the options below")
  String file;

  @Option(
      names = {"-n", "--namespace"},
      description = "Namespace of the Secret")
  String namespace;

  @Option(names = "--name", description = "Name of the Secret")
  String name;

  @Option(names = "--type", defaultValue = "Opaque", description = "Secret type (default Opaque)")
  String type;

  @Option(
      names = "--from-literal",
      paramLabel = "KEY=VALUE",
      description = "A key and its value (repeatable)")
  List<String> literals = new ArrayList<>();

  @Option(
      names = "--from-file",
      paramLabel = "KEY=PATH",
      description = "A key and the file holding its value (repeatable)")
  List<String> files = new ArrayList<>();

  @Option(
      names = "--scope",
      paramLabel = "SCOPE",
      description = "strict (default) | namespace-wide | cluster-wide")
  String scope;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    SealingScope sealingScope = scope == null ? null : SealingScope.parse(scope);
    Sealer sealer = new Sealer(SealingCertificate.load(cert));
    String yaml;
    if (file != null) {
      if (!literals.isEmpty() || !files.isEmpty() || name != null) {
        throw new InvalidInputException(
            "-f seals a whole Secret manifest; it cannot be combined with --name or --from-*");
      }
      String text =
          file.equals("-")
              ? new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
              : readFile(Path.of(file));
      yaml = SealedSecretManifest.toYaml(sealer.sealManifest(text, file, sealingScope));
    } else {
      if (namespace == null || name == null) {
        throw new InvalidInputException(
            "--namespace and --name are required", "or seal a manifest with -f secret.yaml");
      }
      Map<String, SecretValue> data = new TreeMap<>();
      for (String l : literals) {
        String[] kv = split(l, "--from-literal");
        Redactor.global().register(kv[1]);
        put(data, kv[0], SecretValue.of(kv[1]));
      }
      for (String f : files) {
        String[] kv = split(f, "--from-file");
        byte[] bytes = readBytes(Path.of(kv[1]));
        Redactor.global().register(bytes);
        put(data, kv[0], SecretValue.of(bytes));
      }
      if (data.isEmpty()) {
        throw new InvalidInputException(
            "nothing to seal", "give at least one --from-literal or --from-file");
      }
      SecretToSeal secret = SecretToSeal.of(namespace, name, data).withType(type);
      if (sealingScope != null) {
        secret = secret.withScope(sealingScope);
      }
      yaml = SealedSecretManifest.toYaml(sealer.seal(secret));
    }
    spec.commandLine().getOut().print(yaml);
    return 0;
  }

  private static void put(Map<String, SecretValue> data, String key, SecretValue value) {
    if (data.putIfAbsent(key, value) != null) {
      throw new InvalidInputException("key '" + key + "' is given twice");
    }
  }

  private static String[] split(String arg, String option) {
    int eq = arg.indexOf('=');
    if (eq <= 0) {
      throw new InvalidInputException(
          option + " needs KEY=VALUE, got '" + arg.replaceAll("=.*", "=***") + "'");
    }
    return new String[] {arg.substring(0, eq), arg.substring(eq + 1)};
  }

  private static String readFile(Path p) {
    return new String(readBytes(p), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] readBytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + p + ": " + e.getMessage());
    }
  }
}
