package io.clusterfactory.cfctl.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterfactory.cfctl.core.error.ExitCode;
import io.clusterfactory.cfctl.core.error.InvalidObjectsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObjectValidatorTest {
  private static final TreeLocation TREE =
      new TreeLocation(
          "ssh://git@git.example.com/infra/gitops.git",
          "clusters/c1",
          Set.of("apps/a.yaml", "manifests/x/cm.yaml", "values/x.yaml"));

  private static List<String> errors(List<Target> targets) {
    return new ObjectValidator()
        .validate(targets, TREE).stream().filter(Finding::isError).map(Finding::format).toList();
  }

  @Test
  void unknownFieldAndWrongTypesInARawManifestAreRefusedWithTheirPaths() {
    String yaml =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: d
          namespace: ns
          labels:
            version: 2
        spec:
          replicas: three
          selector:
            matchLabels: {app: d}
          template:
            spec:
              containers:
                - name: c
                  image: i
                  colour: blue
                  env:
                    - name: A
                      value: "ok"
                    - name: ADDRESS
                      value: 0x0000000000000000000000000000000000000001
                  ports: {containerPort: 80}
        """;
    List<String> errors = errors(ObjectValidator.read("manifests/x/d.yaml", yaml));
    assertEquals(5, errors.size(), String.join("\n", errors));
    assertTrue(
        errors.contains(
            "manifests/x/d.yaml:17: Deployment ns/d: spec.template.spec.containers[0].colour:"
                + " unknown field \"colour\" (not in Container)"),
        String.join("\n", errors));
    assertTrue(
        errors.stream()
            .anyMatch(
                e ->
                    e.startsWith(
                            "manifests/x/d.yaml:22: Deployment ns/d:"
                                + " spec.template.spec.containers[0].env[1].value: must be a"
                                + " string, got the number 1")
                        && e.contains("0x0000000000000000000000000000000000000001")),
        String.join("\n", errors));
    assertTrue(errors.stream().anyMatch(e -> e.contains("spec.replicas: must be an integer")));
    assertTrue(
        errors.stream().anyMatch(e -> e.contains("metadata.labels.version: must be a string")));
    assertTrue(
        errors.stream()
            .anyMatch(e -> e.contains("spec.template.spec.containers[0].ports: must be a list")));
  }

  @Test
  void intOrStringAndQuantityTakeWhatTheApiTakes() {
    String yaml =
        """
        apiVersion: v1
        kind: Service
        metadata: {name: s, namespace: ns}
        spec:
          ports:
            - port: 80
              targetPort: http
            - port: 81
              targetPort: 8081
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: ns, creationTimestamp: null}
        spec:
          containers:
            - name: c
              resources: {limits: {cpu: 1, memory: 1Gi}}
        """;
    assertEquals(List.of(), errors(ObjectValidator.read("manifests/x/s.yaml", yaml)));
  }

  @Test
  void aCustomKindIsCheckedAgainstTheCrdAmongTheTargets() {
    String crd =
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {kind: Widget, plural: widgets}
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      type: object
                      required: [size]
                      properties:
                        size: {type: integer}
                        port: {x-kubernetes-int-or-string: true}
                        extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """;
    String widgets =
        """
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: good, namespace: ns}
        spec: {size: 3, port: http, extra: {anything: [1, 2]}}
        ---
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: bad, namespace: ns}
        spec: {size: "3", colour: red}
        ---
        apiVersion: example.com/v2
        kind: Widget
        metadata: {name: v2, namespace: ns}
        spec: {size: 1}
        """;
    List<Target> targets = new ArrayList<>(ObjectValidator.read("hydrated/w/crds/w.yaml", crd));
    targets.addAll(ObjectValidator.read("manifests/x/w.yaml", widgets));
    List<String> errors = errors(targets);
    assertEquals(3, errors.size(), String.join("\n", errors));
    assertTrue(
        errors.stream().anyMatch(e -> e.contains("Widget ns/bad: spec.colour: unknown field")));
    assertTrue(errors.stream().anyMatch(e -> e.contains("Widget ns/bad: spec.size:")));
    assertTrue(errors.stream().anyMatch(e -> e.contains("Widget ns/v2: apiVersion:")));
  }

  @Test
  void aCustomKindWithoutItsCrdIsANoteNamingTheChart() {
    String yaml =
        """
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata: {name: s, namespace: ns}
        spec: {encryptedData: {}}
        """;
    List<Finding> findings =
        new ObjectValidator().validate(ObjectValidator.read("manifests/x/s.yaml", yaml), TREE);
    assertEquals(1, findings.size());
    assertEquals(Finding.Severity.NOTE, findings.get(0).severity());
    assertTrue(findings.get(0).message().contains("no schema for bitnami.com/SealedSecret"));
    assertTrue(findings.get(0).message().contains("chart sealed-secrets"));
  }

  @Test
  void argoCdRulesAreEachChecked() {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: p, namespace: argocd}
        spec:
          sourceRepos: [ssh://git@git.example.com/infra/gitops.git]
          destinations: [{server: https://kubernetes.default.svc, namespace: x}]
          clusterResourceWhitelist: []
          namespaceResourceBlacklist: [{group: '', kind: ConfigMap}]
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: both, namespace: argocd}
        spec:
          project: p
          destination: {server: https://kubernetes.default.svc, name: in-cluster, namespace: x}
          source: {repoURL: ssh://git@git.example.com/infra/gitops.git, path: clusters/c1/manifests/x}
          sources: [{repoURL: ssh://git@git.example.com/infra/gitops.git, path: clusters/c1/manifests/x}]
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: chart, namespace: argocd}
        spec:
          project: p
          destination: {server: https://kubernetes.default.svc, namespace: elsewhere}
          sources:
            - repoURL: https://charts.example.com
              chart: c
              targetRevision: 1.0.0
              helm: {valueFiles: [$vals/clusters/c1/values/x.yaml, $values/clusters/c1/values/missing.yaml]}
            - {repoURL: ssh://git@git.example.com/infra/gitops.git, ref: values}
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: {name: nopath, namespace: argocd}
        spec:
          project: ghost
          destination: {server: https://kubernetes.default.svc, namespace: x}
          source: {repoURL: ssh://git@git.example.com/infra/gitops.git, path: clusters/c1/apps/empty}
        """;
    String cm =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cm, namespace: x}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: x}
        """;
    List<Target> targets = new ArrayList<>(ObjectValidator.read("apps/a.yaml", yaml));
    targets.addAll(ObjectValidator.read("manifests/x/cm.yaml", cm));
    String all = String.join("\n", errors(targets));
    for (String expected :
        List.of(
            "Application argocd/both: spec.sources: source and sources are both set",
            "Application argocd/both: spec.destination: destination has both server and name",
            "ConfigMap x/cm: kind: project p (of Application both) does not allow namespaced kind"
                + " ConfigMap",
            "Namespace x: kind: project p (of Application both) does not allow cluster-scoped kind"
                + " Namespace",
            "Application argocd/chart: spec.sources[0].repoURL: project p does not allow"
                + " repository https://charts.example.com",
            "Application argocd/chart: spec.sources[0].helm.valueFiles[0]:"
                + " $vals/clusters/c1/values/x.yaml needs a source with ref: vals",
            "Application argocd/chart: spec.sources[0].helm.valueFiles[1]: values file"
                + " $values/clusters/c1/values/missing.yaml is not in the tree",
            "Application argocd/chart: spec.destination: project p does not allow destination"
                + " https://kubernetes.default.svc namespace elsewhere",
            "Application argocd/nopath: spec.project: project ghost is not in the tree",
            "Application argocd/nopath: spec.source.path: app path clusters/c1/apps/empty does"
                + " not exist in the tree")) {
      assertTrue(all.contains(expected), expected + "\n--- in ---\n" + all);
    }
  }

  @Test
  void errorsEndTheRunAsInvalidInputListingEveryFinding() {
    String yaml =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cm, namespace: x}
        data: {a: 1}
        foo: bar
        """;
    var findings =
        new ObjectValidator().validate(ObjectValidator.read("manifests/x/cm.yaml", yaml), TREE);
    InvalidObjectsException e =
        assertThrows(InvalidObjectsException.class, () -> ObjectValidator.requireValid(findings));
    assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
    assertEquals(2, e.findings().size());
    assertTrue(
        e.getMessage().contains("manifests/x/cm.yaml:4: ConfigMap x/cm: data.a: must be a string"));
    assertTrue(
        e.getMessage().contains("manifests/x/cm.yaml:5: ConfigMap x/cm: foo: unknown field"));
  }
}
