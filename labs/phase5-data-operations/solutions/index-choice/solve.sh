# Reference solution: measure a cluster index and a graph index, keep the graph
# index built (measured last), and choose its smallest ef that reaches 0.92.
set -euo pipefail
rm -f results.csv
python measure.py IVF_FLAT nlist=128 --search nprobe=8,16,32,64
python measure.py HNSW M=16 efConstruction=128 --search ef=16,32,64,128
ef=$(awk -F, '$1 == "HNSW" && $5 >= 0.92 {print $4}' results.csv | sort -n | head -1)
cat > choice.toml <<TOML
index_type = "HNSW"
build = { M = 16, efConstruction = 128 }
search_param = "ef"
search_value = ${ef:?no ef reached 0.92}
TOML
cat choice.toml
