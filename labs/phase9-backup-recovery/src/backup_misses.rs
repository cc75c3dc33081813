//! What a backup misses: a copy of the bucket holds the flushed segments,
//! and the rows written since the last flush are in none of them (on 2.3
//! they are in the message queue and the data node's memory). The learner
//! measures the gap, then backs up the way that closes it: writes paused,
//! a flush, the copy and its restore into another cluster, writes resumed.

use anyhow::Result;
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight, drill,
};
use serde::Deserialize;

pub struct BackupMisses;

// The check's assertions, in report order; the book lists them from `META`.
const ANSWER_UNFLUSHED: &str = "backup.toml: the rows a copy of the flushed segments misses";
const FLUSHED: &str = "every row of the source's `orders` is in a flushed segment";
const NOTHING_LOST: &str = "nothing lost: the target's `orders` has every row and primary key of the source";
const WRITES_OPEN: &str = "writes are open again on the source";
const SOURCE_KEPT: &str = "the source's `orders` is untouched";

static META: LabMeta = LabMeta {
    id: "phase9/backup-misses",
    title: "What a backup misses: the writes since the last flush",
    phase: 9,
    mode: Mode::Compose,
    weight: Weight::COMPOSE_TWO_MILVUS,
    minutes: 25,
    components: &["etcd", "objectstorage", "wal"],
    // Measured on 2.3.5: the binlog import with the backup flag, and
    // forceDeny read live from etcd (Compose only, see write-freeze).
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_TWO_MILVUS_LAB,
    settings: &[Setting::SecondMilvus],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[ANSWER_UNFLUSHED, FLUSHED, NOTHING_LOST, WRITES_OPEN, SOURCE_KEPT],
};

const COLLECTION: &str = "orders";
/// The rows the seed flushed into `orders` (3 batches of 1,000).
const FLUSHED_ROWS: i64 = 3000;
/// The application's latest writes: inserted after the last flush, and small
/// enough that no size rule seals their segment on its own.
const UNFLUSHED_ROWS: i64 = 500;
const FORCE_DENY: &str = "by-dev/config/quotaAndLimits/limitWriting/forceDeny";

/// `backup.toml`: what the learner measured before backing up.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Answers {
    unflushed_rows: i64,
}

impl Lab for BackupMisses {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// The seeded collections, flushed; then the latest writes, not flushed.
    /// The baseline is taken after them (a Strong count reads them too).
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if drill::seed_collections(ctx, Instance::First)? {
            ctx.milvus()?.insert_rows(COLLECTION, drill::seeded_rows(FLUSHED_ROWS..FLUSHED_ROWS + UNFLUSHED_ROWS))?;
            Baseline::record(ctx, Instance::First, &[(COLLECTION, "id")])?.save(ctx)?;
        }
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let source = Baseline::required(ctx, Instance::First)?;
        let answers = ctx.answers::<Answers>("backup.toml");
        let deny = ctx.etcd()?.get(FORCE_DENY)?;
        Ok(vec![
            Assertion::equal(
                ANSWER_UNFLUSHED,
                UNFLUSHED_ROWS.to_string(),
                lab_framework::answer(&answers, |a| a.unflushed_rows.to_string()),
                "count(*) reads every row; the segments `python segments.py orders` lists hold what a copy gets: \
                 the difference is what it misses",
            ),
            flushed(ctx),
            source.clone().restored_as(COLLECTION, Instance::Second, COLLECTION).compare(
                ctx,
                NOTHING_LOST,
                restore_hint(ctx),
            ),
            Assertion::that(
                WRITES_OPEN,
                deny.as_deref().is_none_or(|value| value.trim() == "false"),
                "no forceDeny key, or false",
                deny.unwrap_or_else(|| "no key".to_owned()),
                "a pause ends when you lift it: etcdctl del by-dev/config/quotaAndLimits/limitWriting/forceDeny",
            ),
            source.compare(ctx, SOURCE_KEPT, "back up from the source; restore into the target (MILVUS2_URI)"),
        ])
    }
}

/// Rows in the source's flushed segments against its count(*).
fn flushed(ctx: &LabContext) -> Assertion {
    let live = ctx.milvus().and_then(|milvus| {
        let flushed: i64 = milvus.flushed_segment_rows(COLLECTION)?.iter().sum();
        Ok((flushed, milvus.count(COLLECTION)?))
    });
    let hint = "flush before you copy: client.flush(\"orders\") seals the growing segment and writes it to the bucket";
    match live {
        Ok((flushed, rows)) => Assertion::that(
            FLUSHED,
            u64::try_from(flushed).is_ok_and(|flushed| flushed >= rows),
            "all rows in flushed segments",
            format!("{flushed} of {rows} rows in flushed segments"),
            hint,
        ),
        Err(error) => Assertion::probe_failed(FLUSHED, "all rows in flushed segments", &error, hint),
    }
}

/// What to do about the target's rows, from how many it has.
fn restore_hint(ctx: &LabContext) -> &'static str {
    let rows = Instance::Second.milvus(ctx).and_then(|target| {
        if target.has_collection(COLLECTION)? { target.count(COLLECTION).map(Some) } else { Ok(None) }
    });
    match rows {
        Ok(Some(rows)) if rows == FLUSHED_ROWS as u64 => {
            "the target has exactly the flushed rows: the copy was taken before a flush, so the latest writes \
             were in no file yet"
        }
        Ok(None) => "restore the copy into the target: python restore.py orders <insert_log folder> <delta_log folder>",
        _ => "pause writes, flush, then copy the segments the source lists and restore them into the target",
    }
}
