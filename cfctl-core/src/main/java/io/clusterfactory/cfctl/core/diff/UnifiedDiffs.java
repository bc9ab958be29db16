package io.clusterfactory.cfctl.core.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Unified diffs of text (java-diff-utils), with the {@code diff -u -N} conventions. */
public final class UnifiedDiffs {
  /** Lines of context around each change, as {@code diff -u}. */
  public static final int CONTEXT = 3;

  /** Marks a last line without newline while diffing; cannot occur in text (NUL means binary). */
  private static final String NO_NEWLINE = "\u0000no-newline";

  private UnifiedDiffs() {}

  /**
   * The unified diff between two texts, {@code ""} when they are equal. A missing side is passed as
   * {@code ""} (as {@code diff -N} treats an absent file).
   */
  public static String of(String beforeName, String afterName, String before, String after) {
    if (before.equals(after)) {
      return "";
    }
    List<String> a = lines(before);
    List<String> b = lines(after);
    Patch<String> patch = DiffUtils.diff(a, b);
    List<String> out =
        UnifiedDiffUtils.generateUnifiedDiff(beforeName, afterName, a, patch, CONTEXT);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < out.size(); i++) {
      String line = out.get(i);
      if (i == 2 && line.startsWith("@@")) {
        // diff -u numbers an empty side 0,0; java-diff-utils says 1,0
        line = line.replace("@@ -1,0 ", a.isEmpty() ? "@@ -0,0 " : "@@ -1,0 ");
        line = b.isEmpty() ? line.replace(" +1,0 @@", " +0,0 @@") : line;
      }
      if (line.endsWith(NO_NEWLINE)) {
        sb.append(line, 0, line.length() - NO_NEWLINE.length())
            .append("\n\\ No newline at end of file\n");
      } else {
        sb.append(line).append('\n');
      }
    }
    return sb.toString();
  }

  /** Like {@link #of} for file contents; binary content gives a one-line "Binary files differ". */
  public static String ofBytes(String beforeName, String afterName, byte[] before, byte[] after) {
    String a = before == null ? "" : text(before);
    String b = after == null ? "" : text(after);
    if (a == null || b == null) {
      return java.util.Arrays.equals(before, after)
          ? ""
          : "Binary files " + beforeName + " and " + afterName + " differ\n";
    }
    return of(beforeName, afterName, a, b);
  }

  /** Decodes UTF-8 text; null for binary content (invalid UTF-8 or a NUL byte). */
  static String text(byte[] bytes) {
    for (byte x : bytes) {
      if (x == 0) {
        return null;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static List<String> lines(String s) {
    if (s.isEmpty()) {
      return List.of();
    }
    boolean complete = s.endsWith("\n");
    String body = complete ? s.substring(0, s.length() - 1) : s;
    List<String> lines = new ArrayList<>(List.of(body.split("\n", -1)));
    if (!complete) {
      // the last line differs from the same text with a newline, as in diff -u
      lines.set(lines.size() - 1, lines.get(lines.size() - 1) + NO_NEWLINE);
    }
    return lines;
  }
}
