# An etcd change reaches the proxy within about 5 s: probe until 1025 is
# refused, as a learner would run probe.py again.
for _ in $(seq 30); do
    result=$(python probe.py 1025)
    echo "$result"
    case $result in *refused*) break ;; esac
    sleep 1
done
