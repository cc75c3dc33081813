# Plausible wrong answer: picks a cluster for the one-server shop "to be safe",
# and the recommended 16 GB instead of the required 8.
set -euo pipefail
cat > choose-mode.toml <<ANSWERS
notebook_prototype = "lite"
single_server_search = "distributed"
platform_at_scale = "distributed"
access_control = "standalone"
standalone_min_cores = 4
standalone_min_memory_gb = 16
ANSWERS
