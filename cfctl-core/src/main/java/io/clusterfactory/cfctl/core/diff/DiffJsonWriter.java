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
    root.put("incomplete", report.incomplete());
    root.put("summary", summary(report.summary()));
    root.put("notes", report.notes());
    root.put("hosts", report.hosts() == null ? null : hosts(report.hosts()));
    root.put("git", report.git() == null ? null : git(report.git()));
    root.put("live", report.live() == null ? null : live(report.live()));
    root.put("hydrated", report.hydrated() == null ? null : hydrated(report.hydrated()));
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

  private static Map<String, Object> hydrated(HydratedSection section) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("summary", summary(section.summary()));
    m.put("against", section.against());
    m.put("incomplete", section.incomplete());
    List<Object> apps = new ArrayList<>();
    for (ApplicationDiff a : section.applications()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("application", a.application());
      e.put("namespace", a.namespace());
      e.put("chart", change(a.chartBefore(), a.chartAfter()));
      e.put("summary", summary(a.summary()));
      List<Object> objects = new ArrayList<>();
      for (HydratedObjectDiff h : a.objects()) {
        ObjectDiff o = h.object();
        Map<String, Object> oe = new LinkedHashMap<>();
        oe.put("group", o.ref().group());
        oe.put("version", o.ref().version());
        oe.put("kind", o.ref().kind());
        oe.put("namespace", o.ref().namespace());
        oe.put("name", o.ref().name());
        oe.put("source", h.source());
        oe.put("action", o.change().label());
        oe.put("note", o.note());
        List<Object> fields = new ArrayList<>();
        for (FieldChange f : h.fields()) {
          Map<String, Object> fm = new LinkedHashMap<>();
          fm.put("path", f.path());
          fm.putAll(change(f.before(), f.after()));
          fields.add(fm);
        }
        oe.put("fields", fields);
        oe.put("secretKeys", keys(o.secretKeys()));
        oe.put("diff", o.unifiedDiff());
        objects.add(oe);
      }
      e.put("objects", objects);
      apps.add(e);
    }
    m.put("applications", apps);
    List<Object> missing = new ArrayList<>();
    for (NotHydrated n : section.notCompared()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("application", n.application());
      e.put("chart", n.chart());
      e.put("side", n.side());
      e.put("reason", n.reason());
      missing.add(e);
    }
    m.put("notCompared", missing);
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
