# Plausible wrong answer: the choice is right on paper, but the index measured
# last (IVF_FLAT) is the one left on the collection.
set -euo pipefail
rm -f results.csv
python measure.py HNSW M=16 efConstruction=128 --search ef=16,32,64,128
python measure.py IVF_FLAT nlist=128 --search nprobe=8,16,32,64
cat > choice.toml <<'TOML'
index_type = "HNSW"
build = { M = 16, efConstruction = 128 }
search_param = "ef"
search_value = 64
TOML
