# Runs the application, records both refusals, then loads `orders` (unless
# SKIP_LOAD) and lifts the write freeze (unless SKIP_THAW).
etcdctl() { docker run --rm --network host "$ETCD_IMAGE" etcdctl --endpoints="$ETCDCTL_ENDPOINTS" "$@"; }
out=$(python app.py)
echo "$out"
search=$(sed -n 's/^search: refused: //p' <<< "$out")
insert=$(sed -n 's/^insert: refused: //p' <<< "$out")
printf 'search_error = "%s"\ninsert_error = "%s"\n' "$search" "$insert" > diagnosis.toml
cat diagnosis.toml
etcdctl get --prefix by-dev/config/
if [ -z "${SKIP_LOAD:-}" ]; then
    python -c 'import os; from pymilvus import MilvusClient; MilvusClient(os.environ["MILVUS_URI"]).load_collection("orders")'
fi
if [ -z "${SKIP_THAW:-}" ]; then
    etcdctl del by-dev/config/quotaAndLimits/limitWriting/forceDeny
    # The freeze ends within a few seconds of the etcd change.
    for _ in $(seq 20); do
        case $(python app.py) in *"insert: accepted"*) break ;; esac
        sleep 1
    done
fi
python app.py
