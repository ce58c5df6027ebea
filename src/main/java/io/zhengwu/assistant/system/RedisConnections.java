package io.zhengwu.assistant.system;

import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * How the app's Redis connections are opened and written.
 *
 * <p>Eagerly, at start, not on first use. Lazily, the first blocking use (WxJava's access token,
 * on a worker thread) opens the shared connection while holding the factory's lock and waits for
 * Lettuce's event loop to connect it; if that event loop is meanwhile asking the same factory for
 * the shared reactive connection, both wait for each other until Lettuce's command timeout: an
 * instance that has just started stops answering for a minute.
 *
 * <p>With their flushes consolidated ({@link #flushConsolidation()}): Lettuce flushes every
 * command to the socket as it is issued, one system call each (and one read and one reply write
 * inside redis-server). The next command of a citizen's message is mostly issued by the reply to
 * the previous one, on the connection's event loop, while it reads the replies to other messages;
 * a {@link FlushConsolidationHandler} first in the pipeline holds those flushes until the read is
 * done and sends them in one write. Commands issued elsewhere are flushed by a task on the event
 * loop, right after the one running. No command waits for a later one.
 *
 * <p>On a Redis Cluster, without the nodes that have failed and serve no slot
 * ({@link #failedNodesLeaveTheTopology()}): after a failover the dead master stays in CLUSTER NODES
 * (flagged {@code fail}, its slots now its replica's), so Lettuce would keep its connection, and
 * the commands that went to it while the cluster was promoting the replica would wait there until
 * they time out. Without it in the topology, Lettuce closes that connection when it re-reads the
 * topology and sends those commands again, to the promoted replica. A master that has failed but
 * still serves its slots (not yet replaced) stays: commands for it wait for the promotion.
 */
@Configuration(proxyBeanMethods = false)
class RedisConnections {

	@Bean
	static BeanPostProcessor eagerRedisConnections() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof LettuceConnectionFactory factory) {
					factory.setEagerInitialization(true);
				}
				return bean;
			}
		};
	}

	@Bean
	ClientResourcesBuilderCustomizer flushConsolidation() {
		return (builder) -> builder.nettyCustomizer(new ConsolidatedFlushes());
	}

	@Bean
	LettuceClientOptionsBuilderCustomizer failedNodesLeaveTheTopology() {
		return (builder) -> {
			if (builder instanceof ClusterClientOptions.Builder cluster) {
				cluster.nodeFilter((node) -> !(node.is(RedisClusterNode.NodeFlag.FAIL) && node.hasNoSlots()));
			}
		};
	}

	/** Puts a {@link FlushConsolidationHandler} first in every Redis connection's pipeline. */
	static final class ConsolidatedFlushes implements NettyCustomizer {

		@Override
		public void afterChannelInitialized(Channel channel) {
			channel.pipeline()
				.addFirst("flushConsolidation", new FlushConsolidationHandler(
						FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
		}

	}

}
