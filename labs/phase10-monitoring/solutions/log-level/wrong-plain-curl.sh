# Plausible wrong answer: curl -d without the JSON content type, which 2.3
# refuses (`must specify logging level`), so no debug line is ever written
# and the answers stay at zero.
set -euo pipefail
CURL_HEADER= source "$SOLUTION_DIR/debug-and-read.sh"
