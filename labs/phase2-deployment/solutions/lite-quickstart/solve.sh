# Reference solution: finish the script, run it, record what Lite supports.
set -euo pipefail
cp "$SOLUTION_DIR/quickstart.py" quickstart.py
python quickstart.py
cat > lite-limits.toml <<'ANSWERS'
partitions = "supported"
users_and_roles = "unsupported"
ANSWERS
