# Plausible wrong answer: saas_docs with `tenant` as an ordinary field. The
# filtered search still looks right, but every search scans every tenant, and
# nothing stops a manual partition per tenant.
set -euo pipefail
LAYOUT_WRONG=no-partition-key PYTHONPATH=. python "$SOLUTION_DIR/layout.py" | tee layout.log
printf 'saas_partitions = 1\nmax_partitions = 4096\n' > layout.toml
