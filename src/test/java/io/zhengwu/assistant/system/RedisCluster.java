package io.zhengwu.assistant.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

/**
 * A real Redis Cluster for a test: {@code redis-server} processes with {@code cluster-enabled yes}
 * on free loopback ports, no persistence, their cluster config files in the test's directory; the
 * 16384 slots split evenly between the masters with CLUSTER ADDSLOTSRANGE, joined with CLUSTER MEET,
 * ready once every node reports {@code cluster_state:ok}. {@link #start(Path, int)} makes masters
 * only; {@link #startWithReplicas(Path, int, Duration)} gives each master one replica (CLUSTER
 * REPLICATE), ready once every replica's link to its master is up, so that {@link #killMasterOf(String)}
 * can kill a master and wait for the cluster to promote its replica. {@link #close()} stops them.
 */
public final class RedisCluster implements AutoCloseable {

	private static final int SLOTS = 16384;

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final RedisProcesses processes;

	private final Duration nodeTimeout;

	private final RedisClient client = RedisClient.create();

	/** Port → a connection to that node alone (not cluster-aware: it sees that node's keys); live nodes only. */
	private final Map<Integer, StatefulRedisConnection<String, String>> nodes = new LinkedHashMap<>();

	/** Port → the node's cluster bus port (chosen free, not port + 10000, which may be above 65535). */
	private final Map<Integer, Integer> busPorts = new LinkedHashMap<>();

	/** Port → the node's process and the command that started it (to start it again after a kill). */
	private final Map<Integer, Process> running = new LinkedHashMap<>();

	private final Map<Integer, List<String>> commands = new LinkedHashMap<>();

	/** Ports of nodes killed by {@link #kill(int)} and not started again yet. */
	private final List<Integer> killed = new ArrayList<>();

	private RedisCluster(Path dir, Duration nodeTimeout) {
		this.processes = new RedisProcesses(dir);
		this.nodeTimeout = nodeTimeout;
	}

	/** Starts {@code masters} nodes, no replicas, and forms the cluster; the caller closes it. */
	public static RedisCluster start(Path dir, int masters) throws IOException, InterruptedException {
		return start(dir, masters, 0, Duration.ofSeconds(5));
	}

	/**
	 * Starts {@code masters} masters with one replica each and forms the cluster; a node is
	 * considered failing after {@code nodeTimeout} without an answer (short: a quick failover).
	 */
	public static RedisCluster startWithReplicas(Path dir, int masters, Duration nodeTimeout)
			throws IOException, InterruptedException {
		return start(dir, masters, 1, nodeTimeout);
	}

	private static RedisCluster start(Path dir, int masters, int replicasEach, Duration nodeTimeout)
			throws IOException, InterruptedException {
		RedisCluster cluster = new RedisCluster(dir, nodeTimeout);
		try {
			for (int i = 0; i < masters * (1 + replicasEach); i++) {
				cluster.startNode(i);
			}
			cluster.form(masters);
			return cluster;
		}
		catch (IOException | InterruptedException | RuntimeException | Error ex) {
			cluster.close();
			throw ex;
		}
	}

