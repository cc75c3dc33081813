# Turns the log to debug (CURL_HEADER: a wrong answer drops the JSON content
# type), runs the search, reads its debug lines by trace id, and sets the
# level back to info unless KEEP_DEBUG is set.
header=${CURL_HEADER-Content-Type: application/json}
curl -s -X PUT ${header:+-H "$header"} -d '{"level":"debug"}' "$MILVUS_HTTP/log/level"
echo
python search.py
log=$(docker compose logs --no-log-prefix standalone)
trace=$(grep -F '"search PreExecute done."' <<< "$log" | grep -F '[collName=tickets]' | tail -1 |
    sed -E 's/.*\[traceID=([0-9a-f]+)\].*/\1/' || true)
segments=0 growing=0
if [ -n "$trace" ]; then
    lines=$(grep -F '"search segment done"' <<< "$log" | grep -F "[traceID=$trace]" || true)
    segments=$(grep -c . <<< "$lines" || true)
    growing=$(grep -cF 'segmentType=Growing' <<< "$lines" || true)
fi
if [ -z "${KEEP_DEBUG:-}" ]; then
    curl -s -X PUT -H 'Content-Type: application/json' -d '{"level":"info"}' "$MILVUS_HTTP/log/level"
    echo
fi
printf 'segments = %s\ngrowing = %s\n' "$segments" "$growing" > answers.toml
cat answers.toml
