package io.zhengwu.assistant.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes the knowledge folder again when its files change. It polls the files' names, sizes
 * and modification times (works on every file system, including network and container mounts,
 * where WatchService often sees nothing) and waits until a change has settled for one interval,
 * so a {@code git pull} touching many files causes one reload, not many. An interval of zero
 * switches watching off.
 */
final class KnowledgeWatcher implements AutoCloseable {

	private static final Log log = LogFactory.getLog(KnowledgeWatcher.class);

	private final PublishedKnowledge knowledge;

	private final Disposable polling;

	private String published;

	private String seen;

	KnowledgeWatcher(PublishedKnowledge knowledge, Duration interval) {
		this.knowledge = knowledge;
		this.published = fingerprint(knowledge.dir());
		this.seen = this.published;
		this.polling = interval.isZero() ? Disposables.disposed() : Flux.interval(interval, interval, Schedulers.boundedElastic())
			.subscribe((tick) -> check(), (error) -> log.error("Watching " + knowledge.dir() + " stopped", error));
	}

	/** One poll: reloads when the files changed and then stayed the same for one interval. */
	synchronized void check() {
		String now;
		try {
			now = fingerprint(this.knowledge.dir());
		}
		catch (UncheckedIOException ex) {
			log.warn("Could not read " + this.knowledge.dir() + ": " + ex.getMessage());
			return;
		}
		if (now.equals(this.published)) {
			this.seen = now;
			return;
		}
		if (!now.equals(this.seen)) {
			this.seen = now;
			return;
		}
		log.info("Knowledge files changed in " + this.knowledge.dir() + ": publishing again");
		this.knowledge.publish();
		this.published = now;
	}

	static String fingerprint(Path dir) {
		if (!Files.isDirectory(dir)) {
			return "";
		}
		StringBuilder fingerprint = new StringBuilder();
		try (Stream<Path> files = Files.walk(dir)) {
			files.filter(Files::isRegularFile).sorted().forEach((file) -> {
				try {
					fingerprint.append(dir.relativize(file))
						.append('\t')
						.append(Files.size(file))
						.append('\t')
						.append(Files.getLastModifiedTime(file).toMillis())
						.append('\n');
				}
				catch (IOException ex) {
					// the file went away between listing and reading: the next poll sees the change
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return fingerprint.toString();
	}

	@Override
	public void close() {
		this.polling.dispose();
	}

}
