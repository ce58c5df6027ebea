import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Load generator for the webhook benchmark (run by bench/webhook.sh; `java bench/Load.java --help`).
 *
 * <p>Drives http://127.0.0.1:PORT only (loopback), from N keep-alive connections, each a thread
 * that sends one request and waits for its answer (closed loop). Every request is signed as WeChat
 * signs it (SHA-1 of the sorted token, timestamp and nonce) and every text message is unique
 * (FromUserName + MsgId). Each phase stops at a request count or a time limit, whichever comes
 * first. Phases: warm-up, new text questions, retries of answered messages (the same XML again;
 * the reply must be the same), subscribe events (a new citizen each), then the bare WebFlux
 * ceiling endpoint with the same requests as the new text questions.
 *
 * <p>{@code --mode ratio} measures only the ratio, more steadily: after the warm-ups it alternates
 * new text questions and the ceiling, {@code --rounds} times, and prints each round's ratio and
 * their mean (the ceiling moves between runs on a shared machine; back to back, both phases see
 * much the same machine). {@code --mode text}: the new text questions alone, for profiling.
 *
 * <p>Raw sockets rather than an HTTP client library: on a 2-core machine the generator shares the
 * CPU with the service, so it must cost as little as possible.
 */
public class Load {

	static final String ACCOUNT = "gh_a11simulator";

	final int port;

	final String token;

	final int connections;

	final int requests;

	final int seconds;

	final int warmupSeconds;

	final List<String> questions;

	/** The service's process id (0: unknown), to measure the CPU it and its redis-server spend. */
	final long servicePid;

	/** all (every phase), ratio (text and ceiling alternating) or text (new text questions only). */
	final String mode;

	final int rounds;

	final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

	/** The text messages answered in the text phase, with a hash of their reply, for the retry phase. */
	final List<Sent> answered = java.util.Collections.synchronizedList(new ArrayList<>());

