# Reference solution: show the hidden errors, fix each cause, record them,
# and see every page show rows.
set -euo pipefail
sed -i 's/^    pass$/    print(f"  server: {error}")/' shop.py
python shop.py
python "$SOLUTION_DIR/fix.py"
source "$SOLUTION_DIR/record.sh"
python shop.py
