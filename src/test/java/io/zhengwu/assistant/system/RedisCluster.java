package io.zhengwu.assistant.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

/**
 * A real Redis Cluster for a test: {@code redis-server} processes with {@code cluster-enabled yes}
 * on free loopback ports, no persistence, their cluster config files in the test's directory; the
 * 16384 slots split evenly between them as masters (no replicas) with CLUSTER ADDSLOTSRANGE, joined
 * with CLUSTER MEET, ready once every node reports {@code cluster_state:ok}. {@link #close()} stops
 * them.
 */
public final class RedisCluster implements AutoCloseable {

	private static final int SLOTS = 16384;

	private final RedisProcesses processes;

	private final RedisClient client = RedisClient.create();

	/** Port → a connection to that node alone (not cluster-aware: it sees that node's keys). */
	private final Map<Integer, StatefulRedisConnection<String, String>> nodes = new LinkedHashMap<>();

	/** Port → the node's cluster bus port (chosen free, not port + 10000, which may be above 65535). */
	private final Map<Integer, Integer> busPorts = new LinkedHashMap<>();

	private RedisCluster(Path dir) {
		this.processes = new RedisProcesses(dir);
	}

	/** Starts {@code masters} nodes and forms the cluster; the caller closes it. */
	public static RedisCluster start(Path dir, int masters) throws IOException, InterruptedException {
		RedisCluster cluster = new RedisCluster(dir);
		try {
			for (int i = 0; i < masters; i++) {
				cluster.startNode(i);
			}
			cluster.form();
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
			Process process = this.processes.start(RedisProcesses.SERVER.toString(), "--port", String.valueOf(port),
					"--bind", "127.0.0.1", "--cluster-enabled", "yes", "--cluster-port", String.valueOf(busPort),
					"--cluster-config-file", nodeDir.resolve("nodes.conf").toString(), "--cluster-node-timeout", "5000",
					"--save", "", "--appendonly", "no", "--dir", nodeDir.toString());
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
			return;
		}
		throw failure;
	}

	private void form() throws InterruptedException {
		List<Integer> ports = new ArrayList<>(this.nodes.keySet());
		int share = SLOTS / ports.size();
		for (int i = 0; i < ports.size(); i++) {
			int from = i * share;
			int to = (i == ports.size() - 1) ? SLOTS - 1 : from + share - 1;
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
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!ports.stream().allMatch((port) -> node(port).clusterInfo().contains("cluster_state:ok"))) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("The Redis Cluster is not ok after 30 s: " + ports.stream()
					.map((port) -> port + ": " + node(port).clusterInfo().lines().findFirst().orElse(""))
					.collect(Collectors.joining("; ")));
			}
			Thread.sleep(50);
		}
	}

	private RedisCommands<String, String> node(int port) {
		return this.nodes.get(port).sync();
	}

	/** The seed nodes as {@code REDIS_URL}: {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,…}. */
	public String url() {
		return "redis-cluster://"
				+ this.nodes.keySet().stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	public List<Integer> ports() {
		return List.copyOf(this.nodes.keySet());
	}

	/** The keys matching a glob pattern, scanned on every master separately: port → keys on that node. */
	public Map<Integer, List<String>> keysOnEachMaster(String pattern) {
		Map<Integer, List<String>> keys = new LinkedHashMap<>();
		ScanArgs match = ScanArgs.Builder.matches(pattern).limit(1000);
		this.nodes.forEach((port, connection) -> {
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

	@Override
	public void close() {
		this.nodes.values().forEach(StatefulRedisConnection::close);
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
		this.processes.close();
	}

}