	Load(Map<String, String> options) throws IOException {
		this.port = Integer.parseInt(options.getOrDefault("port", "8080"));
		this.token = options.get("token");
		this.connections = Integer.parseInt(options.getOrDefault("connections", "64"));
		this.requests = Integer.parseInt(options.getOrDefault("requests", "60000"));
		this.seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
		this.warmupSeconds = Integer.parseInt(options.getOrDefault("warmup", "15"));
		this.questions = questions(Path.of(options.getOrDefault("questions", "knowledge/eval")));
		this.servicePid = Long.parseLong(options.getOrDefault("pid", "0"));
		this.mode = options.getOrDefault("mode", "all");
		this.rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
		if (!List.of("all", "ratio", "text").contains(this.mode)) {
			throw new IllegalArgumentException("--mode is all, ratio or text, not " + this.mode);
		}
		if (this.token == null || this.token.isBlank()) {
			throw new IllegalArgumentException("--token is required (the WECHAT_TOKEN the service runs with)");
		}
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--help")) {
				System.out.println("java bench/Load.java --port P --token T [--connections 64] [--requests 60000]"
						+ " [--seconds 20] [--warmup 15] [--questions knowledge/eval] [--pid SERVICE_PID]"
						+ " [--mode all|ratio|text] [--rounds 3]");
				return;
			}
			if (args[i].startsWith("--") && i + 1 < args.length) {
				options.put(args[i].substring(2), args[++i]);
			}
		}
		new Load(options).runAll();
	}

	void runAll() throws Exception {
		System.out.printf("load: %d connections to 127.0.0.1:%d, each phase up to %d requests or %d s; %d questions%n",
				this.connections, this.port, this.requests, this.seconds, this.questions.size());
		if (this.mode.equals("text")) {
			System.out.println(phase("warm-up (new text)", this.warmupSeconds, Integer.MAX_VALUE, this::newText,
					"/wechat/callback").line());
			System.out.println(Result.HEADER);
			System.out.println(phase("new text questions", this.seconds, this.requests, this::newText,
					"/wechat/callback").line());
			return;
		}
		if (this.mode.equals("ratio")) {
			runRatio();
			return;
		}
		Result warm = phase("warm-up (new text)", this.warmupSeconds, Integer.MAX_VALUE, this::newText, "/wechat/callback");
		System.out.println(warm.line());
		this.answered.clear();
		List<Result> results = new ArrayList<>();
		results.add(phase("new text questions", this.seconds, this.requests, this::newText, "/wechat/callback"));
		List<Sent> toRetry = List.copyOf(this.answered);
		if (toRetry.isEmpty()) {
			throw new IllegalStateException("no text question was answered: nothing to retry");
		}
		results.add(phase("retries of answered", this.seconds, this.requests,
				(i) -> toRetry.get(i % toRetry.size()), "/wechat/callback"));
		results.add(phase("subscribe events", this.seconds, this.requests, this::subscribe, "/wechat/callback"));
		phase("warm-up (ceiling)", Math.max(3, this.warmupSeconds / 3), Integer.MAX_VALUE, this::newText,
				"/simulator/bench/fixed");
		results.add(phase("bare WebFlux ceiling", this.seconds, this.requests, this::newText, "/simulator/bench/fixed"));
		System.out.println();
		System.out.println(Result.HEADER);
		results.forEach((result) -> System.out.println(result.line()));
		double ratio = results.get(0).throughput() / results.get(3).throughput();
		System.out.printf("%nnew text throughput / ceiling throughput = %.2f%n", ratio);
		if (this.servicePid > 0) {
			double costRatio = results.get(3).serviceCpuPerRequest() / results.get(0).serviceCpuPerRequest();
			System.out.printf("by CPU cost (service CPU per ceiling request / per new text question) = %.2f%n", costRatio);
		}
		System.out.printf("RESULT text_rps=%.0f text_p99_ms=%.1f retry_rps=%.0f subscribe_rps=%.0f ceiling_rps=%.0f ratio=%.2f%n",
				results.get(0).throughput(), results.get(0).percentile(99), results.get(1).throughput(),
				results.get(2).throughput(), results.get(3).throughput(), ratio);
		long failed = results.stream().mapToLong(Result::failed).sum();
		if (failed > 0) {
			System.out.println("FAILED requests: " + failed + " (see the failures above)");
		}
	}

	/** Warm-ups, then new text questions and the ceiling back to back, round after round. */
	void runRatio() throws Exception {
		System.out.println(phase("warm-up (new text)", this.warmupSeconds, Integer.MAX_VALUE, this::newText,
				"/wechat/callback").line());
		phase("warm-up (ceiling)", Math.max(3, this.warmupSeconds / 3), Integer.MAX_VALUE, this::newText,
				"/simulator/bench/fixed");
		System.out.println(Result.HEADER);
		double ratios = 0;
		double costRatios = 0;
		for (int round = 1; round <= this.rounds; round++) {
			Result text = phase("new text questions", this.seconds, this.requests, this::newText, "/wechat/callback");
			Result ceiling = phase("bare WebFlux ceiling", this.seconds, this.requests, this::newText,
					"/simulator/bench/fixed");
			System.out.println(text.line());
			System.out.println(ceiling.line());
			double ratio = text.throughput() / ceiling.throughput();
			double costRatio = (this.servicePid > 0) ? ceiling.serviceCpuPerRequest() / text.serviceCpuPerRequest() : 0;
			System.out.printf("round %d: ratio %.2f (by CPU %.2f)%n", round, ratio, costRatio);
			ratios += ratio;
			costRatios += costRatio;
		}
		System.out.printf("RESULT mean_ratio=%.2f mean_cpu_ratio=%.2f rounds=%d%n", ratios / this.rounds,
				costRatios / this.rounds, this.rounds);
	}

	// ---------- what is sent

	record Sent(String openId, byte[] body, String replyKey, int replyHash) {
	}

	final AtomicInteger textSerial = new AtomicInteger();

	/** A new, never-sent text question (the index is ignored: every call makes a new message). */
	Sent newText(int ignored) {
		int i = this.textSerial.getAndIncrement();
		String openId = openId("t", i);
		long msgId = 24_000_000_000_000_000L + (Long.parseLong(this.run, 36) * 10_000_000L) + i;
		String question = this.questions.get(Math.floorMod(i * 7919, this.questions.size()));
		String xml = "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><FromUserName><![CDATA[" + openId
				+ "]]></FromUserName><CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
				+ "<Content><![CDATA[" + question + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
		return new Sent(openId, xml.getBytes(StandardCharsets.UTF_8), openId + ":" + msgId, 0);
	}

	Sent subscribe(int i) {
		String openId = openId("s", i);
		String xml = "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><FromUserName><![CDATA[" + openId
				+ "]]></FromUserName><CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
				+ "<Event><![CDATA[subscribe]]></Event></xml>";
		return new Sent(openId, xml.getBytes(StandardCharsets.UTF_8), null, 0);
	}

	/** A WeChat-shaped openid (28 characters), unique per run, kind and index. */
	String openId(String kind, int i) {
		String id = "oB" + kind + this.run + "x" + i;
		return (id + "0000000000000000000000000000").substring(0, Math.max(28, id.length()));
	}

	static long now() {
		return System.currentTimeMillis() / 1000;
	}

	// ---------- a phase

	interface Source {

		Sent get(int i) throws Exception;

	}

	Result phase(String name, int maxSeconds, int maxRequests, Source source, String path) throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		AtomicLong failures = new AtomicLong();
		long serviceCpuBefore = serviceCpuMillis();
		long loadCpuBefore = ownCpuMillis();
		Map<String, AtomicInteger> failureKinds = new ConcurrentHashMap<>();
		long start = System.nanoTime();
		long deadline = start + maxSeconds * 1_000_000_000L;
		long[][] latencies = new long[this.connections][];
		int[] counts = new int[this.connections];
		List<Thread> workers = new ArrayList<>();
		for (int w = 0; w < this.connections; w++) {
			int worker = w;
			Thread thread = new Thread(() -> {
				long[] mine = new long[1024];
				int count = 0;
				Connection connection = null;
				MessageDigest sha1 = sha1();
				try {
					while (System.nanoTime() < deadline) {
						int i = next.getAndIncrement();
						if (i >= maxRequests) {
							break;
						}
						Sent sent = source.get(i);
						String query = signedQuery(sha1, sent.openId());
						long t0 = System.nanoTime();
						Response response;
						try {
							if (connection == null) {
								connection = new Connection(this.port);
							}
							response = connection.post(path + "?" + query, sent.body());
						}
						catch (IOException ex) {
							failures.incrementAndGet();
							failureKinds.computeIfAbsent("I/O: " + ex.getMessage(), (k) -> new AtomicInteger()).incrementAndGet();
							if (connection != null) {
								connection.close();
							}
							connection = null;
							continue;
						}
						long elapsed = System.nanoTime() - t0;
						if (count == mine.length) {
							mine = Arrays.copyOf(mine, count * 2);
						}
						mine[count++] = elapsed;
						String problem = check(name, sent, response);
						if (problem != null) {
							failures.incrementAndGet();
							failureKinds.computeIfAbsent(problem, (k) -> new AtomicInteger()).incrementAndGet();
						}
						if (response.close()) {
							connection.close();
							connection = null;
						}
					}
				}
				catch (Exception ex) {
					failureKinds.computeIfAbsent("worker stopped: " + ex, (k) -> new AtomicInteger()).incrementAndGet();
				}
				finally {
					if (connection != null) {
						connection.close();
					}
				}
				latencies[worker] = mine;
				counts[worker] = count;
			}, "load-" + w);
			thread.setDaemon(true);
			workers.add(thread);
			thread.start();
		}
		for (Thread worker : workers) {
			worker.join((maxSeconds + 30) * 1000L);
		}
		double elapsedSeconds = (System.nanoTime() - start) / 1e9;
		long serviceCpu = serviceCpuMillis() - serviceCpuBefore;
		long loadCpu = ownCpuMillis() - loadCpuBefore;
		int total = Arrays.stream(counts).sum();
		long[] all = new long[total];
		int at = 0;
		for (int w = 0; w < this.connections; w++) {
			if (latencies[w] != null) {
				System.arraycopy(latencies[w], 0, all, at, counts[w]);
				at += counts[w];
			}
		}
		Arrays.sort(all);
		failureKinds.forEach((kind, count) -> System.out.println("  " + name + ": " + count + " × " + kind));
		return new Result(name, total, failures.get(), elapsedSeconds, all, (this.servicePid > 0) ? serviceCpu : -1,
				loadCpu);
	}

	/** Why an answer is wrong, or null when it is right. Records text answers for the retry phase. */
	String check(String phase, Sent sent, Response response) {
		if (response.status() != 200) {
			return "HTTP " + response.status();
		}
		String body = new String(response.body(), StandardCharsets.UTF_8);
		if (phase.startsWith("bare") || phase.startsWith("warm-up (ceiling")) {
			return body.contains("<Content>") ? null : "ceiling answered without content";
		}
		if (phase.startsWith("subscribe")) {
			return body.contains("<Content>") ? null : "subscribe answered without a welcome";
		}
		if (phase.startsWith("retries")) {
			return (content(response.body()) == sent.replyHash()) ? null : "a retry got another reply";
		}
		if (!body.contains("<Content>")) {
			return body.strip().equals("success") ? "answered later (success), not within the request" : "no reply text";
		}
		if (phase.startsWith("new text")) {
			this.answered.add(new Sent(sent.openId(), sent.body(), sent.replyKey(), content(response.body())));
		}
		return null;
	}

	/** A hash of the reply's text: the same answer, whatever its CreateTime. */
	static int content(byte[] reply) {
		String xml = new String(reply, StandardCharsets.UTF_8);
		int start = xml.indexOf("<Content>");
		int end = xml.indexOf("</Content>");
		return (start >= 0 && end > start) ? xml.substring(start, end).hashCode() : xml.hashCode();
	}

	String signedQuery(MessageDigest sha1, String openId) {
		String timestamp = Long.toString(now());
		String nonce = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
		String[] parts = { this.token, timestamp, nonce };
		Arrays.sort(parts);
		String signature = HexFormat.of()
			.formatHex(sha1.digest(String.join("", parts).getBytes(StandardCharsets.UTF_8)));
		return "signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce + "&openid=" + openId;
	}

	static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static List<String> questions(Path folder) throws IOException {
		List<String> questions = new ArrayList<>();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".tsv")).sorted().toList()) {
				for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
					String question = line.split("\t", 2)[0].strip();
					if (!question.isEmpty() && !question.startsWith("#") && !question.equalsIgnoreCase("question")) {
						questions.add(question);
					}
				}
			}
		}
		if (questions.isEmpty()) {
			throw new IllegalStateException("no questions in " + folder);
		}
		return questions;
	}

	// ---------- CPU spent (Linux /proc), so figures taken on a busy machine can be judged

	static long ownCpuMillis() {
		return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(0L);
	}

	/** CPU time of the service and its child processes (the embedded redis-server), in ms. */
	long serviceCpuMillis() {
		if (this.servicePid <= 0) {
			return 0;
		}
		long ticks = ticks(this.servicePid);
		for (ProcessHandle child : ProcessHandle.of(this.servicePid)
			.map((p) -> p.descendants().toList())
			.orElse(List.of())) {
			ticks += ticks(child.pid());
		}
		return ticks * 10; // USER_HZ is 100 on Linux
	}

	static long ticks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	// ---------- results

	record Result(String name, int count, long failed, double seconds, long[] sortedNanos, long serviceCpuMillis,
			long loadCpuMillis) {

		static final String HEADER = String.format("%-22s %9s %7s %7s %8s %8s %8s %9s %11s %10s", "phase", "requests",
				"failed", "seconds", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "svc cpu/req", "gen cpu/req");

		double throughput() {
			return this.count / this.seconds;
		}

		double percentile(double p) {
			if (this.sortedNanos.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(p / 100.0 * this.sortedNanos.length) - 1;
			return this.sortedNanos[Math.max(0, Math.min(index, this.sortedNanos.length - 1))] / 1e6;
		}

		/** CPU milliseconds the service (with its redis-server) spent per request, NaN when unknown. */
		double serviceCpuPerRequest() {
			return (this.serviceCpuMillis < 0 || this.count == 0) ? Double.NaN : (double) this.serviceCpuMillis / this.count;
		}

		double loadCpuPerRequest() {
			return (this.count == 0) ? Double.NaN : (double) this.loadCpuMillis / this.count;
		}

		String line() {
			return String.format("%-22s %9d %7d %7.1f %8.0f %8.2f %8.2f %9.2f %8.3f ms %7.3f ms", this.name, this.count,
					this.failed, this.seconds, throughput(), percentile(50), percentile(99), percentile(99.9),
					serviceCpuPerRequest(), loadCpuPerRequest());
		}

	}

	// ---------- a minimal HTTP/1.1 keep-alive client

	record Response(int status, byte[] body, boolean close) {
	}

	static final class Connection {

		final Socket socket;

		final OutputStream out;

		final InputStream in;

		final String host;

		Connection(int port) throws IOException {
			this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
			this.socket.setTcpNoDelay(true);
			this.socket.setSoTimeout(30_000);
			this.out = new BufferedOutputStream(this.socket.getOutputStream(), 8192);
			this.in = new BufferedInputStream(this.socket.getInputStream(), 16384);
			this.host = "127.0.0.1:" + port;
		}

		Response post(String target, byte[] body) throws IOException {
			String head = "POST " + target + " HTTP/1.1\r\nHost: " + this.host
					+ "\r\nContent-Type: text/xml;charset=utf-8\r\nContent-Length: " + body.length + "\r\n\r\n";
			this.out.write(head.getBytes(StandardCharsets.US_ASCII));
			this.out.write(body);
			this.out.flush();
			String statusLine = line();
			if (statusLine == null) {
				throw new IOException("connection closed by the server");
			}
			int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
			int length = -1;
			boolean chunked = false;
			boolean close = false;
			for (String header = line(); header != null && !header.isEmpty(); header = line()) {
				int colon = header.indexOf(':');
				if (colon < 0) {
					continue;
				}
				String name = header.substring(0, colon).trim().toLowerCase();
				String value = header.substring(colon + 1).trim();
				switch (name) {
					case "content-length" -> length = Integer.parseInt(value);
					case "transfer-encoding" -> chunked = value.toLowerCase().contains("chunked");
					case "connection" -> close = value.equalsIgnoreCase("close");
					default -> {
					}
				}
			}
			byte[] content;
			if (chunked) {
				java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
				for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
						size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
					all.write(this.in.readNBytes(size));
					line();
				}
				line();
				content = all.toByteArray();
			}
			else if (length >= 0) {
				content = this.in.readNBytes(length);
			}
			else {
				content = this.in.readAllBytes();
				close = true;
			}
			return new Response(status, content, close);
		}

		private String line() throws IOException {
			StringBuilder line = new StringBuilder(64);
			int c;
			while ((c = this.in.read()) != -1) {
				if (c == '\n') {
					int end = line.length();
					return (end > 0 && line.charAt(end - 1) == '\r') ? line.substring(0, end - 1) : line.toString();
				}
				line.append((char) c);
			}
			return (line.length() == 0) ? null : line.toString();
		}

		void close() {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing a loopback socket that already failed: nothing to do
			}
		}

	}

}
