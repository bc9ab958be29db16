package io.clusterfactory.cfctl.core.diff;

import io.clusterfactory.cfctl.core.manifest.ObjectRef;
import io.clusterfactory.cfctl.core.yaml.CanonicalYaml;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compares two versions of the owned folder file by file (the Git section of a diff). Files that
 * hold a Secret or SealedSecret are compared as parsed objects with values masked, so their diff
 * and per-key changes never show a value.
 */
public final class GitTreeDiffer {
  private static final Pattern SECRET_KIND =
      Pattern.compile("(?m)^\\s*[\"']?kind[\"']?\\s*:\\s*[\"']?(Sealed)?Secret[\"']?\\s*$");
  static final String HIDDEN =
      "(content hidden: the file names a Secret or SealedSecret but is not valid YAML)\n";

  private GitTreeDiffer() {}

  /**
   * @param repository the repository URL shown in the output (without credentials)
   * @param branch the base branch or ref
   * @param folder the owned folder, e.g. {@code clusters/lab}
   * @param baseCommit the base commit id, empty when the branch does not exist yet
   * @param before files at the base, relative to the folder
   * @param after rendered files, relative to the folder
   */
  public static GitSection compare(
      String repository,
      String branch,
      String folder,
      String baseCommit,
      SortedMap<String, byte[]> before,
      SortedMap<String, byte[]> after) {
    TreeSet<String> paths = new TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    List<FileDiff> files = new ArrayList<>();
    for (String path : paths) {
      files.add(compareFile(folder, path, before.get(path), after.get(path)));
    }
    return new GitSection(repository, branch, folder, baseCommit, files);
  }

  static FileDiff compareFile(String folder, String path, byte[] before, byte[] after) {
    ChangeKind change =
        before == null
            ? ChangeKind.CREATE
            : after == null
                ? ChangeKind.DELETE
                : Arrays.equals(before, after) ? ChangeKind.UNCHANGED : ChangeKind.UPDATE;
    if (change == ChangeKind.UNCHANGED) {
      return new FileDiff(path, change, "", List.of());
    }
    String full = folder.isEmpty() ? path : folder + "/" + path;
    String beforeName = before == null ? "/dev/null" : "a/" + full;
    String afterName = after == null ? "/dev/null" : "b/" + full;
    String beforeText = before == null ? "" : UnifiedDiffs.text(before);
    String afterText = after == null ? "" : UnifiedDiffs.text(after);
    if (beforeText != null
        && afterText != null
        && (SECRET_KIND.matcher(beforeText).find() || SECRET_KIND.matcher(afterText).find())) {
      return maskedFile(path, change, beforeName, afterName, beforeText, afterText);
    }
    return new FileDiff(
        path, change, UnifiedDiffs.ofBytes(beforeName, afterName, before, after), List.of());
  }

  private static FileDiff maskedFile(
      String path,
      ChangeKind change,
      String beforeName,
      String afterName,
      String beforeText,
      String afterText) {
    List<Map<String, Object>> beforeDocs;
    List<Map<String, Object>> afterDocs;
    try {
      beforeDocs = CanonicalYaml.readDocuments(beforeText);
      afterDocs = CanonicalYaml.readDocuments(afterText);
    } catch (IOException | RuntimeException e) {
      return new FileDiff(path, change, HIDDEN, List.of());
    }
    Map<ObjectRef, Map<String, Object>> secretsBefore = secrets(beforeDocs);
    Map<ObjectRef, Map<String, Object>> secretsAfter = secrets(afterDocs);
    TreeSet<ObjectRef> refs = new TreeSet<>(secretsBefore.keySet());
    refs.addAll(secretsAfter.keySet());
    Map<Map<String, Object>, Map<String, Object>> replacement = new IdentityHashMap<>();
    List<SecretKeyDiff> keys = new ArrayList<>();
    for (ObjectRef ref : refs) {
      Map<String, Object> b = secretsBefore.get(ref);
      Map<String, Object> a = secretsAfter.get(ref);
      SecretMasking.Masked masked = SecretMasking.mask(ref, b, a);
      if (b != null) {
        replacement.put(b, masked.before());
      }
      if (a != null) {
        replacement.put(a, masked.after());
      }
      for (SecretKeyDiff k : masked.keys()) {
        String key = refs.size() > 1 ? ref.name() + "/" + k.key() : k.key();
        keys.add(new SecretKeyDiff(key, k.change()));
      }
    }
    String diff =
        UnifiedDiffs.of(
            beforeName, afterName, render(beforeDocs, replacement), render(afterDocs, replacement));
    return new FileDiff(path, change, diff, keys);
  }

  /** Secret-bearing documents by identity (the first of duplicates; the others are masked too). */
  private static Map<ObjectRef, Map<String, Object>> secrets(List<Map<String, Object>> docs) {
    Map<ObjectRef, Map<String, Object>> out = new TreeMap<>();
    for (Map<String, Object> doc : docs) {
      ObjectRef ref = refOf(doc);
      if (ref != null && ref.isSecretBearing()) {
        out.putIfAbsent(ref, doc);
      }
    }
    return out;
  }

  private static String render(
      List<Map<String, Object>> docs, Map<Map<String, Object>, Map<String, Object>> replacement) {
    StringBuilder sb = new StringBuilder();
    for (Map<String, Object> doc : docs) {
      Map<String, Object> shown = replacement.get(doc);
      if (shown == null) {
        ObjectRef ref = refOf(doc);
        // a duplicate secret not paired above: mask it alone
        shown =
            ref != null && ref.isSecretBearing()
                ? SecretMasking.mask(ref, doc, null).before()
                : doc;
      }
      if (sb.length() > 0) {
        sb.append("---\n");
      }
      sb.append(CanonicalYaml.DIFF.writeOne(shown));
    }
    return sb.toString();
  }

  /** The object a document describes, or null when it lacks apiVersion or kind. */
  static ObjectRef refOf(Map<String, Object> doc) {
    if (!(doc.get("apiVersion") instanceof String apiVersion)
        || !(doc.get("kind") instanceof String kind)) {
      return null;
    }
    Map<?, ?> meta = doc.get("metadata") instanceof Map<?, ?> m ? m : new LinkedHashMap<>();
    Object name = meta.get("name");
    Object namespace = meta.get("namespace");
    return ObjectRef.of(
        apiVersion,
        kind,
        namespace == null ? "" : namespace.toString(),
        name == null ? "(unnamed)" : name.toString());
  }
}
