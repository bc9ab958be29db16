package io.clusterfactory.cfctl.core.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clusterfactory.cfctl.core.error.InternalException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON output, schema version {@value DiffReport#SCHEMA_VERSION} (documented in docs/diff.md).
 * Field order is fixed and lists are sorted, so equal reports give byte-identical output. Every
 * item is listed, unchanged ones included, with its change kind (key {@code action}); a section not
 * compared is {@code null}.
 */
public final class DiffJsonWriter implements DiffRenderer {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public String render(DiffReport report) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", DiffReport.SCHEMA_VERSION);
    root.put("changed", report.hasChanges());
    root.put("summary", summary(report.summary()));
    root.put("notes", report.notes());
    root.put("hosts", report.hosts() == null ? null : hosts(report.hosts()));
    root.put("git", report.git() == null ? null : git(report.git()));
    root.put("live", report.live() == null ? null : live(report.live()));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new InternalException("writing the diff as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static Map<String, Object> summary(Summary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("create", s.create());
    m.put("update", s.update());
    m.put("delete", s.delete());
    m.put("unchanged", s.unchanged());
    return m;
  }

  private static Map<String, Object> change(String before, String after) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("before", before);
    m.put("after", after);
    return m;
  }

  private static Map<String, Object> hosts(HostsSection section) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("summary", summary(section.summary()));
    m.put("k0sVersion", change(section.k0sVersionBefore(), section.k0sVersionAfter()));
    List<Object> hosts = new ArrayList<>();
    for (HostDiff h : section.hosts()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("host", h.host());
      e.put("role", h.role());
      e.put("action", h.change().label());
      e.put("k0sVersion", change(h.k0sVersionBefore(), h.k0sVersionAfter()));
      List<Object> flags = new ArrayList<>();
      for (HostDiff.FlagChange f : h.flags()) {
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("flag", f.flag());
        fm.putAll(change(f.before(), f.after()));
        flags.add(fm);
      }
      e.put("flags", flags);
      hosts.add(e);
    }
    m.put("hosts", hosts);
    return m;
  }

  private static Map<String, Object> git(GitSection section) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("summary", summary(section.summary()));
    m.put("repository", section.repository());
    m.put("branch", section.branch());
    m.put("path", section.path());
    m.put("baseCommit", section.baseCommit());
    List<Object> files = new ArrayList<>();
    for (FileDiff f : section.files()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("path", f.path());
      e.put("component", f.component());
      e.put("action", f.change().label());
      e.put("secretKeys", keys(f.secretKeys()));
      e.put("diff", f.unifiedDiff());
      files.add(e);
    }
    m.put("files", files);
    return m;
  }

  private static Map<String, Object> live(LiveSection section) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("summary", summary(section.summary()));
    m.put("server", section.server());
    List<Object> objects = new ArrayList<>();
    for (ObjectDiff o : section.objects()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("group", o.ref().group());
      e.put("version", o.ref().version());
      e.put("kind", o.ref().kind());
      e.put("namespace", o.ref().namespace());
      e.put("name", o.ref().name());
      e.put("component", o.component());
      e.put("action", o.change().label());
      e.put("note", o.note());
      e.put("secretKeys", keys(o.secretKeys()));
      e.put("diff", o.unifiedDiff());
      objects.add(e);
    }
    m.put("objects", objects);
    return m;
  }

  private static List<Object> keys(List<SecretKeyDiff> keys) {
    List<Object> out = new ArrayList<>();
    for (SecretKeyDiff k : keys) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("key", k.key());
      e.put("change", k.change().label());
      out.add(e);
    }
    return out;
  }
}
