# Reference solution: the filter names both conditions, and "before 2019" excludes 2019.
set -euo pipefail
sed -e 's/^FILTER = ""/FILTER = '\''lang == "de" and year < 2019'\''/' \
    -e 's/^# TODO 2: delete with that filter: \(.*\)$/\1/' delete.py > delete.solved.py
grep -q '^client.delete' delete.solved.py
python delete.solved.py
