//! Logical restore of one collection into another cluster, the way
//! milvus-backup does it: copy the collection's binlogs (insert and delete
//! logs) into the target's storage and bulk-import them with the backup flag.
//! The import's state proves nothing: a wrong path completes with 0 rows, so
//! the check compares rows and keys, and that deleted rows stay deleted.

use std::time::{Duration, Instant};

use anyhow::Result;
use lab_framework::probes::Milvus;
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight, drill,
};

pub struct LogicalRestore;

// The check's assertions, in report order; the book lists them from `META`.
const COPIED: &str = "the target's storage root holds a copy of `orders`' insert and delete logs";
const IMPORTED: &str = "the target ran a bulk import with the backup flag, and it completed";
const NOTHING_LOST: &str = "nothing lost: the target's `orders` has the source's rows and primary keys";
const DELETES_KEPT: &str = "rows deleted on the source stay deleted on the target";
const SOURCE_KEPT: &str = "the source's `orders` is untouched";

static META: LabMeta = LabMeta {
    id: "phase9/logical-restore",
    title: "Logical restore of one collection into another cluster",
    phase: 9,
    mode: Mode::Compose,
    weight: Weight::COMPOSE_TWO_MILVUS,
    minutes: 25,
    components: &["sdk", "proxy"],
    // Measured on 2.3.5 (`do_bulk_insert(..., backup="true")`); 2.5 and 2.6
    // import binlogs through the v2 import API, not measured here.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_TWO_MILVUS_LAB,
    settings: &[Setting::SecondMilvus],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[COPIED, IMPORTED, NOTHING_LOST, DELETES_KEPT, SOURCE_KEPT],
};

const COLLECTION: &str = "orders";
/// The rows the seed deletes on the source: `id < DELETED`.
const DELETED: i64 = 100;
/// Milvus' default bucket and the target's root (compose/second-milvus.yml).
const BUCKET: &str = "a-bucket";
const TARGET_ROOT: &str = "files2";

impl Lab for LogicalRestore {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// The seeded collections; `orders`' three segments compacted into one,
    /// so the bucket also holds the three it replaced (until garbage
    /// collection, hours away); then deletes, flushed, so the live segment
    /// has a delete log. The baseline is taken after them.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if drill::seed_collections(ctx, Instance::First)? {
            let milvus = ctx.milvus()?;
            milvus.compact(COLLECTION, Duration::from_secs(60))?;
            let merged = Instant::now();
            while milvus.flushed_segment_rows(COLLECTION)?.len() > 1 {
                anyhow::ensure!(merged.elapsed() < Duration::from_secs(60), "{COLLECTION}'s segments were not merged");
                std::thread::sleep(Duration::from_millis(250));
            }
            milvus.delete(COLLECTION, &format!("id < {DELETED}"))?;
            milvus.flush(&[COLLECTION])?;
            Baseline::record(ctx, Instance::First, &[(COLLECTION, "id")])?.save(ctx)?;
        }
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let source = Baseline::required(ctx, Instance::First)?;
        let facts = source.collections.iter().find(|facts| facts.name == COLLECTION);
        let (source_id, source_rows) = facts.map_or((0, 0), |facts| (facts.id, facts.rows));
        let target = Instance::Second.milvus(ctx);
        Ok(vec![
            copied(ctx, source_id),
            imported(&target),
            source.clone().restored_as(COLLECTION, Instance::Second, COLLECTION).compare(
                ctx,
                NOTHING_LOST,
                restore_hint(&target, source_rows),
            ),
            deletes_kept(&target),
            source.compare(ctx, SOURCE_KEPT, "restore into the target (MILVUS2_URI); the source stays as it is"),
        ])
    }
}

