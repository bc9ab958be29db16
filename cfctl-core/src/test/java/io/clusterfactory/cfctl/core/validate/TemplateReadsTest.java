package io.clusterfactory.cfctl.core.validate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which values paths a template reads, from its text. */
class TemplateReadsTest {

  private static TemplateReads scan(String... templates) {
    TemplateReads r = new TemplateReads();
    for (String t : templates) {
      r.scan(t);
    }
    return r;
  }

  private static List<String> key(String dotted) {
    return List.of(dotted.split("\\."));
  }

  @Test
  void absoluteRootAndVariablePathsAreRead() {
    TemplateReads r =
        scan(
            "a: {{ .Values.image.tag | quote }}\n"
                + "b: {{ $.Values.service.port }}\n"
                + "{{- $top := . }}{{ $top.Values.nameOverride }}\n"
                + "{{ default \"x\" .Values.fullname }}\n"
                + "{{ include \"img\" (dict \"context\" $) }}{{ .context.Values.registry.host }}");
    assertTrue(r.reads(key("image.tag")));
    assertTrue(r.reads(key("service.port")));
    assertTrue(r.reads(key("nameOverride")));
    assertTrue(r.reads(key("fullname")));
    assertTrue(r.reads(key("registry.host")), "a root context passed in a dict");
    assertFalse(r.reads(key("image.repository")));
    assertFalse(r.reads(key("service.type")));
    assertTrue(r.reads(key("image")), "a parent of a read key is used");
  }

  @Test
  void aWholeSubtreeReadCountsEveryChildAsRead() {
    TemplateReads r =
        scan(
            "{{ toYaml .Values.resources | nindent 2 }}\n"
                + "{{ range $k, $v := .Values.labels }}{{ $k }}{{ end }}\n"
                + "{{ index .Values \"extra-labels\" \"team\" }}");
    assertTrue(r.reads(key("resources.limits.cpu")));
    assertTrue(r.reads(key("labels.anything")));
    assertTrue(r.reads(key("extra-labels.team")));
    assertFalse(r.reads(key("extra-labels.other")));
  }

  @Test
  void withMakesPathsRelativeAndElseRestoresTheOuterDot() {
    TemplateReads r =
        scan(
            "{{- with .Values.service }}\nport: {{ .port }}\n"
                + "{{- with .tls }}{{ toYaml . }}{{ end }}\n"
                + "{{- else }}{{ .Values.fallback }}{{ end }}\n"
                + "{{ with .Values.podAnnotations }}{{ toYaml . }}{{ end }}");
    assertTrue(r.reads(key("service.port")));
    assertTrue(r.reads(key("service.tls.secretName")));
    assertFalse(r.reads(key("service.prot")), "a typo under a with block is not read");
    assertTrue(r.reads(key("fallback")));
    assertTrue(r.reads(key("podAnnotations.a")));
  }

  @Test
  void stringsAreNotPathsAndABareValuesReadsEverything() {
    TemplateReads r = scan("{{ printf \"%s\" \".Values.notRead\" }}");
    assertFalse(r.reads(key("notRead")));
    TemplateReads all = scan("{{ include \"x.labels\" .Values }}");
    assertTrue(all.reads(key("whatever.deep")));
  }
}
