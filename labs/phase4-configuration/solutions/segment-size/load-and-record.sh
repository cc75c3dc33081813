# Loads with load.py and records the number of segments it printed.
out=$(python load.py | tail -1)
echo "$out"
printf 'flushed_segments = %s\n' "$(cut -d' ' -f1 <<< "$out")" > segments.toml
cat segments.toml
