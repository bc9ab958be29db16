package io.clusterfactory.cfctl.cli.commands.nodes;

/** The {@code -o} values of the live nodes commands. */
enum OutputFormat {
  text,
  json
}
