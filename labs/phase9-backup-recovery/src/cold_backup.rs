//! Cold backup and restore of a whole instance: etcd's snapshot, the bucket,
//! and Milvus' own volume (its WAL), taken with Milvus stopped; then the
//! whole stack and its volumes are lost, and a new one is restored from the
//! backup. Every collection must come back with its rows, keys and index.

use std::path::Path;

use anyhow::Result;
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight, drill,
};

pub struct ColdBackup;

// The check's assertions, in report order; the book lists them from `META`.
const SNAPSHOT: &str = "backup/etcd.db is an etcd snapshot with an intact checksum";
const BUCKET_COPY: &str = "backup/bucket holds the collections' binlogs";
const LOST: &str = "etcd's and the object store's volumes are new: the data came back from backup/";
const HEALTHY: &str = "Milvus is healthy on the restored stack";
const NOTHING_LOST: &str = "nothing lost: every collection has its rows and primary keys";
const INDEXES: &str = "every collection's index is back and built";

static META: LabMeta = LabMeta {
    id: "phase9/cold-backup",
    title: "Cold backup and restore of a whole instance",
    phase: 9,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 30,
    components: &["etcd", "objectstorage"],
    // Measured on 2.3.5 (rocksmq in Milvus' volume; 2.6 keeps its WAL in
    // the streaming node or Woodpecker instead).
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    // The restored etcd holds the old sessions; the first calls would wait
    // them out (30 s).
    settings: &[Setting::SessionTtl { seconds: 10 }],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[SNAPSHOT, BUCKET_COPY, LOST, HEALTHY, NOTHING_LOST, INDEXES],
};

const SNAPSHOT_FILE: &str = "backup/etcd.db";
const BUCKET_COPY_DIR: &str = "backup/bucket/files/insert_log";
/// Files the seed leaves in etcd's and the object store's volumes, beside
/// the data (no backup copies them): a lost volume has none, a kept one (a
/// container recreated, or no disaster at all) still has it. Milvus' own
/// volume gets none: the backup copies it whole, markers included.
const MARKERS: &[(&str, &str)] =
    &[("etcd", "/etcd/seeded-by-milvus-labs"), ("minio", "/minio_data/.seeded-by-milvus-labs")];
/// What `create_collection` builds (the probes' AUTOINDEX), as 2.3 reports it.
const SEEDED_INDEX: &str = "AUTOINDEX";

impl Lab for ColdBackup {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if drill::seed_collections(ctx, Instance::First)? {
            for (service, marker) in MARKERS {
                ctx.fixture.put_file(&ctx.run_dir, service, marker, "this volume at the start of the drill\n")?;
            }
        }
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let baseline = Baseline::required(ctx, Instance::First)?;
        let binlogs = count_files(&ctx.work_dir.join(BUCKET_COPY_DIR));
        let kept: Result<Vec<&str>> = MARKERS
            .iter()
            .filter_map(|(service, marker)| match ctx.fixture.has_file(service, marker) {
                Ok(true) => Some(Ok(*service)),
                Ok(false) => None,
                Err(error) => Some(Err(error)),
            })
            .collect();
        Ok(vec![
            lab_framework::drill::etcd_snapshot_saved(ctx, SNAPSHOT, SNAPSHOT_FILE),
            Assertion::that(
                BUCKET_COPY,
                binlogs > 0,
                "binlog files",
                match binlogs {
                    0 => "none".to_owned(),
                    files => format!("{files} binlog files"),
                },
                "python bucket.py save backup/bucket: etcd knows where each segment is, the bucket holds it",
            )
            .measured(),
            lost(kept),
            Assertion::equal(
                HEALTHY,
                "200 OK",
                drill::healthz(ctx)?,
                "start etcd and the object store first, restore into them, then Milvus: docker compose up --detach --wait",
            ),
            baseline.compare(
                ctx,
                NOTHING_LOST,
                "restore all three: etcd's snapshot (where segments are), the bucket (the segments), Milvus' volume (its WAL)",
            ),
            indexes(ctx),
        ])
    }
}

/// Whether the volumes the seed marked are gone.
fn lost(kept: Result<Vec<&str>>) -> Assertion {
    let hint = "a restore that never lost anything tests no backup: bash lose-everything.sh after your backup";
    match kept {
        Ok(kept) => Assertion::that(
            LOST,
            kept.is_empty(),
            "new volumes",
            if kept.is_empty() {
                "new volumes".to_owned()
            } else {
                format!("the lab's first volume: {}", kept.join(", "))
            },
            hint,
        ),
        Err(error) => Assertion::probe_failed(LOST, "new volumes", &error, hint),
    }
}

/// Each seeded collection's index type and state, as `orders: AUTOINDEX Finished`.
fn indexes(ctx: &LabContext) -> Assertion {
    let names = drill::SEEDED.iter().map(|(name, _)| *name);
    let expected = names.clone().map(|name| format!("{name}: {SEEDED_INDEX} Finished")).collect::<Vec<_>>().join("; ");
    let observed = ctx.milvus().and_then(|milvus| {
        names
            .map(|name| {
                Ok(match milvus.index(name, "vector")? {
                    Some(index) => format!("{name}: {} {}", index.index_type, index.state),
                    None => format!("{name}: no index"),
                })
            })
            .collect::<Result<Vec<_>>>()
    });
    let hint = "indexes are files in the bucket (index_files/) and records in etcd: restore both";
    match observed {
        Ok(observed) => Assertion::equal(INDEXES, expected, observed.join("; "), hint),
        Err(error) => Assertion::probe_failed(INDEXES, expected, &error, hint),
    }
}

/// Files under `dir`, at any depth; 0 when it does not exist.
fn count_files(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|entry| {
            let path = entry.path();
            if path.is_dir() { count_files(&path) } else { 1 }
        })
        .sum()
}
