# Plausible wrong answer: a million vectors is small, so Lite; never tries users
# and roles on it.
set -euo pipefail
cat > choose-mode.toml <<ANSWERS
notebook_prototype = "lite"
single_server_search = "standalone"
platform_at_scale = "distributed"
access_control = "lite"
standalone_min_cores = 4
standalone_min_memory_gb = 8
ANSWERS
