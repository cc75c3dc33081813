# Plausible wrong answer: trusts older docs ("Lite has no partitions") instead of trying,
# so it creates no partition and records partitions as unsupported.
set -euo pipefail
sed '/create_partition/d' "$SOLUTION_DIR/quickstart.py" > quickstart.py
python quickstart.py
cat > lite-limits.toml <<'ANSWERS'
partitions = "unsupported"
users_and_roles = "unsupported"
ANSWERS
