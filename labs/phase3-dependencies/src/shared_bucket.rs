//! Object storage layout and sharing: two Milvus instances on one etcd and one
//! bucket, kept apart only by their root paths. The learner drops a collection
//! on the first; garbage collection removes its binlogs, and the second
//! instance, with collections of the same names, keeps every row.

use anyhow::{Context, Result};
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight,
};
use serde::Deserialize;

pub struct SharedBucket;

// The check's assertions, in report order; the book lists them from `META`.
const DROPPED: &str = "the first instance no longer has `events`";
const COLLECTED: &str = "garbage collection removed its binlogs";
const FIRST_KEPT: &str = "nothing lost on the first instance: `orders` has its rows and primary keys";
const SECOND_KEPT: &str = "nothing lost on the second instance: every collection has its rows and primary keys";
const ANSWER_ID: &str = "bucket.toml: dropped_collection_id";
const ANSWER_ROOT: &str = "bucket.toml: second_root";

static META: LabMeta = LabMeta {
    id: "phase3/shared-bucket",
    title: "Two Milvus on one bucket: layout, sharing and garbage collection",
    phase: 3,
    mode: Mode::Compose,
    weight: Weight::COMPOSE_TWO_MILVUS,
    minutes: 30,
    components: &["objectstorage", "datacoord"],
    versions: &[MilvusVersion::V2_3, MilvusVersion::V2_5, MilvusVersion::V2_6],
    requirements: Requirement::COMPOSE_TWO_MILVUS_LAB,
    // Collected within about a minute of the drop instead of hours.
    settings: &[Setting::SecondMilvus, Setting::GarbageCollection { interval_seconds: 10, drop_tolerance_seconds: 5 }],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[DROPPED, COLLECTED, FIRST_KEPT, SECOND_KEPT, ANSWER_ID, ANSWER_ROOT],
};

const TO_DROP: &str = "events";
/// Milvus' default bucket, and the second instance's root (compose/second-milvus.yml).
const BUCKET: &str = "a-bucket";
const FIRST_ROOT: &str = "files";
const SECOND_ROOT: &str = "files2";

/// `bucket.toml`: what the learner found in the bucket.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Findings {
    dropped_collection_id: i64,
    second_root: String,
}

impl Lab for SharedBucket {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        // Both at once: each mostly waits on its own Milvus.
        let ctx = &*ctx;
        std::thread::scope(|scope| {
            let second = scope.spawn(|| lab_framework::drill::seed_collections(ctx, Instance::Second));
            lab_framework::drill::seed_collections(ctx, Instance::First)?;
            second.join().map_err(|_| anyhow::anyhow!("seeding the second instance panicked"))?
        })?;
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let first = Baseline::required(ctx, Instance::First)?;
        let second = Baseline::required(ctx, Instance::Second)?;
        let dropped_id = first
            .collections
            .iter()
            .find(|facts| facts.name == TO_DROP)
            .map(|facts| facts.id)
            .context("the baseline does not list `events`")?;

        let still_there = ctx.milvus().and_then(|milvus| milvus.has_collection(TO_DROP));
        let prefix = format!("{FIRST_ROOT}/insert_log/{dropped_id}/");
        let binlogs = ctx.object_store().and_then(|store| store.keys(BUCKET, &prefix));
        let findings = ctx.answers::<Findings>("bucket.toml");
        let answer = |field: fn(&Findings) -> String| lab_framework::answer(&findings, field);
        Ok(vec![
            match still_there {
                Ok(exists) => Assertion::equal(
                    DROPPED,
                    "dropped",
                    if exists { "still there" } else { "dropped" },
                    "drop it through the first instance: MilvusClient(uri=os.environ[\"MILVUS_URI\"])",
                ),
                Err(error) => Assertion::probe_failed(DROPPED, "dropped", &error, "is the first Milvus up?"),
            },
            match binlogs {
                Ok(keys) => Assertion::that(
                    COLLECTED,
                    keys.is_empty(),
                    format!("no object under {BUCKET}/{prefix}"),
                    format!("{} objects", keys.len()),
                    "the collector runs every 10 s here and waits 5 s after a drop; list the prefix again",
                ),
                Err(error) => Assertion::probe_failed(COLLECTED, "an empty prefix", &error, "is the object store up?"),
            },
            first.excluding(TO_DROP).compare(ctx, FIRST_KEPT, "drop only `events` of the first instance"),
            second.compare(
                ctx,
                SECOND_KEPT,
                "the second instance's data is not yours to touch: drop through MILVUS_URI, not MILVUS2_URI",
            ),
            Assertion::equal(
                ANSWER_ID,
                dropped_id,
                answer(|f| f.dropped_collection_id.to_string()),
                "describe_collection(\"events\")[\"collection_id\"] before the drop: folders carry ids, not names",
            ),
            Assertion::equal(
                ANSWER_ROOT,
                SECOND_ROOT,
                answer(|f| f.second_root.trim().trim_end_matches('/').to_owned()),
                "list the bucket's top level: one folder per instance's minio.rootPath",
            ),
        ])
    }
}
