# Plausible wrong answer: loads reviews and indexes catalog, and "fixes" the
# order page by waiting before the read, so `orders` still reads at Eventually.
set -euo pipefail
python - <<'PY'
import re
text = open("shop.py").read()
text = text.replace('    try:\n        return client.query("orders"', '    import time; time.sleep(1)\n    try:\n        return client.query("orders"')
open("shop.py", "w").write(text)
PY
ORDERS=keep python "$SOLUTION_DIR/fix.py"
source "$SOLUTION_DIR/record.sh"
python shop.py
