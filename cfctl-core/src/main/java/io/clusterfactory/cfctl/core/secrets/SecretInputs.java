package io.clusterfactory.cfctl.core.secrets;

import io.clusterfactory.cfctl.core.config.v1beta1.SecretSource;
import io.clusterfactory.cfctl.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the secret inputs named in cluster.yaml ({@link SecretSource}) to values. Every clear
 * value read or generated is registered with {@link Redactor#global()} before it is returned, so no
 * log line can show it.
 */
public final class SecretInputs {
  private static final Logger logger = LoggerFactory.getLogger(SecretInputs.class);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path configDirectory;
  private final Map<String, String> environment;

  /**
   * @param configDirectory the directory of cluster.yaml; {@code file:} sources are relative to it
   * @param environment the process environment ({@link System#getenv()}), injectable for tests
   */
  public SecretInputs(Path configDirectory, Map<String, String> environment) {
    this.configDirectory = configDirectory;
    this.environment = Map.copyOf(environment);
  }

  /** Inputs read from this process's environment. */
  public static SecretInputs fromProcessEnvironment(Path configDirectory) {
    return new SecretInputs(configDirectory, System.getenv());
  }

  /**
   * The value of input {@code inputName}: its clear bytes for {@code env} and {@code file} sources,
   * a {@link SecretValue.Generated} for {@code generate} (generated when first sealed).
   *
   * @param inputName the input's name in messages, e.g. its YAML path {@code
   *     spec.stacks.software.mariadb.rootPassword}
   * @throws InvalidInputException when the source is malformed or the value is missing, naming the
   *     input and where it was expected
   */
  public SecretValue resolve(String inputName, SecretSource source) {
    if (source == null) {
      throw new InvalidInputException(
          "secret input " + inputName + " has no source", "set one of env, file or generate");
    }
    var problems = source.problems();
    if (!problems.isEmpty()) {
      throw new InvalidInputException(
          "secret input " + inputName + ": " + String.join("; ", problems));
    }
    if (source.env() != null) {
      return SecretValue.of(fromEnvironment(inputName, source.env()));
    }
    if (source.file() != null) {
      return SecretValue.of(fromFile(inputName, source.file()));
    }
    return SecretValue.generated(source.generate());
  }

  /**
   * A fresh random value drawn uniformly from the charset with {@link SecureRandom}, registered for
   * redaction.
   */
  public static String generate(SecretSource.GeneratedValue spec) {
    var problems = spec.problems();
    if (!problems.isEmpty()) {
      throw new InvalidInputException("generate: " + String.join("; ", problems));
    }
    String alphabet = spec.effectiveCharset().alphabet();
    char[] value = new char[spec.effectiveLength()];
    for (int i = 0; i < value.length; i++) {
      value[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
    }
    String generated = new String(value);
    Arrays.fill(value, '\0');
    Redactor.global().register(generated);
    return generated;
  }

  private String fromEnvironment(String inputName, String variable) {
    String value = environment.get(variable);
    if (value == null) {
      throw new InvalidInputException(
          "secret input " + inputName + ": environment variable " + variable + " is not set",
          "export " + variable + " before running cfctl, or point the input at a file");
    }
    if (value.isEmpty()) {
      throw new InvalidInputException(
          "secret input " + inputName + ": environment variable " + variable + " is empty",
          "set it to the secret's value");
    }
    Redactor.global().register(value);
    return value;
  }

  private byte[] fromFile(String inputName, String file) {
    Path path = configDirectory.resolve(file).normalize();
    byte[] content;
    try {
      content = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(
          "secret input " + inputName + ": file " + file + " not found (expected at " + path + ")",
          "create it and keep it out of Git (list it in .gitignore), or use env:");
    } catch (IOException e) {
      throw new InvalidInputException(
          "secret input " + inputName + ": reading " + path + ": " + e.getMessage(), null, e);
    }
    byte[] value = withoutTrailingNewline(content);
    if (value.length == 0) {
      throw new InvalidInputException(
          "secret input " + inputName + ": file " + path + " is empty",
          "write the secret's value into it");
    }
    checkNotInGit(inputName, path);
    if (SecureFiles.isReadableByOthers(path)) {
      logger.warn(
          "{} holds a secret and is readable by other users; run `chmod 600 {}`", path, path);
    }
    Redactor.global().register(value);
    return value;
  }

  /**
   * A clear secret file committed to Git defeats sealing: refuse a tracked file, and warn about one
   * a {@code git add .} would commit.
   */
  private static void checkNotInGit(String inputName, Path file) {
    var builder = new FileRepositoryBuilder().readEnvironment().findGitDir(file.toFile());
    if (builder.getGitDir() == null) {
      return;
    }
    try (Repository repository = builder.setMustExist(true).build()) {
      if (repository.isBare()) {
        return;
      }
      Path workTree = repository.getWorkTree().toPath().toRealPath();
      Path real = file.toRealPath();
      if (!real.startsWith(workTree)) {
        return;
      }
      String relative = workTree.relativize(real).toString().replace('\\', '/');
      if (repository.readDirCache().findEntry(relative) >= 0) {
        throw new InvalidInputException(
            "secret input " + inputName + ": file " + file + " is tracked by Git",
            "the clear secret is in the repository: remove it (git rm --cached "
                + relative
                + "), list it in .gitignore, and rotate the secret");
      }
      Status status = Git.wrap(repository).status().addPath(relative).call();
      if (status.getUntracked().contains(relative)) {
        logger.warn(
            "{} holds secret input {} and is not git-ignored; add it to .gitignore",
            file,
            inputName);
      }
    } catch (IOException | GitAPIException e) {
      logger.debug("Cannot check whether {} is ignored by Git: {}", file, e.getMessage());
    }
  }

  /** Editors add a final newline that is not part of a password; strip one LF or CRLF. */
  private static byte[] withoutTrailingNewline(byte[] content) {
    int length = content.length;
    if (length > 0 && content[length - 1] == '\n') {
      length--;
      if (length > 0 && content[length - 1] == '\r') {
        length--;
      }
    }
    return length == content.length ? content : Arrays.copyOf(content, length);
  }
}
