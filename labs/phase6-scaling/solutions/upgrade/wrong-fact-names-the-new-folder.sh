# Plausible wrong answer: names the new version's message-log folder (rdb_data,
# as in upstream's images) instead of the old one's. Runs on the solved lab:
# it only rewrites answers.toml.
set -euo pipefail
echo 'previous_message_log = "/var/lib/milvus/rdb_data"' > answers.toml
