# Plausible wrong answer: the same measurements, and the largest ef "to be
# safe": it meets the target, but half of it does too, at less cost per query.
set -euo pipefail
rm -f results.csv
python measure.py IVF_FLAT nlist=128 --search nprobe=8,16,32,64
python measure.py HNSW M=16 efConstruction=128 --search ef=16,32,64,128
cat > choice.toml <<'TOML'
index_type = "HNSW"
build = { M = 16, efConstruction = 128 }
search_param = "ef"
search_value = 128
TOML
