package io.clusterfactory.cfctl.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterfactory.cfctl.core.config.ConfigLoader;
import io.clusterfactory.cfctl.core.config.LoadedConfig;
import io.clusterfactory.cfctl.core.config.ValidationMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the values check finds what cluster.yaml set on each chart Application. */
class ValuesCheckSiteTest {

  @Test
  void componentBlocksAndSiteApplicationsAreFoundByApplicationName() {
    LoadedConfig config =
        new ConfigLoader(k -> null, ValidationMode.OFFLINE)
            .load(Path.of("../examples/site-owned/cluster.yaml"));
    Map<String, ValuesCheck.SiteValues> site = ValuesCheck.site(config.cluster(), config.source());
    ValuesCheck.SiteValues traefik = site.get("network-traefik");
    assertEquals("spec.network.traefik", traefik.yamlPath());
    assertEquals(3, traefik.values().at("/deployment/replicas").asInt());
    assertEquals(List.of("values/traefik.yaml"), traefik.valuesFiles());
    assertEquals(config.source(), traefik.configFile());
    ValuesCheck.SiteValues monitoring = site.get("software-monitoring");
    assertEquals("spec.applications[0]", monitoring.yamlPath());
    assertEquals(true, monitoring.values().at("/grafana/ingress/enabled").asBoolean());
  }
}
