# Reads python nodes.py: the leader's node id, and two containers that do not
# lead the shard (with their node ids).
python nodes.py | tee nodes.txt
leader=$(grep "leads the shard" nodes.txt | sed -E 's/.* node ([0-9]+) .*/\1/')
mapfile -t followers < <(grep -v "leads the shard" nodes.txt | grep " node " | cut -d' ' -f1)
follower_node=$(grep -v "leads the shard" nodes.txt | grep " node " | tail -n 1 | sed -E 's/.* node ([0-9]+) .*/\1/')
