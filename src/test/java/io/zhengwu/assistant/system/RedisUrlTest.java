package io.zhengwu.assistant.system;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RedisUrlTest {

	@Test
	void plainAndTlsUrlsArePassedToSpringAsTheyAre() {
		assertThat(RedisUrl.toSpringProperties("redis://:pw@redis:6379/0"))
			.containsExactlyEntriesOf(Map.of("spring.data.redis.url", "redis://:pw@redis:6379/0"));
		assertThat(RedisUrl.toSpringProperties(" rediss://cache.example:6380 "))
			.containsExactlyEntriesOf(Map.of("spring.data.redis.url", "rediss://cache.example:6380"));
	}

	@Test
	void sentinelUrlBindsMasterNodesPasswordAndDatabase() {
		Map<String, Object> properties = RedisUrl
			.toSpringProperties("redis-sentinel://:s%40cret@s0:26379,s1:26379,s2:26379/2?sentinelMasterId=mymaster");
		assertThat(properties).containsEntry("spring.data.redis.sentinel.master", "mymaster")
			.containsEntry("spring.data.redis.sentinel.nodes", "s0:26379,s1:26379,s2:26379")
			.containsEntry("spring.data.redis.password", "s@cret")
			.containsEntry("spring.data.redis.database", "2")
			.doesNotContainKey("spring.data.redis.url");
	}

	@Test
	void sentinelUrlWithoutMasterNameIsRefusedWithAClearMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisUrl.toSpringProperties("redis-sentinel://s0:26379"))
			.withMessageContaining("sentinelMasterId");
	}

	@Test
	void clusterUrlBindsSeedNodesAndPassword() {
		assertThat(RedisUrl.toSpringProperties("redis-cluster://:pw@n0:6379,n1:6379,n2:6379"))
			.containsEntry("spring.data.redis.cluster.nodes", "n0:6379,n1:6379,n2:6379")
			.containsEntry("spring.data.redis.password", "pw");
	}

	@Test
	void unknownSchemeOrHostWithoutPortIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisUrl.toSpringProperties("memcached://x:1"))
			.withMessageContaining("unknown scheme");
		assertThatIllegalArgumentException().isThrownBy(() -> RedisUrl.toSpringProperties("redis-cluster://n0"))
			.withMessageContaining("host:port");
		assertThatIllegalArgumentException().isThrownBy(() -> RedisUrl.toSpringProperties("localhost:6379"))
			.withMessageContaining("must start with");
	}

}
