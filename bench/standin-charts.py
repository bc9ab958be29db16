#!/usr/bin/env python3
"""Stand-in Helm charts for bench/hydrated-diff-bench.sh.

This machine cannot reach the upstream chart repositories, so the bench cannot hydrate the real
charts examples/full pins. For every chart Application of the given rendered trees (its repoURL,
chart and targetRevision) this writes a chart of the same name and version with about as many
templates and CRDs as the upstream chart has (the table below), each template using what real
charts use (helpers, include/nindent, range, toYaml, default, sha256sum), and the image tag from
the chart's appVersion, so a version bump changes every Deployment's image.

Usage: standin-charts.py OUT [--cache DIR] TREE...
  OUT/charts/<chart>-<version>.tgz  one archive per chart and version, the same bytes on every
                                    run (sorted entries, mtime 0), whatever repository names it
  OUT/index.yaml                    a Helm repository index of them (serve OUT over HTTP)
  --cache DIR                       also fill cfctl's chart cache DIR (ChartCache's layout:
                                    sha256/<hex>.tgz and index/<sha256 of the label>) for every
                                    (repository, chart, version) the trees name
Prints one line per chart: label, templates, CRDs, bytes.
"""
import gzip
import hashlib
import io
import os
import sys
import tarfile

import yaml

# (templates, CRDs, CRD schema properties): about what the upstream chart at the pinned version
# has (templates/ files rendered by default, crds/ or CRD templates), rounded.
SIZES = {
    "argo-cd": (110, 3, 400),
    "cert-manager": (45, 6, 250),
    "traefik": (30, 24, 150),
    "metallb": (22, 8, 120),
    "sealed-secrets": (15, 1, 60),
    "csi-driver-nfs": (12, 0, 0),
    "local-path-provisioner": (10, 0, 0),
}
DEFAULT_SIZE = (10, 0, 0)

HELPERS = """{{- define "standin.name" -}}
{{- default .Chart.Name .Values.standin.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- define "standin.fullname" -}}
{{- printf "%s-%s" .Release.Name (include "standin.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- define "standin.selectorLabels" -}}
app.kubernetes.io/name: {{ include "standin.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
{{- define "standin.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "standin.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}
"""

DEPLOYMENT = """{{- if .Values.standin.enabled }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "standin.fullname" . }}-c@K@
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "standin.labels" . | nindent 4 }}
    app.kubernetes.io/component: c@K@
spec:
  replicas: {{ .Values.standin.replicas }}
  selector:
    matchLabels:
      {{- include "standin.selectorLabels" . | nindent 6 }}
      app.kubernetes.io/component: c@K@
  template:
    metadata:
      labels:
        {{- include "standin.selectorLabels" . | nindent 8 }}
        app.kubernetes.io/component: c@K@
      annotations:
        checksum/config: {{ printf "%s-c@K@-%v" .Chart.Version .Values.standin.config | sha256sum }}
    spec:
      serviceAccountName: {{ include "standin.fullname" . }}
      securityContext:
        {{- toYaml .Values.standin.podSecurityContext | nindent 8 }}
      containers:
        - name: c@K@
          image: "{{ .Values.standin.image.repository }}:{{ .Values.standin.image.tag | default .Chart.AppVersion }}"
          imagePullPolicy: {{ .Values.standin.image.pullPolicy }}
          args:
            {{- range .Values.standin.args }}
            - {{ . | quote }}
            {{- end }}
            - --component=c@K@
          env:
            {{- range $k, $v := .Values.standin.env }}
            - name: {{ $k }}
              value: {{ $v | quote }}
            {{- end }}
          ports:
            - name: http
              containerPort: {{ add 8000 @K@ }}
          readinessProbe:
            httpGet: {path: /healthz, port: http}
          resources:
            {{- toYaml .Values.standin.resources | nindent 12 }}
{{- end }}
"""

SERVICE = """apiVersion: v1
kind: Service
metadata:
  name: {{ include "standin.fullname" . }}-c@K@
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "standin.labels" . | nindent 4 }}
spec:
  type: {{ .Values.standin.service.type }}
  ports:
    - name: http
      port: {{ .Values.standin.service.port }}
      targetPort: {{ add 8000 @K@ }}
  selector:
    {{- include "standin.selectorLabels" . | nindent 4 }}
    app.kubernetes.io/component: c@K@
"""

CONFIGMAP = """apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "standin.fullname" . }}-c@K@
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "standin.labels" . | nindent 4 }}
data:
  {{- range $k, $v := .Values.standin.config }}
  {{ $k }}: {{ $v | quote }}
  {{- end }}
  settings.yaml: |
    {{- toYaml .Values.standin | nindent 4 }}
"""

ROLE = """apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: {{ include "standin.fullname" . }}-c@K@
  labels:
    {{- include "standin.labels" . | nindent 4 }}
rules:
  {{- range .Values.standin.rbac.groups }}
  - apiGroups: [{{ . | quote }}]
    resources: ["*"]
    verbs: ["get", "list", "watch"]
  {{- end }}
"""

BINDING = """apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: {{ include "standin.fullname" . }}-c@K@
  labels:
    {{- include "standin.labels" . | nindent 4 }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: {{ include "standin.fullname" . }}-c@K@
subjects:
  - kind: ServiceAccount
    name: {{ include "standin.fullname" . }}
    namespace: {{ .Release.Namespace }}
"""

