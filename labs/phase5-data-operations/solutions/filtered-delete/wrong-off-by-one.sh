# Plausible wrong answer: reads "before 2019" as "up to 2019" and also deletes 2019.
set -euo pipefail
sed -e 's/^FILTER = ""/FILTER = '\''lang == "de" and year <= 2019'\''/' \
    -e 's/^# TODO 2: delete with that filter: \(.*\)$/\1/' delete.py > delete.solved.py
python delete.solved.py
