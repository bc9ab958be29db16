package io.clusterfactory.cfctl.core.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterfactory.cfctl.core.config.SiteFiles;
import io.clusterfactory.cfctl.core.patch.ObjectPatch;
import java.util.List;

/**
 * What the site sets on one component: Helm values merged over cfctl's, value files listed after
 * them, and patches over the objects rendered for it.
 *
 * @param values the {@code values:} mapping (empty when none)
 * @param valueFiles the {@code valuesFiles:}, in order
 * @param patches the {@code patches:}, in order
 */
record Customization(
    ObjectNode values, List<SiteFiles.ValueFile> valueFiles, List<ObjectPatch> patches) {

  boolean hasValues() {
    return !values.isEmpty();
  }
}
