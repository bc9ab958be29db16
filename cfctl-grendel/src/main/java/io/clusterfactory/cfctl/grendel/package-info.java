/** Grendel domain library: nodesets, inventory, Grendel REST API, SLURM node lines. */
package io.clusterfactory.cfctl.grendel;
