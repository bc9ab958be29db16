package io.clusterfactory.cfctl.k0s.lab;

import io.clusterfactory.cfctl.k0s.ssh.ConnectionSpec;
import io.clusterfactory.cfctl.k0s.ssh.ExecOptions;
import io.clusterfactory.cfctl.k0s.ssh.ExecResult;
import io.clusterfactory.cfctl.k0s.ssh.LocalHost;
import io.clusterfactory.cfctl.k0s.ssh.ShellQuote;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lab of N hosts on this machine, each a real OpenSSH server in its own network namespace (a veth
 * on a bridge private to this lab) and its own mount and UTS namespaces (overlayfs over /etc, /var
 * and /usr, private /run and /tmp, its own hostname, machine-id and host key). See docs/lab.md.
 *
 * <p>Hosts are numbered from 0; host {@code i} has address {@code 10.199.<slot>.<11 + i>}, where
 * the slot (a /24 of 10.199.0.0/16) is chosen per lab under a lock file so that labs in parallel
 * never share addresses. Every wait is bounded. {@link #close()} tears down only the processes in
 * the namespaces this lab created and those namespaces; the {@code unreachable} route for
 * 10.199.0.0/16 stays, so lab addresses never leave this machine.
 *
 * <pre>{@code
 * try (Lab lab = Lab.builder().hosts(3).withNonRootUsers().start()) {
 *   try (SshRemoteHost host = SshRemoteHost.connect(lab.spec(0))) { ... }
 * }
 * }</pre>
 */
public final class Lab implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(Lab.class);

  /** The whole block the lab may use; routed to nowhere in the root namespace. */
  public static final String BLOCK = "10.199.0.0/16";

  /** A user with passwordless sudo, created by {@link Builder#withNonRootUsers()}. */
  public static final String SUDO_USER = "deploy";

  /** A user without sudo, created by {@link Builder#withNonRootUsers()}. */
  public static final String PLAIN_USER = "nosudo";

  private static final Path LOCK_DIR = Path.of("/run/cfctl-lab");
  private static final int FIRST_SLOT = 1;
  private static final int LAST_SLOT = 250;
  private static final int MAX_HOSTS = 200;
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  /** Slots held by labs of this JVM (a file lock cannot be taken twice by one process). */
  private static final Set<Integer> SLOTS_IN_USE = new HashSet<>();

  private static final SecureRandom RANDOM = new SecureRandom();

  private final LocalHost local = new LocalHost();
  private final int slot;
  private final FileChannel slotChannel;
  private final FileLock slotLock;
  private final Path dir;
  private final boolean nonRootUsers;
  private final List<LabHost> hosts = new ArrayList<>();
  private final List<HostProcesses> processes = new ArrayList<>();
  private final List<String> hostKeys = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::close, "lab-teardown");
  private boolean closed;

  /** The live processes of one host; null while the host is stopped. */
  private static final class HostProcesses {
    Process init;
    Process sshd;
  }

  /** Starts a lab of {@code count} hosts, root login only. */
  public static Lab create(int count) {
    return builder().hosts(count).start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options for a lab. */
  public static final class Builder {
    private int count = 1;
    private boolean nonRootUsers;

    public Builder hosts(int hostCount) {
      if (hostCount < 1 || hostCount > MAX_HOSTS) {
        throw new IllegalArgumentException("a lab has 1 to " + MAX_HOSTS + " hosts: " + hostCount);
      }
      this.count = hostCount;
      return this;
    }

    /**
     * Also creates, on every host, {@value #SUDO_USER} (passwordless sudo) and {@value #PLAIN_USER}
     * (no sudo), both accepting the lab's client keys. Needs sudo installed.
     */
    public Builder withNonRootUsers() {
      this.nonRootUsers = true;
      return this;
    }

    public Lab start() {
      return new Lab(count, nonRootUsers);
    }
  }

  private Lab(int count, boolean nonRootUsers) {
    this.nonRootUsers = nonRootUsers;
    requireSupported(nonRootUsers);
    // before anything else: a lab address can never leave this machine, even with the lab down
    run("ip route replace unreachable " + BLOCK);
    SlotClaim claim = claimSlot();
    this.slot = claim.slot;
    this.slotChannel = claim.channel;
    this.slotLock = claim.lock;
    try {
      removeLeftovers();
      removeStaleLabs();
      this.dir = Files.createTempDirectory("cfctl-lab-" + slot + "-");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      createKeys();
      createNetwork(count);
      for (int i = 0; i < count; i++) {
        prepareFilesystem(i);
        processes.add(new HostProcesses());
      }
      writeKnownHosts();
      Files.createDirectories(sharedStateDir());
      startAll();
      logger.info("lab {}: {} hosts up on 10.199.{}.0/24 in {}", slot, count, slot, dir);
    } catch (RuntimeException | IOException e) {
      close();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("starting the lab", io);
      }
      throw (RuntimeException) e;
    }
  }

  // ---------------------------------------------------------------- public API

  /** Number of hosts. */
  public int size() {
    return hosts.size();
  }

  public LabHost host(int index) {
    return hosts.get(index);
  }

  public List<LabHost> hosts() {
    return List.copyOf(hosts);
  }

  /** The /24 slot of 10.199.0.0/16 this lab uses. */
  public int slot() {
    return slot;
  }

  /** This lab's working folder (keys, per-host upper dirs, logs); removed on close. */
  public Path dir() {
    return dir;
  }

  /** The ed25519 private key (OpenSSH format) every lab host accepts for every user. */
  public Path clientKey() {
    return dir.resolve("client_ed25519");
  }

  /** An RSA private key (PEM format) every lab host also accepts. */
  public Path rsaClientKey() {
    return dir.resolve("client_rsa");
  }

  /** A private key no lab host accepts. */
  public Path unauthorizedKey() {
    return dir.resolve("stranger_ed25519");
  }

  /** A known_hosts file listing every host's key as it was when the lab started. */
  public Path knownHosts() {
    return dir.resolve("known_hosts");
  }

  /** The host's current public key, {@code "ssh-ed25519 AAAA..."}. */
  public String hostKey(int index) {
    return hostKeys.get(index);
  }

  /**
   * How to reach a host as root: the lab's client key, the lab's known_hosts (never the real
   * ~/.ssh), and short bounded retries.
   */
  public ConnectionSpec spec(int index) {
    LabHost host = hosts.get(index);
    return ConnectionSpec.of(host.address(), host.port(), "root")
        .withKeyPath(clientKey())
        .withKnownHosts(knownHosts(), false)
        .withRetries(Duration.ofSeconds(5), 2, Duration.ofSeconds(10));
  }

  /** Whether the host is running (its processes are up). */
  public boolean isRunning(int index) {
    HostProcesses host = processes.get(index);
    return host.init != null && host.init.isAlive();
  }

  /**
   * Powers a host off: kills every process in its network namespace (sshd, sessions, anything
   * started on it). Its disk (/etc, /var, /usr) is kept; /run and /tmp are lost, as on a reboot.
   * Connections to it are then refused.
   */
  public void stop(int index) {
    killEverythingIn(hosts.get(index).netns());
    HostProcesses host = processes.get(index);
    host.init = null;
    host.sshd = null;
  }

  /** Boots a stopped host again and waits (bounded) until sshd accepts connections. */
  public void start(int index) {
    if (isRunning(index)) {
      throw new IllegalStateException(hosts.get(index).hostname() + " is already running");
    }
    boot(index);
  }

  /**
   * Freezes a host: SIGSTOP to every process in its network namespace (sshd and the sessions it
   * forked). The kernel still accepts TCP connections and acknowledges bytes, but nothing answers:
   * a host that hangs. {@link #thaw(int)} undoes it; {@link #close()} kills frozen processes as any
   * other.
   */
  public void freeze(int index) {
    signalEverythingIn(hosts.get(index).netns(), "STOP");
  }

  /** Lets a frozen host run again (SIGCONT). */
  public void thaw(int index) {
    signalEverythingIn(hosts.get(index).netns(), "CONT");
  }

  private void signalEverythingIn(String namespace, String signal) {
    List<String> pids = pidsIn(namespace);
    if (!pids.isEmpty()) {
      local.exec("kill -" + signal + " " + String.join(" ", pids));
    }
  }

  /** Unplugs the host's network cable: packets to it are dropped (connects time out). */
  public void unplug(int index) {
    run("ip link set " + vethName(index) + " down");
  }

  /** Plugs the host's network cable back in. */
  public void plug(int index) {
    run("ip link set " + vethName(index) + " up");
  }

  /**
   * Runs a command as root inside the host's namespaces (for setting up and asserting; not through
   * SSH). The host must be running.
   */
  public ExecResult exec(int index, String command) {
    return local.exec(
        insideHost(index, command), ExecOptions.defaults().withTimeout(COMMAND_TIMEOUT));
  }

  /** Like {@link #exec(int, String)}, failing the test when the command fails. */
  public String execOk(int index, String command) {
    return exec(index, command).orThrow(hosts.get(index).hostname() + ": " + command).stdout();
  }

  /** A file as the host sees it (UTF-8), or empty when it does not exist there. */
  public Optional<String> file(int index, String path) {
    String quoted = ShellQuote.quote(path);
    ExecResult result = exec(index, "[ -e " + quoted + " ] || exit 44; cat -- " + quoted);
    if (result.exitCode() == 44) {
      return Optional.empty();
    }
    return Optional.of(result.orThrow(hosts.get(index).hostname() + ": reading " + path).stdout());
  }

  /**
   * The calls the stand-in k0s recorded on this host, one line each: {@code <epoch-seconds>
   * <arguments...>} (see docs/lab.md).
   */
  public List<String> k0sCalls(int index) {
    return file(index, StandInK0s.CALLS_LOG)
        .map(content -> content.lines().collect(Collectors.toList()))
        .orElse(List.of());
  }

  /**
   * Gives the host a new host key (as a reinstalled machine would have) and restarts its sshd. The
   * lab's {@link #knownHosts()} still holds the old key, so a strict client now sees a changed key.
   */
  public String regenerateHostKey(int index) {
    execOk(
        index,
        "rm -f /etc/cfctl-lab/ssh_host_ed25519_key /etc/cfctl-lab/ssh_host_ed25519_key.pub && "
            + "ssh-keygen -q -t ed25519 -N '' -C "
            + hosts.get(index).hostname()
            + " -f /etc/cfctl-lab/ssh_host_ed25519_key");
    hostKeys.set(
        index, publicKeyLine(file(index, "/etc/cfctl-lab/ssh_host_ed25519_key.pub").orElseThrow()));
    HostProcesses host = processes.get(index);
    stopProcess(host.sshd);
    host.sshd = startSshd(index, host.init.pid());
    return hostKeys.get(index);
  }

  /** Tears the lab down; idempotent. The unreachable route for {@link #BLOCK} stays. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down and this is the hook itself
    }
    try {
      removeLeftovers();
    } catch (RuntimeException e) {
      logger.warn("lab {}: teardown incomplete: {}", slot, e.getMessage());
    }
    if (dir != null) {
      deleteTree(dir);
    }
    releaseSlot();
  }

  // ---------------------------------------------------------------- setup

  private static void requireSupported(boolean nonRootUsers) {
    LocalHost probe = new LocalHost();
    if (!probe.isRoot()) {
      throw new LabUnavailableException(
          "the lab needs root (user " + System.getProperty("user.name") + " is not)");
    }
    for (String tool :
        List.of("/usr/sbin/sshd", "ip", "nsenter", "unshare", "ssh-keygen", "mount", "sleep")) {
      ExecResult found = probe.exec("command -v " + tool, ExecOptions.defaults().asLoginUser());
      if (!found.ok()) {
        throw new LabUnavailableException("the lab needs " + tool + ", which is not installed");
      }
    }
    if (nonRootUsers && !probe.exec("command -v sudo", ExecOptions.defaults().asLoginUser()).ok()) {
      throw new LabUnavailableException("non-root lab users need sudo, which is not installed");
    }
    ExecResult netns = probe.exec("ip netns list", ExecOptions.defaults().asLoginUser());
    if (!netns.ok()) {
      throw new LabUnavailableException("ip netns does not work here: " + netns.stderr().strip());
    }
    if (!probe.exec("grep -qw overlay /proc/filesystems || modprobe overlay").ok()) {
      throw new LabUnavailableException("overlayfs is not available");
    }
  }

  private record SlotClaim(int slot, FileChannel channel, FileLock lock) {}

  private static SlotClaim claimSlot() {
    try {
      Files.createDirectories(LOCK_DIR);
      for (int candidate = FIRST_SLOT; candidate <= LAST_SLOT; candidate++) {
        synchronized (SLOTS_IN_USE) {
          if (SLOTS_IN_USE.contains(candidate)) {
            continue;
          }
          FileChannel channel =
              FileChannel.open(
                  LOCK_DIR.resolve("slot-" + candidate + ".lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = channel.tryLock();
          if (lock == null) {
            channel.close();
            continue;
          }
          SLOTS_IN_USE.add(candidate);
          return new SlotClaim(candidate, channel, lock);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("claiming a lab slot under " + LOCK_DIR, e);
    }
    throw new LabUnavailableException(
        "all " + (LAST_SLOT - FIRST_SLOT + 1) + " lab slots are in use (see " + LOCK_DIR + ")");
  }

  private void releaseSlot() {
    try {
      slotLock.release();
      slotChannel.close();
    } catch (IOException e) {
      logger.debug("releasing lab slot {}: {}", slot, e.getMessage());
    }
    synchronized (SLOTS_IN_USE) {
      SLOTS_IN_USE.remove(slot);
    }
  }

  private String bridgeName() {
    return "cflab" + slot;
  }

  private String netnsName(int index) {
    return "cflab" + slot + "-h" + (index + 1);
  }

  private String vethName(int index) {
    return "cfl" + slot + "h" + (index + 1);
  }

  /** Removes what carries this slot's names: namespaces and the bridge. */
  private void removeLeftovers() {
    removeSlotLeftovers(slot);
  }

  private void removeSlotLeftovers(int leftoverSlot) {
    String prefix = "cflab" + leftoverSlot + "-h";
    for (String namespace : labNamespaces()) {
      if (namespace.startsWith(prefix)) {
        killEverythingIn(namespace);
        run("ip netns delete " + namespace);
      }
    }
    String bridge = "cflab" + leftoverSlot;
    if (local.exec("ip link show " + bridge).ok()) {
      run("ip link delete " + bridge);
    }
  }

  private List<String> labNamespaces() {
    return run("ip netns list")
        .lines()
        .map(line -> line.split("\\s+")[0])
        .filter(name -> name.matches("cflab[0-9]+-h[0-9]+"))
        .collect(Collectors.toList());
  }

  /**
   * Removes what labs of crashed runs left behind in any slot nobody holds: a slot's lock can be
   * taken only when no running lab owns it, so its namespaces are leftovers.
   */
  private void removeStaleLabs() {
    Set<Integer> slots = new TreeSet<>();
    for (String namespace : labNamespaces()) {
      slots.add(Integer.parseInt(namespace.substring(5, namespace.indexOf('-'))));
    }
    for (int candidate : slots) {
      if (candidate == slot) {
        continue;
      }
      synchronized (SLOTS_IN_USE) {
        if (SLOTS_IN_USE.contains(candidate)) {
          continue;
        }
        try (FileChannel channel =
                FileChannel.open(
                    LOCK_DIR.resolve("slot-" + candidate + ".lock"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock()) {
          if (lock != null) {
            logger.info("removing leftovers of an earlier lab in slot {}", candidate);
            removeSlotLeftovers(candidate);
          }
        } catch (IOException e) {
          logger.debug("checking lab slot {}: {}", candidate, e.getMessage());
        }
      }
    }
  }

  private void killEverythingIn(String namespace) {
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    while (true) {
      List<String> pids = pidsIn(namespace);
      if (pids.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "processes " + pids + " in " + namespace + " survived SIGKILL for " + STOP_TIMEOUT);
      }
      local.exec("kill -KILL " + String.join(" ", pids));
      sleep(50);
    }
  }

  private List<String> pidsIn(String namespace) {
    ExecResult result = local.exec("ip netns pids " + namespace);
    if (!result.ok()) {
      return List.of();
    }
    return result.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private void createKeys() {
    run("ssh-keygen -q -t ed25519 -N '' -C cfctl-lab -f " + clientKey());
    run("ssh-keygen -q -t rsa -b 2048 -m PEM -N '' -C cfctl-lab-rsa -f " + rsaClientKey());
    run("ssh-keygen -q -t ed25519 -N '' -C stranger -f " + unauthorizedKey());
  }

  private void createNetwork(int count) {
    String bridge = bridgeName();
    run("ip link add " + bridge + " type bridge");
    run("ip addr add 10.199." + slot + ".1/24 dev " + bridge);
    run("ip link set " + bridge + " up");
    for (int i = 0; i < count; i++) {
      String netns = netnsName(i);
      String address = "10.199." + slot + "." + (11 + i);
      run("ip netns add " + netns);
      run("ip link add " + vethName(i) + " type veth peer name eth0 netns " + netns);
      run("ip link set " + vethName(i) + " master " + bridge + " up");
      run("ip -n " + netns + " link set lo up");
      run("ip -n " + netns + " link set eth0 up");
      run("ip -n " + netns + " addr add " + address + "/24 dev eth0");
      // a gateway nobody answers: nothing can leave the lab by accident
      run("ip -n " + netns + " route add default via 10.199." + slot + ".254 dev eth0");
      hosts.add(new LabHost(i, "node-" + (i + 1), address, netns));
    }
  }

  /** This machine's address on the lab's bridge: a server bound to it is reachable from hosts. */
  public String runnerAddress() {
    return "10.199." + slot + ".1";
  }

  /**
   * The folder every host of this lab sees at {@link StandInK0s#SHARED_STATE}: the stand-in k0s
   * keeps cluster-wide state there (join tokens, joined nodes), as a real cluster keeps it in its
   * datastore.
   */
  public Path sharedStateDir() {
    return dir.resolve("cluster-state");
  }

  private Path hostDir(int index) {
    return dir.resolve("h" + (index + 1));
  }

  /** Writes the host's own files into the upper layer of its /etc before it first boots. */
  private void prepareFilesystem(int index) throws IOException {
    Path root = hostDir(index);
    for (String layer : List.of("etc", "var", "usr")) {
      Files.createDirectories(root.resolve("upper").resolve(layer));
      Files.createDirectories(root.resolve("work").resolve(layer));
    }
    Files.createDirectories(
        root.resolve("root"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path etc = root.resolve("upper/etc");
    LabHost host = hosts.get(index);
    Files.writeString(etc.resolve("hostname"), host.hostname() + "\n");
    StringBuilder hostsFile = new StringBuilder("127.0.0.1\tlocalhost\n::1\tlocalhost\n");
    for (LabHost other : hosts) {
      hostsFile.append(other.address()).append('\t').append(other.hostname()).append('\n');
    }
    Files.writeString(etc.resolve("hosts"), hostsFile.toString());
    byte[] machineId = new byte[16];
    RANDOM.nextBytes(machineId);
    Files.writeString(etc.resolve("machine-id"), HexFormat.of().formatHex(machineId) + "\n");
    Path labEtc = Files.createDirectories(etc.resolve("cfctl-lab"));
    run(
        "ssh-keygen -q -t ed25519 -N '' -C "
            + host.hostname()
            + " -f "
            + labEtc.resolve("ssh_host_ed25519_key"));
    hostKeys.add(publicKeyLine(Files.readString(labEtc.resolve("ssh_host_ed25519_key.pub"))));
    Files.writeString(
        labEtc.resolve("authorized_keys"),
        Files.readString(Path.of(clientKey() + ".pub"))
            + Files.readString(Path.of(rsaClientKey() + ".pub")));
    Files.writeString(
        labEtc.resolve("sshd_config"),
        String.join(
            "\n",
            "ListenAddress " + host.address(),
            "Port 22",
            "HostKey /etc/cfctl-lab/ssh_host_ed25519_key",
            "AuthorizedKeysFile /etc/cfctl-lab/authorized_keys",
            "PermitRootLogin prohibit-password",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "StrictModes no",
            "UseDNS no",
            "PidFile none",
            "MaxStartups 100:30:200",
            "MaxSessions 20",
            "Subsystem sftp internal-sftp",
            ""));
    if (nonRootUsers) {
      addUsers(etc);
    }
  }

  /** Adds the two non-root users to copies of /etc/passwd, group, shadow and sudoers.d. */
  private void addUsers(Path etc) throws IOException {
    String passwd = Files.readString(Path.of("/etc/passwd"));
    String group = Files.readString(Path.of("/etc/group"));
    String shadow = Files.readString(Path.of("/etc/shadow"));
    StringBuilder morePasswd = new StringBuilder();
    StringBuilder moreGroup = new StringBuilder();
    StringBuilder moreShadow = new StringBuilder();
    int id = 4242;
    for (String user : List.of(SUDO_USER, PLAIN_USER)) {
      morePasswd.append(user + ":x:" + id + ":" + id + "::/var/home/" + user + ":/bin/bash\n");
      moreGroup.append(user + ":x:" + id + ":\n");
      // "*": no password, but not locked (sshd refuses key logins of locked accounts)
      moreShadow.append(user + ":*:19000:0:99999:7:::\n");
      Path home = Files.createDirectories(etc.resolveSibling("var").resolve("home").resolve(user));
      run("chown " + id + ":" + id + " " + home);
      id++;
    }
    Files.writeString(etc.resolve("passwd"), passwd + morePasswd);
    Files.writeString(etc.resolve("group"), group + moreGroup);
    Files.writeString(etc.resolve("shadow"), shadow + moreShadow);
    run("chmod 0640 " + etc.resolve("shadow") + " && chgrp shadow " + etc.resolve("shadow"));
    Path sudoers = Files.createDirectories(etc.resolve("sudoers.d"));
    Files.writeString(sudoers.resolve("cfctl-lab"), SUDO_USER + " ALL=(ALL) NOPASSWD: ALL\n");
    run("chmod 0440 " + sudoers.resolve("cfctl-lab"));
  }

  private void writeKnownHosts() throws IOException {
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < hosts.size(); i++) {
      content.append(hosts.get(i).address()).append(' ').append(hostKeys.get(i)).append('\n');
    }
    Files.writeString(knownHosts(), content.toString());
  }

  private void startAll() {
    // boot hosts in parallel: each waits for its own sshd, bounded
    List<CompletableFuture<Void>> boots =
        IntStream.range(0, hosts.size())
            .mapToObj(i -> CompletableFuture.runAsync(() -> boot(i)))
            .toList();
    try {
      CompletableFuture.allOf(boots.toArray(CompletableFuture[]::new))
          .get(START_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "lab hosts did not start within " + START_TIMEOUT.multipliedBy(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the lab", e);
    }
  }

  /**
   * Starts the host's "init": a process in the host's network namespace that creates its mount and
   * UTS namespaces, mounts the host's disk and exits only when killed; then sshd inside it.
   */
  private void boot(int index) {
    LabHost host = hosts.get(index);
    Path root = hostDir(index);
    String mounts =
        "set -e; mount --make-rprivate /; "
            + "for d in etc var usr; do mount -t overlay overlay -o lowerdir=/$d,upperdir="
            + root.resolve("upper")
            + "/$d,workdir="
            + root.resolve("work")
            + "/$d /$d; done; "
            + "mkdir -p "
            + StandInK0s.SHARED_STATE
            + "; mount --bind "
            + sharedStateDir()
            + " "
            + StandInK0s.SHARED_STATE
            + "; "
            // root's own home: the machine's ~/.bashrc (sourced by bash under sshd) is not the
            // host's
            + "mount --bind "
            + root.resolve("root")
            + " /root; "
            + "mount -t tmpfs -o mode=0755 tmpfs /run; mkdir -p /run/sshd /run/lock; "
            + "mount -t tmpfs -o mode=1777 tmpfs /tmp; "
            + "hostname "
            + host.hostname()
            + "; echo ready; exec sleep infinity";
    ProcessBuilder builder =
        new ProcessBuilder(
                "ip", "netns", "exec", host.netns(), "unshare", "-m", "-u", "sh", "-c", mounts)
            .redirectErrorStream(true);
    Process init;
    try {
      init = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("starting " + host.hostname(), e);
    }
    String firstLine = firstLine(init, START_TIMEOUT);
    if (!"ready".equals(firstLine)) {
      init.destroyForcibly();
      throw new IllegalStateException(
          host.hostname() + ": setting up its namespaces failed: " + firstLine);
    }
    HostProcesses running = processes.get(index);
    running.init = init;
    running.sshd = startSshd(index, init.pid());
  }

  private Process startSshd(int index, long initPid) {
    LabHost host = hosts.get(index);
    Path log = hostDir(index).resolve("sshd.log");
    Process sshd;
    try {
      sshd =
          new ProcessBuilder(
                  "nsenter",
                  "-t",
                  Long.toString(initPid),
                  "-m",
                  "-u",
                  "-n",
                  "--",
                  "/usr/sbin/sshd",
                  "-D",
                  "-e",
                  "-f",
                  "/etc/cfctl-lab/sshd_config")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("starting sshd on " + host.hostname(), e);
    }
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!sshd.isAlive()) {
        throw new IllegalStateException(
            host.hostname() + ": sshd exited with " + sshd.exitValue() + ": " + tail(log));
      }
      if (accepts(host.address(), host.port())) {
        return sshd;
      }
      sleep(20);
    }
    sshd.destroyForcibly();
    throw new IllegalStateException(
        host.hostname() + ": sshd did not listen within " + START_TIMEOUT + ": " + tail(log));
  }

  private static boolean accepts(String address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String firstLine(Process process, Duration timeout) {
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                BufferedReader reader =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String first = reader.readLine();
                if ("ready".equals(first)) {
                  return first;
                }
                StringBuilder all = new StringBuilder(first == null ? "" : first);
                reader.lines().limit(20).forEach(l -> all.append(" | ").append(l));
                return all.toString();
              } catch (IOException e) {
                return e.getMessage();
              }
            });
    try {
      return line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return "no answer within " + timeout;
    } catch (ExecutionException e) {
      return e.getCause().getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private void stopProcess(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String insideHost(int index, String command) {
    HostProcesses host = processes.get(index);
    if (host.init == null || !host.init.isAlive()) {
      throw new IllegalStateException(hosts.get(index).hostname() + " is not running");
    }
    return "nsenter -t " + host.init.pid() + " -m -u -n -- sh -c " + ShellQuote.quote(command);
  }

  private static String publicKeyLine(String pubFile) {
    String[] fields = pubFile.strip().split("\\s+");
    return fields[0] + " " + fields[1];
  }

  private String run(String command) {
    return local
        .exec(command, ExecOptions.defaults().withTimeout(COMMAND_TIMEOUT))
        .orThrow("lab " + slot + ": " + command)
        .stdout();
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      logger.warn("could not remove {}: {}", root, e.getMessage());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public String toString() {
    return "Lab[slot="
        + slot
        + ", hosts="
        + Arrays.toString(hosts.stream().map(LabHost::address).toArray())
        + "]";
  }
}