SERVICE_ACCOUNT = """apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "standin.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "standin.labels" . | nindent 4 }}
"""

KINDS = [("deployment", DEPLOYMENT), ("service", SERVICE), ("configmap", CONFIGMAP),
         ("clusterrole", ROLE), ("clusterrolebinding", BINDING)]

VALUES = """standin:
  enabled: true
  nameOverride: ""
  replicas: 1
  image:
    repository: registry.example.org/standin/%(chart)s
    tag: ""
    pullPolicy: IfNotPresent
  args: [--log-level=info, --metrics]
  env: {GOMAXPROCS: "2", LOG_FORMAT: json}
  config: {mode: standard, retention: 24h, workers: "4"}
  podSecurityContext: {runAsNonRoot: true, runAsUser: 65532, fsGroup: 65532}
  resources:
    requests: {cpu: 10m, memory: 64Mi}
    limits: {memory: 256Mi}
  service: {type: ClusterIP, port: 80}
  rbac: {groups: ["", apps, batch]}
"""


def crd(chart, i, props):
    group = chart.replace("-", "") + ".standin.example.org"
    plural = "kind%ds" % i
    properties = {
        "field%03d" % p: {
            "type": "string",
            "description": "Field %d of kind %d of the stand-in %s chart: a description about as"
            " long as upstream CRDs carry for each field." % (p, i, chart),
        }
        for p in range(props)
    }
    return yaml.safe_dump({
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": plural + "." + group},
        "spec": {
            "group": group,
            "names": {"kind": "Kind%d" % i, "plural": plural, "singular": "kind%d" % i,
                      "listKind": "Kind%dList" % i},
            "scope": "Namespaced",
            "versions": [{
                "name": "v1", "served": True, "storage": True,
                "schema": {"openAPIV3Schema": {"type": "object", "properties": {
                    "spec": {"type": "object", "properties": properties}}}},
            }],
        },
    }, sort_keys=True)


def archive(chart, version):
    templates, crds, props = SIZES.get(chart, DEFAULT_SIZE)
    app_version = version if version.startswith("v") else "v" + version
    files = {
        "Chart.yaml": "apiVersion: v2\nname: %s\nversion: %s\nappVersion: %s\ntype: application\n"
        "description: stand-in for the upstream %s chart (bench/standin-charts.py)\n"
        % (chart, version, app_version, chart),
        "values.yaml": VALUES % {"chart": chart},
        "templates/_helpers.tpl": HELPERS,
        "templates/serviceaccount.yaml": SERVICE_ACCOUNT,
    }
    for k in range(templates - 1):
        name, body = KINDS[k % len(KINDS)]
        files["templates/%03d-%s.yaml" % (k, name)] = body.replace("@K@", str(k))
    for i in range(crds):
        files["crds/kind%d.yaml" % i] = crd(chart, i, props)
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for path in sorted(files):
            data = files[path].encode()
            info = tarfile.TarInfo(chart + "/" + path)
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            tar.addfile(info, io.BytesIO(data))
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as gz:
        gz.write(raw.getvalue())
    return out.getvalue(), templates, crds


def charts_of(tree):
    """(repoURL, chart, targetRevision) of every chart source of the tree's Applications."""
    found = set()
    for root, _, names in os.walk(tree):
        for name in names:
            if not name.endswith(".yaml"):
                continue
            with open(os.path.join(root, name)) as f:
                try:
                    docs = list(yaml.safe_load_all(f))
                except yaml.YAMLError:
                    continue
            for doc in docs:
                if not isinstance(doc, dict) or doc.get("kind") != "Application":
                    continue
                spec = doc.get("spec") or {}
                sources = ([spec["source"]] if "source" in spec else []) + spec.get("sources", [])
                for s in sources:
                    if s.get("chart"):
                        found.add((s["repoURL"], s["chart"], str(s["targetRevision"])))
    return found


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def main(argv):
    out, cache, trees = argv[0], None, argv[1:]
    if trees[:1] == ["--cache"]:
        cache, trees = trees[1], trees[2:]
    refs = set()
    for tree in trees:
        refs |= charts_of(tree)
    made = {}
    for repo, chart, version in sorted(refs):
        if (chart, version) not in made:
            data, templates, crds = archive(chart, version)
            made[(chart, version)] = data
            write(os.path.join(out, "charts", "%s-%s.tgz" % (chart, version)), data)
        data = made[(chart, version)]
        digest = hashlib.sha256(data).hexdigest()
        label = "%s %s %s" % (repo, chart, version)
        if cache:
            write(os.path.join(cache, "sha256", digest + ".tgz"), data)
            key = hashlib.sha256(label.encode()).hexdigest()
            write(os.path.join(cache, "index", key), ("sha256:%s\n" % digest).encode())
        t, c, _ = SIZES.get(chart, DEFAULT_SIZE)
        print("%-75s %4d templates %3d CRDs %8d bytes" % (label, t, c, len(data)))
    index = {"apiVersion": "v1", "entries": {}}
    for (chart, version) in sorted(made):
        index["entries"].setdefault(chart, []).append({
            "name": chart, "version": version,
            "urls": ["charts/%s-%s.tgz" % (chart, version)],
            "digest": hashlib.sha256(made[(chart, version)]).hexdigest(),
        })
    write(os.path.join(out, "index.yaml"), yaml.safe_dump(index, sort_keys=True).encode())


if __name__ == "__main__":
    main(sys.argv[1:])
