# Writes answers.toml: LEADER, and the failed searches of the kill run as
# traffic.py's last line counts them.
failed=$(tail -n 1 kill.out | sed -E 's/.* ([0-9]+) failed .*/\1/')
cat > answers.toml <<ANSWERS
shard_leader_node = $LEADER
failed_when_killed = $failed
ANSWERS
