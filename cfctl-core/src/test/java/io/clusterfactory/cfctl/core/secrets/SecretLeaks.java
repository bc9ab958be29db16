package io.clusterfactory.cfctl.core.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Assertions;

/**
 * Test helper (shipped in cfctl-core's test-jar): finds clear secret values, or their base64 forms,
 * in text, in a rendered tree, or anywhere in a Git repository's history. A finding names the
 * secret by its index and where it was found, never by its value.
 */
public final class SecretLeaks {
  private SecretLeaks() {}

  /** Fails listing every finding. */
  public static void assertNone(List<String> findings) {
    if (!findings.isEmpty()) {
      Assertions.fail("secret values leaked:\n  " + String.join("\n  ", findings));
    }
  }

  /** Findings in {@code text} (logs, command output), labelled {@code where}. */
  public static List<String> inText(String text, String where, Collection<String> secrets) {
    List<String> findings = new ArrayList<>();
    int index = 0;
    for (String secret : secrets) {
      for (Map.Entry<String, String> form : forms(secret).entrySet()) {
        if (text.contains(form.getValue())) {
          findings.add("secret #" + index + " (" + form.getKey() + ") in " + where);
        }
      }
      index++;
    }
    return findings;
  }

  /** Findings in every file under {@code directory}, skipping {@code .git}. */
  public static List<String> inTree(Path directory, Collection<String> secrets) {
    List<String> findings = new ArrayList<>();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file :
          files
              .filter(Files::isRegularFile)
              .filter(file -> !directory.relativize(file).toString().startsWith(".git"))
              .toList()) {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        findings.addAll(inText(text, directory.relativize(file).toString(), secrets));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return findings;
  }

  /**
   * Findings in every blob and commit message reachable from any ref of the repository at {@code
   * gitDirectory} (a bare repository or a work tree's {@code .git}).
   */
  public static List<String> inGitHistory(Path gitDirectory, Collection<String> secrets) {
    List<String> findings = new ArrayList<>();
    try (Repository repository =
            new FileRepositoryBuilder()
                .setGitDir(gitDirectory.toFile())
                .setMustExist(true)
                .build();
        RevWalk walk = new RevWalk(repository)) {
      for (Ref ref : repository.getRefDatabase().getRefs()) {
        if (ref.getObjectId() != null) {
          walk.markStart(walk.parseCommit(ref.getObjectId()));
        }
      }
      for (RevCommit commit : walk) {
        String commitName = commit.getId().abbreviate(8).name();
        findings.addAll(inText(commit.getFullMessage(), "message of " + commitName, secrets));
        try (TreeWalk tree = new TreeWalk(repository)) {
          tree.addTree(commit.getTree());
          tree.setRecursive(true);
          while (tree.next()) {
            ObjectId blob = tree.getObjectId(0);
            String text = new String(repository.open(blob).getBytes(), StandardCharsets.ISO_8859_1);
            findings.addAll(inText(text, commitName + ":" + tree.getPathString(), secrets));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return findings.stream().distinct().toList();
  }

  private static Map<String, String> forms(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    Map<String, String> forms = new LinkedHashMap<>();
    forms.put("clear", secret);
    forms.put("base64", Base64.getEncoder().withoutPadding().encodeToString(bytes));
    forms.put("base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    return forms;
  }
}
