#!/bin/sh
# Search latency (p50/p99) and index build time on the real knowledge base and on a synthetic one
# of 5,000 guides. Usage: bench/search.sh [KNOWLEDGE_DIR] [SYNTHETIC_GUIDES]
set -e
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -Xmx1g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
	io.zhengwu.assistant.knowledge.SearchBenchmark "${1:-knowledge}" "${2:-5000}"
