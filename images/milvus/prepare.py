#!/usr/bin/env python3
"""Lay out the Milvus build context from the PyPI `milvus` wheel.

Usage: prepare.py WHEEL OUTDIR

Writes OUTDIR/bin/* (the wheel's milvus/data/bin/*.lzma, decompressed),
OUTDIR/configs/milvus.yaml (the wheel's config.yaml.template with its
`{{ name(type): default }}` placeholders filled in) and OUTDIR/configs/glog.conf
(2.3; the 2.2 wheel has none).
Standard library only, so it runs with any python3 >= 3.8.
"""
import lzma
import os
import re
import sys
import zipfile

# Values for the template's placeholders. Paths follow the official image:
# everything that must survive a restart lives under /var/lib/milvus.
# Placeholders not listed keep the default written in the template.
VALUES = {
    "etcd_data_dir": "/var/lib/milvus/etcd",
    "etcd_log_path": "stdout",
    "local_storage_dir": "/var/lib/milvus/data/",
    "rocksmq_data_dir": "/var/lib/milvus/rdb_data",
    "system_log_path": '""',  # empty: log to stdout only, like the official image
    # Only in the 2.2 wheel's template. Its message log keeps the 2.2 wheel's
    # own directory name, `rocketmq` (2.3 renamed it `rocksmq`): the
    # phase6/upgrade lab is about that move.
    "rocketmq_data_dir": "/var/lib/milvus/rocketmq",
    "log_stdout": "true",
    "system_log_level": "info",
    # 2.2's template has no default ports; these are 2.2's upstream ones.
    "root_coord_port": "53100",
    "query_coord_port": "19531",
    "query_node_port": "21123",
    "index_coord_port": "31000",
    "index_node_port": "21121",
    "data_coord_port": "13333",
    "data_node_port": "21124",
}

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)(?:\([a-z]+\))?\s*(?::\s*([^}]*?))?\s*\}\}")


def render(template: str) -> str:
    def fill(match):
        name, default = match.group(1), match.group(2)
        if name in VALUES:
            return VALUES[name]
        if default is None:
            sys.exit(f"prepare.py: placeholder {name!r} has no default and no value")
        return default

    text = PLACEHOLDER.sub(fill, template)
    if "{{" in text:
        sys.exit("prepare.py: unfilled placeholder left in milvus.yaml")
    return text


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    wheel, out = sys.argv[1], sys.argv[2]
    bin_dir = os.path.join(out, "bin")
    conf_dir = os.path.join(out, "configs")
    os.makedirs(bin_dir, exist_ok=True)
    os.makedirs(conf_dir, exist_ok=True)
    with zipfile.ZipFile(wheel) as whl:
        for name in whl.namelist():
            if name.startswith("milvus/data/bin/") and name.endswith(".lzma"):
                target = os.path.join(bin_dir, os.path.basename(name)[: -len(".lzma")])
                with whl.open(name) as raw, lzma.open(raw) as src, open(target, "wb") as dst:
                    while True:
                        block = src.read(1 << 20)
                        if not block:
                            break
                        dst.write(block)
                os.chmod(target, 0o755)
        template = whl.read("milvus/data/config.yaml.template").decode("utf-8")
        # 2.2's wheel has none.
        glog = whl.read("milvus/data/glog.conf").decode("utf-8") if "milvus/data/glog.conf" in whl.namelist() else None
    with open(os.path.join(conf_dir, "milvus.yaml"), "w", encoding="utf-8") as f:
        f.write(render(template))
    if glog is not None:
        # C++ (segcore/knowhere) logs go to stdout like the Go logs, not to files.
        glog = glog.replace("--logtostdout=false", "--logtostdout=true")
        with open(os.path.join(conf_dir, "glog.conf"), "w", encoding="utf-8") as f:
            f.write(glog)


if __name__ == "__main__":
    main()
