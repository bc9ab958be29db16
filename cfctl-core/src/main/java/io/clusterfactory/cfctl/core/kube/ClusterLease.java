package io.clusterfactory.cfctl.core.kube;

import io.clusterfactory.cfctl.core.error.OperationFailedException;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-side lock of a run that changes Git or the cluster: a {@code coordination.k8s.io}
 * Lease, the way Kubernetes components elect a leader. It serialises runs that take no host lock
 * ({@code --only gitops|stacks}) as well as full runs, so a second run can never push its tree over
 * the first one's while the first waits for its stacks. The holder renews it; a Lease whose renewal
 * is older than its duration belongs to a run that is gone and is taken over.
 */
public final class ClusterLease implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(ClusterLease.class);
  public static final String NAMESPACE = "kube-system";
  public static final String NAME = "cfctl-apply";
  static final int DURATION_SECONDS = 60;

  private final KubernetesClient client;
  private final KubeCalls calls;
  private final String holder;
  private ScheduledExecutorService renewer;
  private boolean held;

  public ClusterLease(KubernetesClient client, KubeCalls calls, String holder) {
    this.client = client;
    this.calls = calls;
    this.holder = holder;
  }

  /**
   * Takes the Lease, or refuses naming who holds it and since when.
   *
   * @throws OperationFailedException another live run holds it
   */
  public void acquire() {
    for (int attempt = 0; attempt < 3; attempt++) {
      Lease live = calls.call("reading Lease " + NAMESPACE + "/" + NAME, this::read);
      ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
      if (live != null && !expired(live, now) && !holder.equals(holderOf(live))) {
        throw new OperationFailedException(
            "another cfctl run holds the cluster lease "
                + NAMESPACE
                + "/"
                + NAME
                + ": "
                + holderOf(live)
                + ", since "
                + live.getSpec().getAcquireTime()
                + ", last renewed "
                + live.getSpec().getRenewTime(),
            "wait for that run to finish; a lease not renewed for "
                + DURATION_SECONDS
                + " s is taken over automatically",
            null);
      }
      if (live != null && !holder.equals(holderOf(live))) {
        logger.warn("taking over the cluster lease of a run that is gone: {}", holderOf(live));
      }
      Lease wanted =
          new LeaseBuilder(live == null ? new Lease() : live)
              .editOrNewMetadata()
              .withNamespace(NAMESPACE)
              .withName(NAME)
              .addToLabels("app.kubernetes.io/managed-by", "cfctl")
              .endMetadata()
              .editOrNewSpec()
              .withHolderIdentity(holder)
              .withLeaseDurationSeconds(DURATION_SECONDS)
              .withAcquireTime(now)
              .withRenewTime(now)
              .withLeaseTransitions(transitions(live))
              .endSpec()
              .build();
      try {
        calls.call(
            "taking Lease " + NAMESPACE + "/" + NAME,
            () ->
                live == null ? client.resource(wanted).create() : client.resource(wanted).update());
        held = true;
        startRenewing();
        return;
      } catch (OperationFailedException e) {
        if (!(e.getCause() instanceof KubernetesClientException k) || k.getCode() != 409) {
          throw e;
        }
        // another run wrote it between our read and write: read again and decide
      }
    }
    throw new OperationFailedException(
        "could not take the cluster lease " + NAMESPACE + "/" + NAME + ": it kept changing");
  }

  /** Kubernetes counts a change of holder; a new Lease starts at 0. */
  private static int transitions(Lease live) {
    if (live == null || live.getSpec() == null) {
      return 0;
    }
    Integer before = live.getSpec().getLeaseTransitions();
    return (before == null ? 0 : before) + 1;
  }

  private Lease read() {
    return client.resources(Lease.class).inNamespace(NAMESPACE).withName(NAME).get();
  }

  private static String holderOf(Lease lease) {
    return lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  private static boolean expired(Lease lease, ZonedDateTime now) {
    if (lease.getSpec() == null || lease.getSpec().getHolderIdentity() == null) {
      return true;
    }
    ZonedDateTime renewed = lease.getSpec().getRenewTime();
    Integer seconds = lease.getSpec().getLeaseDurationSeconds();
    if (renewed == null) {
      return true;
    }
    return renewed.plusSeconds(seconds == null ? DURATION_SECONDS : seconds).isBefore(now);
  }

  private void startRenewing() {
    renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cfctl-lease-renewer");
              t.setDaemon(true);
              return t;
            });
    long every = Duration.ofSeconds(DURATION_SECONDS).toMillis() / 3;
    renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  private void renew() {
    try {
      Lease live = read();
      if (live == null || !holder.equals(holderOf(live))) {
        logger.warn("the cluster lease is no longer this run's");
        return;
      }
      live.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
      client.resource(live).update();
    } catch (RuntimeException e) {
      logger.debug("renewing the cluster lease: {}", e.getMessage());
    }
  }

  /** Whether this run holds the Lease. */
  public boolean held() {
    return held;
  }

  /** Gives the Lease back (deletes it when it is still this run's). Never throws. */
  @Override
  public void close() {
    if (renewer != null) {
      renewer.shutdownNow();
    }
    if (!held) {
      return;
    }
    held = false;
    try {
      Lease live = read();
      if (live != null && holder.equals(holderOf(live))) {
        client.resource(live).delete();
      }
    } catch (RuntimeException e) {
      // a lease left behind expires on its own: nobody renews it
      logger.warn("could not release the cluster lease: {}", e.getMessage());
    }
  }
}
