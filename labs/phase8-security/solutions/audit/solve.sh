# Reference solution: turn the access log on (read at start), let the
# services' traffic run, and read the refused calls from the log.
set -euo pipefail
if [ "${ACCESS_LOG_ANSWER:-}" != off ]; then
    export ACCESS_LOG_ENABLED=true
    docker compose up --detach --wait standalone
    export MILVUS_URI="http://$(docker compose port standalone 19530)"
fi
# The first calls after a restart may wait for the old sessions to expire.
for attempt in 1 2 3 4 5; do
    python traffic.py && break
    [ "$attempt" = 5 ] && exit 1
    sleep 3
done
access=$(docker compose logs --no-log-prefix standalone | grep '\] \[ACCESS\] <' || true)
case ${READING:-refusals} in
refusals)
    refused=$(printf '%s\n' "$access" | grep 'permission deny' || true)
    user=$(printf '%s\n' "$refused" | sed -n 's/.*\[ACCESS\] <\([^:]*\): .*/\1/p' | sort | uniq -c | sort -rn | awk 'NR == 1 {print $2}')
    count=$(printf '%s\n' "$refused" | grep -c "\[ACCESS\] <$user: " || true)
    ;;
last-payroll-caller)
    # Wrong reading: the last user who touched payroll, and their failures.
    user=$(printf '%s\n' "$access" | grep '\[collection: payroll\]' | tail -1 | sed -n 's/.*\[ACCESS\] <\([^:]*\): .*/\1/p')
    count=$(printf '%s\n' "$access" | grep "\[ACCESS\] <$user: " | grep -vc '\[status: OK\]' || true)
    ;;
guess)
    # Wrong: no log to read, so a guess.
    user=intern count=1
    ;;
esac
printf 'user = "%s"\nrefused_calls = %s\n' "$user" "$count" > answers.toml
cat answers.toml
