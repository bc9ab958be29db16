package io.clusterfactory.cfctl.core.config.v1beta1;

import java.util.List;
import java.util.Map;

/**
 * A chart component block: besides patches, it takes Helm values deep-merged over cfctl's ({@code
 * values}) and value files beside cluster.yaml listed after cfctl's ({@code valuesFiles}).
 */
public interface ChartCustomizable extends Customizable {
  /** The schema's description of {@code values}, the same on every chart component. */
  String VALUES_DOC =
      "Helm values deep-merged over cfctl's (yours win; maps merge, lists and scalars replace)";

  /** The schema's description of {@code valuesFiles}, the same on every chart component. */
  String VALUES_FILES_DOC =
      "Helm value files beside cluster.yaml, committed into the tree and listed after cfctl's"
          + " values (later files win)";

  /** Values merged over cfctl's own (user wins); empty when none (after defaults). */
  Map<String, Object> values();

  /** Value files relative to cluster.yaml, in order (later ones win); empty when none. */
  List<String> valuesFiles();
}
