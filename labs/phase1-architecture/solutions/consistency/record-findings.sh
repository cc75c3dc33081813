# What a learner types: the level from describe_collection, the window from the
# server's own configuration file.
level=$(python -c 'import os; from pymilvus import MilvusClient; level = MilvusClient(uri=os.environ["MILVUS_URI"]).describe_collection("feed")["consistency_level"]; print(["Strong", "Session", "Bounded", "Eventually"][level])')
window=$(docker exec "$MILVUS_CONTAINER" grep -m1 'gracefulTime:' /milvus/configs/milvus.yaml | awk '{print $2}')
cat > consistency.toml <<ANSWERS
feed_level = "${FEED_LEVEL_OVERRIDE:-$level}"
bounded_staleness_ms = $window
ANSWERS