	private void startNode(int index) throws IOException, InterruptedException {
		Path nodeDir = Files.createDirectories(this.processes.dir().resolve("node-" + index));
		// A port found free may be taken before redis-server binds it: then try new ones.
		AssertionError failure = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			int port = RedisProcesses.freePort();
			int busPort = RedisProcesses.freePort();
			List<String> command = List.of(RedisProcesses.SERVER.toString(), "--port", String.valueOf(port), "--bind",
					"127.0.0.1", "--cluster-enabled", "yes", "--cluster-port", String.valueOf(busPort),
					"--cluster-config-file", nodeDir.resolve("nodes.conf").toString(), "--cluster-node-timeout",
					String.valueOf(this.nodeTimeout.toMillis()), "--save", "", "--appendonly", "no", "--dir",
					nodeDir.toString());
			Process process = this.processes.start(command.toArray(String[]::new));
			try {
				RedisProcesses.awaitPort(port, process);
			}
			catch (AssertionError ex) {
				failure = ex;
				process.destroyForcibly();
				continue;
			}
			this.nodes.put(port, this.client.connect(RedisURI.create("127.0.0.1", port)));
			this.busPorts.put(port, busPort);
			this.running.put(port, process);
			this.commands.put(port, command);
			return;
		}
		throw failure;
	}

	private void form(int masters) throws InterruptedException {
		List<Integer> ports = new ArrayList<>(this.nodes.keySet());
		int share = SLOTS / masters;
		for (int i = 0; i < masters; i++) {
			int from = i * share;
			int to = (i == masters - 1) ? SLOTS - 1 : from + share - 1;
			node(ports.get(i)).clusterAddSlotsRange(Range.create(from, to));
		}
		for (int port : ports.subList(1, ports.size())) {
			// CLUSTER MEET ip port bus-port: Lettuce's clusterMeet has no bus port.
			node(ports.get(0)).dispatch(CommandType.CLUSTER, new StatusOutput<>(StringCodec.UTF8),
					new CommandArgs<>(StringCodec.UTF8).add("MEET")
						.add("127.0.0.1")
						.add(port)
						.add(this.busPorts.get(port)));
		}
		// Replica i (after the masters) follows master i % masters, once it knows that master.
		for (int i = masters; i < ports.size(); i++) {
			int replica = ports.get(i);
			String masterId = node(ports.get(i % masters)).clusterMyId();
			await("node " + replica + " knows its master " + masterId,
					() -> node(replica).clusterNodes().contains(masterId));
			node(replica).clusterReplicate(masterId);
		}
		await("every replica's link to its master is up, every node knows every replica and the cluster is ok",
				() -> ports.stream().allMatch(this::ready), this::states);
	}

	/** The node reports cluster_state:ok, knows every node's role, and, if a replica, is linked to its master. */
	private boolean ready(int port) {
		if (!node(port).clusterInfo().contains("cluster_state:ok")) {
			return false;
		}
		Partitions view = ClusterPartitionParser.parse(node(port).clusterNodes());
		for (int other : this.nodes.keySet()) {
			String role = (String) node(other).role().get(0);
			RedisClusterNode seen = nodeAt(view, other);
			if (seen == null || ("slave".equals(role) != seen.is(RedisClusterNode.NodeFlag.REPLICA))) {
				return false;
			}
		}
		return "master".equals(node(port).role().get(0))
				|| node(port).info("replication").contains("master_link_status:up");
	}

	private String states() {
		return this.nodes.keySet()
			.stream()
			.map((port) -> port + " " + node(port).role().get(0) + ": "
					+ node(port).clusterInfo().lines().findFirst().orElse("")
					+ node(port).info("replication").lines().filter((line) -> line.startsWith("master_link_status"))
						.map((line) -> ", " + line).collect(Collectors.joining()))
			.collect(Collectors.joining("; "));
	}

	private static RedisClusterNode nodeAt(Partitions view, int port) {
		for (RedisClusterNode node : view) {
			if (node.getUri().getPort() == port) {
				return node;
			}
		}
		return null;
	}

	private RedisCommands<String, String> node(int port) {
		return this.nodes.get(port).sync();
	}

	private RedisCommands<String, String> anyNode() {
		return node(this.nodes.keySet().iterator().next());
	}

	/** The seed nodes as {@code REDIS_URL}: {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,…}. */
	public String url() {
		return "redis-cluster://"
				+ this.nodes.keySet().stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	/** The ports of the nodes running now (masters and replicas). */
	public List<Integer> ports() {
		return List.copyOf(this.nodes.keySet());
	}

	/** The port of the master serving {@code key}'s slot now, as the cluster itself says (CLUSTER NODES). */
	public int masterOf(String key) {
		int slot = anyNode().clusterKeyslot(key).intValue();
		for (RedisClusterNode node : ClusterPartitionParser.parse(anyNode().clusterNodes())) {
			if (node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.is(RedisClusterNode.NodeFlag.FAIL)
					&& node.hasSlot(slot)) {
				return node.getUri().getPort();
			}
		}
		throw new AssertionError("No master serves slot " + slot + " of " + key + ": " + states());
	}

	/**
	 * Waits until every write the master serving {@code key} took has reached its replica (WAIT 1),
	 * so a failover loses none of them.
	 */
	public void awaitReplicated(String key) {
		int master = masterOf(key);
		Long replicas = node(master).waitForReplication(1, WAIT.toMillis());
		if (replicas == null || replicas < 1) {
			throw new AssertionError("The writes on " + master + " did not reach its replica within " + WAIT);
		}
	}

	/** The ports of the nodes where a client is subscribed to {@code channel} (PUBSUB NUMSUB is per node). */
	public List<Integer> subscribedTo(String channel) {
		return this.nodes.keySet()
			.stream()
			.filter((port) -> node(port).pubsubNumsub(channel).getOrDefault(channel, 0L) > 0)
			.toList();
	}

	/**
	 * Kills (SIGKILL) the master serving {@code key}'s slot and waits until the cluster has promoted its
	 * replica (see {@link #kill(int)}).
	 */
	public Failover killMasterOf(String key) throws InterruptedException {
		return kill(masterOf(key));
	}

	/**
	 * Kills (SIGKILL) the master serving {@code key}'s slot, runs {@code meanwhile} as soon as it is
	 * dead, and waits until the cluster has promoted its replica (see {@link #kill(int)}).
	 */
	public Failover killMasterOf(String key, Runnable meanwhile) throws InterruptedException {
		return kill(masterOf(key), meanwhile);
	}

	/**
	 * Kills (SIGKILL) the node at {@code port}. A master: waits until the cluster has promoted its
	 * replica, which then serves its slots in every running node's view, and every running node reports
	 * {@code cluster_state:ok}. A replica: waits until every running node reports {@code cluster_state:ok}.
	 * @return the failover; {@link Failover#promotedPort()} is 0 when a replica was killed
	 */
	public Failover kill(int port) throws InterruptedException {
		return kill(port, () -> {
		});
	}

	private Failover kill(int port, Runnable meanwhile) throws InterruptedException {
		String id = node(port).clusterMyId();
		boolean master = "master".equals(node(port).role().get(0));
		int slot = -1;
		int replica = 0;
		if (master) {
			RedisClusterNode self = nodeAt(ClusterPartitionParser.parse(node(port).clusterNodes()), port);
			slot = self.getSlots().get(0);
			replica = this.nodes.keySet()
				.stream()
				.filter((other) -> id.equals(nodeAt(ClusterPartitionParser.parse(node(other).clusterNodes()), other)
					.getSlaveOf()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("The master " + port + " has no replica: " + states()));
		}
		this.nodes.remove(port).close();
		this.running.get(port).destroyForcibly().waitFor();
		this.killed.add(port);
		meanwhile.run();
		int promoted = replica;
		int ownSlot = slot;
		await(master ? "the replica " + promoted + " of " + port + " is promoted and the cluster is ok"
				: "the cluster is ok without the replica " + port, () -> {
					if (master && !"master".equals(node(promoted).role().get(0))) {
						return false;
					}
					for (int other : this.nodes.keySet()) {
						if (!node(other).clusterInfo().contains("cluster_state:ok")) {
							return false;
						}
						if (master) {
							RedisClusterNode owner = ClusterPartitionParser.parse(node(other).clusterNodes())
								.getPartitionBySlot(ownSlot);
							if (owner == null || owner.getUri().getPort() != promoted) {
								return false;
							}
						}
					}
					return true;
				}, this::states);
		return new Failover(port, promoted, ownSlot);
	}

	/**
	 * Starts every node killed by {@link #kill(int)} again, with its old cluster config:
	 * it rejoins as a replica (of the master that took its slots, if it was one); returns once it is linked to it and
	 * known as a replica everywhere (so the next failover has a replica to promote).
	 */
	public void restartKilled() throws IOException, InterruptedException {
		for (int port : List.copyOf(this.killed)) {
			Process process = this.processes.start(this.commands.get(port).toArray(String[]::new));
			RedisProcesses.awaitPort(port, process);
			this.running.put(port, process);
			this.nodes.put(port, this.client.connect(RedisURI.create("127.0.0.1", port)));
			this.killed.remove(Integer.valueOf(port));
		}
		await("the restarted nodes are replicas again, linked to their masters, and the cluster is ok",
				() -> this.nodes.keySet().stream().allMatch(this::ready), this::states);
	}

	/** The keys matching a glob pattern, scanned on every master separately: port → keys on that node. */
	public Map<Integer, List<String>> keysOnEachMaster(String pattern) {
		Map<Integer, List<String>> keys = new LinkedHashMap<>();
		ScanArgs match = ScanArgs.Builder.matches(pattern).limit(1000);
		this.nodes.forEach((port, connection) -> {
			if (!"master".equals(connection.sync().role().get(0))) {
				return;
			}
			List<String> found = new ArrayList<>();
			ScanIterator.scan(connection.sync(), match).forEachRemaining(found::add);
			keys.put(port, found);
		});
		return keys;
	}

	/** All keys matching a glob pattern, on whichever master holds them. */
	public List<String> keys(String pattern) {
		return keysOnEachMaster(pattern).values().stream().flatMap(List::stream).toList();
	}

	private static void await(String what, BooleanSupplier condition) throws InterruptedException {
		await(what, condition, () -> "");
	}

	private static void await(String what, BooleanSupplier condition, Supplier<String> state)
			throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		RuntimeException last = null;
		while (System.nanoTime() < deadline) {
			try {
				if (condition.getAsBoolean()) {
					return;
				}
			}
			catch (RuntimeException notYet) {
				last = notYet;
			}
			Thread.sleep(50);
		}
		String now;
		try {
			now = state.get();
		}
		catch (RuntimeException ex) {
			now = ex.toString();
		}
		throw new AssertionError("Not within " + WAIT.toSeconds() + " s: " + what + " (" + now + ")", last);
	}

	@Override
	public void close() {
		this.nodes.values().forEach(StatefulRedisConnection::close);
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
		this.processes.close();
	}

	/**
	 * A node killed by {@link #kill(int)}.
	 * @param killedPort the port of the node killed
	 * @param promotedPort the port of its replica, now the master of its slots (0: a replica was killed)
	 * @param slot one of the slots the killed master served and its replica serves now (-1: a replica was killed)
	 */
	public record Failover(int killedPort, int promotedPort, int slot) {
	}

}
