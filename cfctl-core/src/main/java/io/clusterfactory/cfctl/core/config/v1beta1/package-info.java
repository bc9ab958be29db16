/**
 * The cluster.yaml API, version v1beta1: typed records as written by the user. Absent fields are
 * null here; {@link io.clusterfactory.cfctl.core.config.ClusterDefaults} fills every default in one
 * place, so code after loading never sees a null where a default exists.
 */
package io.clusterfactory.cfctl.core.config.v1beta1;
