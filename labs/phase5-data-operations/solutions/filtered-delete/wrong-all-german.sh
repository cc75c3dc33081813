# Plausible wrong answer: filters on the language only and deletes every German article.
set -euo pipefail
sed -e 's/^FILTER = ""/FILTER = '\''lang == "de"'\''/' \
    -e 's/^# TODO 2: delete with that filter: \(.*\)$/\1/' delete.py > delete.solved.py
python delete.solved.py
