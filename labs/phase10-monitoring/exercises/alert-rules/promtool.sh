#!/usr/bin/env bash
# Runs promtool in the lab's Prometheus container on the rules/ folder:
#   bash promtool.sh check rules milvus.rules.yml
#   bash promtool.sh test rules milvus.rules.test.yml
set -euo pipefail
cd "$(dirname "$0")"
docker compose cp rules/. prometheus:/tmp/rules >/dev/null 2>&1 ||
    docker compose cp rules/. prometheus:/tmp/rules # again, to show why it failed
exec docker compose exec -T --workdir /tmp/rules prometheus promtool "$@"
