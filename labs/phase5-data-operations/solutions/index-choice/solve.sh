# Reference solution: measure a cluster index and a graph index, keep the graph
# index built (measured last), and choose its smallest ef that meets 0.92.
set -euo pipefail
rm -f results.csv
python measure.py IVF_FLAT nlist=128 --search nprobe=8,16,32,64
python measure.py HNSW M=16 efConstruction=128 --search ef=16,32,64,128
cat > choice.toml <<'TOML'
index_type = "HNSW"
build = { M = 16, efConstruction = 128 }
search_param = "ef"
search_value = 64
TOML