/// What to do about the target's rows, from how many it has.
fn restore_hint(target: &Result<Milvus>, source_rows: u64) -> &'static str {
    let rows =
        on(
            target,
            |milvus| {
                if milvus.has_collection(COLLECTION)? { milvus.count(COLLECTION).map(Some) } else { Ok(None) }
            },
        );
    match rows {
        Ok(None) => "restore the copy into the target: python restore.py orders <insert_log folder> <delta_log folder>",
        Ok(Some(0)) => {
            "an import of a path with no files completes with 0 rows: the paths are bucket keys, starting with the \
             target's root (files2/...), one partition folder each"
        }
        Ok(Some(rows)) if rows > source_rows => {
            "more rows than the source: the copy holds segments that compaction replaced (copy only the segments \
             the source serves: python segments.py orders), or the rows were imported twice"
        }
        _ => "copy and import both logs of the segments the source serves",
    }
}

/// Objects under the target's root whose keys carry the source collection's
/// id: only a copy has them (the target names its own folders by its own ids).
fn copied(ctx: &LabContext, source_id: i64) -> Assertion {
    let expected = "insert_log and delta_log objects of the source collection";
    let keys = ctx.object_store().and_then(|store| store.keys(BUCKET, &format!("{TARGET_ROOT}/")));
    match keys {
        Ok(keys) => {
            let count = |log: &str| keys.iter().filter(|key| key.contains(&format!("{log}/{source_id}/"))).count();
            let (inserts, deletes) = (count("insert_log"), count("delta_log"));
            Assertion::that(
                COPIED,
                inserts > 0 && deletes > 0,
                expected,
                format!("{inserts} insert_log and {deletes} delta_log objects under {TARGET_ROOT}/"),
                "copy both logs of each segment the source serves into the target's root: python s3.py cp \
                 files/insert_log/<C>/<P>/<S>/ files2/backup/insert_log/<C>/<P>/<S>/, and the same for delta_log",
            )
        }
        Err(error) => Assertion::probe_failed(COPIED, expected, &error, "is the object store up?"),
    }
}

fn imported(target: &Result<Milvus>) -> Assertion {
    let expected = "a Completed task with backup=true";
    let tasks =
        on(
            target,
            |milvus| {
                if milvus.has_collection(COLLECTION)? { milvus.import_tasks(COLLECTION) } else { Ok(Vec::new()) }
            },
        );
    match tasks {
        Ok(tasks) => {
            let observed = if tasks.is_empty() {
                "no import task".to_owned()
            } else {
                tasks
                    .iter()
                    .map(|task| {
                        let flag = if task.backup { "backup=true" } else { "no backup flag" };
                        format!("{}, {} rows, {flag}", task.state, task.row_count)
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            Assertion::that(
                IMPORTED,
                tasks.iter().any(|task| task.state == "Completed" && task.backup),
                expected,
                observed,
                "utility.do_bulk_insert(\"orders\", partition_name=\"_default\", backup=\"true\", files=[...]) on \
                 MILVUS2_URI (pymilvus drops options={\"backup\": ...})",
            )
        }
        Err(error) => Assertion::probe_failed(IMPORTED, expected, &error, "is the second Milvus up?"),
    }
}

fn deletes_kept(target: &Result<Milvus>) -> Assertion {
    let expected = format!("none of the {DELETED} deleted keys");
    let back = on(target, |milvus| {
        if !milvus.has_collection(COLLECTION)? {
            anyhow::bail!("the target has no collection `{COLLECTION}`");
        }
        milvus.primary_keys(COLLECTION, "id", &format!("id < {DELETED}"))
    });
    let hint = "import the delta_log folder with the insert_log folder: deletes are files of their own";
    match back {
        Ok(back) => Assertion::that(
            DELETES_KEPT,
            back.is_empty(),
            &expected,
            if back.is_empty() { expected.clone() } else { format!("{} of them are back", back.len()) },
            hint,
        ),
        Err(error) => Assertion::probe_failed(DELETES_KEPT, &expected, &error, hint),
    }
}

/// `read` on the target, or why the target could not be reached.
fn on<T>(target: &Result<Milvus>, read: impl FnOnce(&Milvus) -> Result<T>) -> Result<T> {
    match target {
        Ok(milvus) => read(milvus),
        Err(error) => Err(anyhow::anyhow!("{error:#}")),
    }
}
