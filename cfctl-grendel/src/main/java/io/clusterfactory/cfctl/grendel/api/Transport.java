package io.clusterfactory.cfctl.grendel.api;

import java.io.IOException;

/** One HTTP exchange with Grendel, over TCP or a unix socket. */
interface Transport extends AutoCloseable {

  record Request(String method, String target, String body, String authorization) {}

  record Response(int status, String body) {}

  /** {@code target} is the path and query, already percent-encoded. */
  Response send(Request request) throws IOException, InterruptedException;

  String endpoint();

  @Override
  void close();
}
