"""Writes window.toml from the first drill in drills.jsonl (WINDOW overrides it)."""
import json
import os

first = json.loads(open("drills.jsonl").readline())
window = os.environ.get("WINDOW", first["declared_dead_after_seconds"])
open("window.toml", "w").write(f"default_window_seconds = {window}\n")
print(open("window.toml").read())
