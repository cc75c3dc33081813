# Reference solution: reason about each scenario; settle the access-control one
# by trying users and roles on Lite.
set -euo pipefail
access_control=$(python "$SOLUTION_DIR/probe-rbac.py")
cat > choose-mode.toml <<ANSWERS
notebook_prototype = "lite"
single_server_search = "standalone"
platform_at_scale = "distributed"
access_control = "$access_control"
standalone_min_cores = 4
standalone_min_memory_gb = 8
ANSWERS
cat choose-mode.toml
