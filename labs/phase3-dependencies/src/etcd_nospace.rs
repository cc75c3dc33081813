//! etcd out of space: a small quota fills up, etcd raises NOSPACE and refuses
//! every write, so Milvus can no longer change its metadata. The learner frees
//! the space and disarms the alarm.

use anyhow::Result;
use lab_framework::probes::CollectionSpec;
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight,
};
use serde::Deserialize;

pub struct EtcdNospace;

// The check's assertions, in report order; the book lists them from `META`.
const NO_ALARM: &str = "etcd has no alarm raised";
const ROOM: &str = "etcd's database is back under half its quota";
const WRITES: &str = "Milvus creates and drops a collection again";
const NOTHING_LOST: &str = "nothing lost: every collection has its rows and primary keys";
const ANSWER_ERROR: &str = "nospace.toml: error";

/// Small enough to fill in seconds, large enough for Milvus' own metadata.
const QUOTA_BYTES: u64 = 8 * 1024 * 1024;

static META: LabMeta = LabMeta {
    id: "phase3/etcd-nospace",
    title: "etcd out of space: NOSPACE and recovery",
    phase: 3,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 25,
    components: &["etcd", "rootcoord"],
    versions: &[MilvusVersion::V2_3, MilvusVersion::V2_5, MilvusVersion::V2_6],
    requirements: Requirement::COMPOSE_LAB,
    settings: &[Setting::EtcdQuotaBytes(QUOTA_BYTES)],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[NO_ALARM, ROOM, WRITES, NOTHING_LOST, ANSWER_ERROR],
};

/// etcd's own words, passed through by Milvus unchanged.
const SPACE_EXCEEDED: &str = "etcdserver: mvcc: database space exceeded";
/// Where the seed's filler goes: a runaway writer sharing Milvus' etcd.
const FILLER_PREFIX: &str = "runaway-job/blob-";
const FILLER_BYTES: usize = 256 * 1024;
const PROBE: CollectionSpec = CollectionSpec {
    name: "nospace_probe",
    primary_key: "id",
    vector_field: "vector",
    dimension: 8,
    scalar_fields: &[],
};

/// `nospace.toml`: what the learner saw.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Observed {
    error: String,
}

impl Lab for EtcdNospace {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// The data and its baseline first, then a runaway writer fills etcd until it
    /// raises NOSPACE. A deployment seeded before is the learner's, filled or
    /// already recovered: left as it is.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if !lab_framework::drill::seed_collections(ctx, Instance::First)? {
            return Ok(());
        }
        let etcd = ctx.etcd()?;
        let blob = vec![b'x'; FILLER_BYTES];
        let max_blobs = QUOTA_BYTES as usize / FILLER_BYTES * 2;
        for n in 0..max_blobs {
            match etcd.put(&format!("{FILLER_PREFIX}{n:04}"), &blob) {
                Ok(()) => continue,
                Err(error) if format!("{error:#}").contains("database space exceeded") => return Ok(()),
                Err(error) => return Err(error.context("filling etcd")),
            }
        }
        anyhow::bail!("etcd took {max_blobs} blobs of {FILLER_BYTES} bytes without NOSPACE; is the quota set?")
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let baseline = Baseline::required(ctx, Instance::First)?;
        let etcd = ctx.etcd()?;
        let alarms = etcd.alarms()?;
        let size = etcd.status()?.db_size;

        // A DDL writes etcd; on a full etcd it fails with etcd's error.
        let writes = ctx.milvus().and_then(|milvus| {
            if milvus.has_collection(PROBE.name)? {
                milvus.drop_collection(PROBE.name)?;
            }
            milvus.create_collection(&PROBE)?;
            milvus.drop_collection(PROBE.name)
        });
        let observed = ctx.answers::<Observed>("nospace.toml").map(|o| o.error.trim().to_owned());
        Ok(vec![
            Assertion::equal(
                NO_ALARM,
                "none",
                if alarms.is_empty() { "none".to_owned() } else { alarms.join(", ") },
                "etcdctl alarm disarm, once there is room again: it is raised anew by the next write that does not fit",
            ),
            Assertion::that(
                ROOM,
                size < QUOTA_BYTES / 2,
                format!("under {} bytes", QUOTA_BYTES / 2),
                format!("{size} bytes"),
                "delete what does not belong, compact to the current revision, then defrag: only defrag shrinks the file",
            )
            .measured(),
            match writes {
                Ok(()) => Assertion::equal(WRITES, "created and dropped", "created and dropped", ""),
                Err(error) => Assertion::probe_failed(
                    WRITES,
                    "created and dropped",
                    &error,
                    "Milvus writes metadata to etcd on every DDL; it recovers once etcd accepts writes",
                ),
            },
            baseline.compare(
                ctx,
                NOTHING_LOST,
                "free space by compacting and defragmenting etcd; deleting Milvus' own keys loses collections",
            ),
            Assertion::equal(
                ANSWER_ERROR,
                SPACE_EXCEEDED,
                observed.unwrap_or_else(|error| error),
                "before fixing anything, create a collection with pymilvus and copy the message of the error",
            ),
        ])
    }
}
