# The insert half, shared by the solution and the wrong answers about
# searches: 1, 10, 100 and 500 rows per call; the gain flattens past 100 here,
# so take 100.
for rows in 1 10 100 500; do python insert_load.py "$rows"; done | tee inserts.log
rps() { sed -n "s/^rows=$1: .* = \([0-9]*\) rows per second/\1/p" inserts.log; }
printf 'insert_rows_per_call = %s\nsingle_rows_per_second = %s\nbatched_rows_per_second = %s\n' \
    "${INSERT_BATCH:-100}" "$(rps 1)" "$(rps "${INSERT_BATCH:-100}")" >> batch.toml
