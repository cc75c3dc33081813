# Reads the yaml and environment layers out of the running Milvus, and records
# them with the layer the learner names (WINNER, etcd unless a wrong answer
# says otherwise).
yaml=$(docker compose exec -T standalone grep -m1 'maxDimension:' /milvus/configs/milvus.yaml | awk '{print $2}')
env=$(docker compose exec -T standalone printenv PROXY_MAXDIMENSION)
printf 'yaml_value = %s\nenv_value = %s\nwinning_layer = "%s"\n' "$yaml" "$env" "${WINNER:-etcd}" > layers.toml
cat layers.toml
