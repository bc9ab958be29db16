package io.clusterfactory.cfctl.core.backup;

import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.clusterfactory.cfctl.core.error.UnreachableException;
import io.clusterfactory.cfctl.core.kube.KubeCalls;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Dumps a {@link DataService} through the API's exec into its running pod, and checks the dump
 * before it goes into a backup: the command exited 0, printed something, and the output is whole
 * (its completion marker is there). A dump that fails a check is an error naming the service and
 * what failed, never an empty or cut entry in the archive.
 */
public final class DataDumps {
  /** Once the command has exited, how long the rest of its output may take to arrive. */
  private static final Duration DRAIN = Duration.ofSeconds(10);

  private DataDumps() {}

  /** The running pod the dump runs in, e.g. {@code mariadb/mariadb-0}. */
  public static String podOf(KubernetesClient client, KubeCalls calls, DataService service) {
    String[] selector = service.selector().split("=", 2);
    List<Pod> pods =
        calls.call(
            "listing the pods of " + service.key() + " in namespace " + service.namespace(),
            () ->
                client
                    .pods()
                    .inNamespace(service.namespace())
                    .withLabel(selector[0], selector[1])
                    .list()
                    .getItems());
    return pods.stream()
        .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
        .map(p -> p.getMetadata().getName())
        .sorted(Comparator.naturalOrder())
        .findFirst()
        .orElseThrow(
            () ->
                new UnreachableException(
                    service.namespace(),
                    "no running pod of "
                        + service.key()
                        + " ("
                        + service.selector()
                        + ") in namespace "
                        + service.namespace()
                        + " to dump",
                    "check it with: kubectl -n "
                        + service.namespace()
                        + " get pods -l "
                        + service.selector()
                        + "; or back up without --include "
                        + service.key(),
                    null));
  }

  /** The dump's bytes; ends within {@code calls}' deadline whatever the pod does. */
  public static byte[] dump(
      KubernetesClient client, KubeCalls calls, DataService service, String pod) {
    String target = service.namespace() + "/" + pod;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CountDownLatch closed = new CountDownLatch(1);
    Duration left = calls.deadline().remaining();
    int code;
    try (ExecWatch watch =
        client
            .pods()
            .inNamespace(service.namespace())
            .withName(pod)
            .inContainer(service.container())
            .writingOutput(out)
            .writingError(err)
            .usingListener(
                new ExecListener() {
                  @Override
                  public void onClose(int status, String reason) {
                    closed.countDown();
                  }

                  @Override
                  public void onFailure(Throwable t, Response failureResponse) {
                    closed.countDown();
                  }
                })
            .exec("sh", "-c", service.script())) {
      code = watch.exitCode().get(Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS);
      // the exit status can arrive before the last output frame has been written out
      closed.await(
          Math.min(DRAIN.toMillis(), calls.deadline().remaining().toMillis()),
          TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new UnreachableException(
          target,
          target + ": " + service.summary() + " did not finish within " + seconds(left),
          "give the backup more time (--timeout), or back up without --include " + service.key(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailedException(target + ": interrupted while dumping " + service.key());
    } catch (ExecutionException e) {
      throw new OperationFailedException(
          target + ": " + service.summary() + " could not run: " + e.getCause().getMessage(),
          e.getCause());
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      throw new OperationFailedException(
          target + ": " + service.summary() + " could not run: " + e.getMessage(), e);
    }
    byte[] dump;
    synchronized (out) {
      dump = out.toByteArray();
    }
    String stderr = err.toString(StandardCharsets.UTF_8).strip();
    if (code != 0) {
      throw new OperationFailedException(
          target
              + ": "
              + service.summary()
              + " exited "
              + code
              + (stderr.isEmpty() ? "" : ": " + lastLine(stderr)),
          "nothing was written; fix the service or back up without --include " + service.key(),
          null);
    }
    if (dump.length == 0) {
      throw new OperationFailedException(
          target + ": " + service.summary() + " printed nothing",
          "nothing was written; check the service, or back up without --include " + service.key(),
          null);
    }
    if (!new String(dump, StandardCharsets.UTF_8).contains(service.completeMarker())) {
      throw new OperationFailedException(
          target
              + ": the dump of "
              + service.key()
              + " is incomplete ("
              + dump.length
              + " bytes, no \""
              + service.completeMarker().strip()
              + "\")",
          "nothing was written; run the backup again",
          null);
    }
    return dump;
  }

  private static String lastLine(String text) {
    String[] lines = text.split("\n");
    return lines[lines.length - 1];
  }

  private static String seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000) + "s";
  }
}
