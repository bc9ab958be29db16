package io.clusterfactory.cfctl.core.hydrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clusterfactory.cfctl.core.apply.ApplyOptions;
import io.clusterfactory.cfctl.core.apply.ClusterContext;
import io.clusterfactory.cfctl.core.apply.Command;
import io.clusterfactory.cfctl.core.apply.HostPhases;
import io.clusterfactory.cfctl.core.apply.HostStep;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.pipeline.Phase;
import io.clusterfactory.cfctl.core.render.RenderedObject;
import io.clusterfactory.cfctl.core.render.RenderedTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Hydrator} for tests: Helm is not run, each Application the fake knows gets the objects
 * the test gave it; Applications it does not know are left out (not listed as missing). {@link
 * #argocd()} is a small stand-in for ArgoCD's chart, enough for whole applies to converge on the
 * mock API: ArgoCD's two CRDs (which make the mock serve Application and AppProject), a
 * ServiceAccount, a ClusterRole and a Deployment, the namespaced ones written without a namespace
 * as charts often do.
 */
public final class FakeHydrator implements Hydrator {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, List<HydratedApplication.HydratedObject>> charts;
  private final AtomicInteger calls = new AtomicInteger();

  public FakeHydrator(Map<String, List<HydratedApplication.HydratedObject>> charts) {
    this.charts = Map.copyOf(charts);
  }

  /** ArgoCD's chart, small: see the class comment. */
  public static FakeHydrator argocd() {
    return new FakeHydrator(Map.of("gitops-argocd", argocdObjects()));
  }

  /** The objects of {@link #argocd()}'s chart, as Helm would write them (no tracking). */
  public static List<HydratedApplication.HydratedObject> argocdObjects() {
    List<HydratedApplication.HydratedObject> out = new ArrayList<>();
    out.add(
        object("argo-cd/templates/crds/crd-application.yaml", crd("Application", "applications")));
    out.add(object("argo-cd/templates/crds/crd-project.yaml", crd("AppProject", "appprojects")));
    out.add(
        object(
            "argo-cd/templates/argocd-server/serviceaccount.yaml",
            "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: argocd-server\n"
                + "  labels: {app.kubernetes.io/instance: argocd}\n"));
    out.add(
        object(
            "argo-cd/templates/argocd-server/clusterrole.yaml",
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n"
                + "  name: argocd-server\nrules:\n- apiGroups: ['*']\n  resources: ['*']\n"
                + "  verbs: [get, list, watch]\n"));
    out.add(
        object(
            "argo-cd/templates/argocd-server/deployment.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: argocd-server\n"
                + "  labels: {app.kubernetes.io/name: argocd-server}\nspec:\n  replicas: 1\n"
                + "  selector:\n    matchLabels: {app.kubernetes.io/name: argocd-server}\n"
                + "  template:\n    metadata:\n      labels: {app.kubernetes.io/name: argocd-server}\n"
                + "    spec:\n      serviceAccountName: argocd-server\n      containers:\n"
                + "      - name: server\n        image: quay.io/argoproj/argocd:v3.1.0\n"));
    return out;
  }

  /**
   * {@code hosts} whose contexts carry {@code hydrator}, as the CLI hands in Helm: for tests that
   * run whole commands through {@link io.clusterfactory.cfctl.core.apply.Pipelines}.
   */
  public static <C extends ClusterContext> HostPhases<C> handedTo(
      HostPhases<C> hosts, Hydrator hydrator) {
    return new HostPhases<>() {
      @Override
      public C context(LoadedConfig config, ApplyOptions options, Command command) {
        C ctx = hosts.context(config, options, command);
        ctx.useHydrator(hydrator);
        return ctx;
      }

      @Override
      public List<Phase<? super C>> phases(HostStep step) {
        return hosts.phases(step);
      }
    };
  }

  /** How many times a tree was hydrated. */
  public int calls() {
    return calls.get();
  }

  @Override
  public HydratedTree hydrate(RenderedTree tree) {
    calls.incrementAndGet();
    List<HydratedApplication> apps = new ArrayList<>();
    for (RenderedObject o : tree.objects()) {
      if (!"Application".equals(o.kind()) || !charts.containsKey(o.name())) {
        continue;
      }
      JsonNode spec = o.body().path("spec");
      JsonNode source =
          spec.path("sources").isArray() && !spec.path("sources").isEmpty()
              ? spec.path("sources").get(0)
              : spec.path("source");
      apps.add(
          new HydratedApplication(
              o.name(),
              spec.path("destination").path("namespace").asText(""),
              new ChartRef(
                  ChartRef.Kind.HTTP,
                  source.path("repoURL").asText(""),
                  source.path("chart").asText(""),
                  source.path("targetRevision").asText("")),
              "sha256:" + "0".repeat(64),
              charts.get(o.name())));
    }
    return new HydratedTree(apps, List.of());
  }

  public static HydratedApplication.HydratedObject object(String source, String yaml) {
    try {
      return new HydratedApplication.HydratedObject(source, (ObjectNode) YAML.readTree(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String crd(String kind, String plural) {
    return "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n"
        + "  name: "
        + plural
        + ".argoproj.io\n  labels: {app.kubernetes.io/part-of: argocd}\nspec:\n"
        + "  group: argoproj.io\n  scope: Namespaced\n  names:\n    kind: "
        + kind
        + "\n    plural: "
        + plural
        + "\n    singular: "
        + kind.toLowerCase(java.util.Locale.ROOT)
        + "\n    listKind: "
        + kind
        + "List\n  versions:\n  - name: v1alpha1\n    served: true\n    storage: true\n"
        + "    schema:\n      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}\n";
  }
}
