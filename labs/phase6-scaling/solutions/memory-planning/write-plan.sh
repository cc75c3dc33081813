# Writes plan.toml; RAW_MIB is the figure the answer computed.
cat > plan.toml <<PLAN
raw_vector_mib = ${RAW_MIB:-80}
load_threshold_percent = 15
query_node_memory_mib = 3072
PLAN
