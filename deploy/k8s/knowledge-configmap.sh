#!/usr/bin/env bash
# Prints the zhengwu-knowledge ConfigMap built from the repository's knowledge/ folder.
# Usage: deploy/k8s/knowledge-configmap.sh [KNOWLEDGE_DIR] > deploy/k8s/knowledge-configmap.yaml
set -euo pipefail
dir="${1:-$(dirname "$0")/../../knowledge}"
java -jar "$(dirname "$0")/../../target/zhengwu-assistant.jar" validate --knowledge "$dir" >&2
archive=$(tar -C "$dir" -czf - . | base64 -w0)
cat <<YAML
apiVersion: v1
kind: ConfigMap
metadata:
  name: zhengwu-knowledge
data:
  knowledge.tar.gz.b64: "$archive"
YAML
