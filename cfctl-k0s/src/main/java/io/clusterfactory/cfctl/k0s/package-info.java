/** Hosts over SSH: connect, install, join, upgrade and reset k0s. */
package io.clusterfactory.cfctl.k0s;
