"""Show the Milvus server process's resident memory and what it maps from the
mmap directory, read from /proc inside the standalone container.

    python memory.py

Run it in this folder, with the variables `cargo xtask env` prints: it calls
`docker compose exec`, which finds the lab's stack through them.
"""

import subprocess

SCRIPT = r"""
dir=${QUERYNODE_MMAPDIRPATH:-}
for p in /proc/[0-9]*; do
  [ "$(cat "$p/comm" 2>/dev/null)" = milvus ] || continue
  echo "mmap directory: ${dir:-(none: mmap is off)}"
  grep -E '^(VmRSS|RssAnon|RssFile):' "$p/status"
  if [ -n "$dir" ]; then
    echo "mapped from $dir:"
    grep -F "$dir/" "$p/maps" | awk '{ print "  " $6, $7 }'
  fi
  exit 0
done
echo "no milvus process in the container" >&2
exit 1
"""

result = subprocess.run(
    ["docker", "compose", "exec", "-T", "standalone", "bash", "-c", SCRIPT],
    capture_output=True,
    text=True,
)
print(result.stdout, end="")
if result.returncode != 0:
    raise SystemExit(result.stderr.strip() or "docker compose exec failed: is the lab's stack up? (cargo xtask env)")
for line in result.stdout.splitlines():
    if line.startswith("RssAnon:"):
        print(f"RssAnon in MB: {int(line.split()[1]) * 1024 // 1_000_000}")
