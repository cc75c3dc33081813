"""The restart followed by the most short results in traffic.jsonl (each
short second charged to the last restart before it), or, in a run with no
short result, by the most failed searches. Reads restarts.log (roll.sh's
`restart` writes a line `<unix time> <container>` as it begins one)."""
import json

restarts = []
for line in open("restarts.log"):
    time, container = line.split()
    restarts.append((float(time), container.rsplit("-", 2)[-2]))  # <project>-<role>-<n>
seconds = [json.loads(line) for line in open("traffic.jsonl")]


def costliest(kind):
    by_role = {}
    for second in seconds:
        if second[kind]:
            before = [role for time, role in restarts if time <= second["time"]]
            if before:
                by_role[before[-1]] = by_role.get(before[-1], 0) + second[kind]
    return max(by_role, key=by_role.get) if by_role else None


print(costliest("short") or costliest("errors") or "")
