//! Follow one collection from the SDK to its metadata in etcd and its binlogs in
//! the bucket.

use anyhow::Result;
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight};
use serde::Deserialize;

pub struct FollowACollection;

// The check's assertions, in report order; the book lists them from `META`.
const ROWS: &str = "collection `arch_demo` holds 1000 rows (count(*), Strong)";
const BINLOGS: &str = "arch_demo's insert binlogs are in the bucket";
const ANSWER_ID: &str = "trail.toml: collection_id";
const ANSWER_KEY: &str = "trail.toml: collection_key";
const ANSWER_SEGMENTS: &str = "trail.toml: segments";
const ANSWER_OBJECTS: &str = "trail.toml: insert_log_objects";

static META: LabMeta = LabMeta {
    id: "phase1/follow-a-collection",
    title: "Follow one collection from the SDK to etcd and the bucket",
    phase: 1,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 30,
    components: &["rootcoord", "datacoord", "datanode", "etcd", "objectstorage"],
    versions: &[MilvusVersion::V2_3, MilvusVersion::V2_5, MilvusVersion::V2_6],
    requirements: Requirement::COMPOSE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[ROWS, BINLOGS, ANSWER_ID, ANSWER_KEY, ANSWER_SEGMENTS, ANSWER_OBJECTS],
};

const COLLECTION: &str = "arch_demo";
const EXPECTED_ROWS: u64 = 1000;
const COLLECTION_INFO: &str = "by-dev/meta/root-coord/database/collection-info/";
const SEGMENTS: &str = "by-dev/meta/datacoord-meta/s/";

/// `trail.toml`: what the learner found.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Findings {
    collection_id: i64,
    collection_key: String,
    segments: usize,
    insert_log_objects: usize,
}

impl Lab for FollowACollection {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let etcd = ctx.etcd()?;
        let store = ctx.object_store()?;
        let milvus = ctx.milvus()?;

        let exists = milvus.has_collection(COLLECTION)?;
        let count = if exists { milvus.count(COLLECTION)?.to_string() } else { "no such collection".to_owned() };
        // The live trail: id -> collection-info key -> segment keys -> binlog objects.
        let id = if exists { Some(milvus.describe_collection(COLLECTION)?.id) } else { None };
        let (key, segments, objects) = match id {
            Some(id) => {
                let key = etcd.keys(COLLECTION_INFO)?.into_iter().find(|key| key.ends_with(&format!("/{id}")));
                let segments = etcd.keys(&format!("{SEGMENTS}{id}/"))?.len();
                let objects = match store.buckets()?.first() {
                    Some(bucket) => store.keys(bucket, &format!("files/insert_log/{id}/"))?.len(),
                    None => 0,
                };
                (key.unwrap_or_else(|| format!("no key under {COLLECTION_INFO}")), segments, objects)
            }
            None => ("no such collection".to_owned(), 0, 0),
        };

        let findings = ctx.answers::<Findings>("trail.toml");
        let answer =
            |field: fn(&Findings) -> String| lab_framework::answer(&findings, |found| field(found).trim().to_owned());
        Ok(vec![
            Assertion::equal(ROWS, EXPECTED_ROWS, count, "run trail.py once after finishing its TODOs"),
            Assertion::that(
                BINLOGS,
                objects > 0,
                "at least 1 object under files/insert_log/<collection id>/",
                format!("{objects} objects"),
                "flush the collection: binlogs reach the bucket only when a segment is sealed",
            ),
            Assertion::equal(
                ANSWER_ID,
                id.map_or_else(|| "no such collection".to_owned(), |id| id.to_string()),
                answer(|f| f.collection_id.to_string()),
                "client.describe_collection(\"arch_demo\")[\"collection_id\"]",
            ),
            Assertion::equal(
                ANSWER_KEY,
                key,
                answer(|f| f.collection_key.clone()),
                "etcdctl get --prefix --keys-only by-dev/meta/root-coord/database/collection-info/ lists one key per collection",
            ),
            Assertion::equal(
                ANSWER_SEGMENTS,
                segments,
                answer(|f| f.segments.to_string()),
                "count the keys under by-dev/meta/datacoord-meta/s/<collection id>/ (one per segment)",
            ),
            Assertion::equal(
                ANSWER_OBJECTS,
                objects,
                answer(|f| f.insert_log_objects.to_string()),
                "count the objects under files/insert_log/<collection id>/ in the bucket Milvus created",
            ),
        ])
    }
}
