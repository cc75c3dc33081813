# Plausible wrong answer: keeps a tutorial's habit of inserting a small sample (rows[:10]),
# so the count is 10 and row 42 is missing.
set -euo pipefail
sed 's/client.insert("quickstart", rows)/client.insert("quickstart", rows[:10])/' "$SOLUTION_DIR/quickstart.py" > quickstart.py
grep -q 'rows\[:10\]' quickstart.py
python quickstart.py
cat > lite-limits.toml <<'ANSWERS'
partitions = "supported"
users_and_roles = "unsupported"
ANSWERS
