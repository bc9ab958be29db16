package io.clusterfactory.cfctl.core.pipeline;

import io.clusterfactory.cfctl.core.error.OperationFailedException;

/** A guarded mutation threw a checked exception. */
public class MutationFailedException extends OperationFailedException {
  public MutationFailedException(String target, String description, Throwable cause) {
    super(target + ": " + description + ": " + cause.getMessage(), cause);
  }
}
