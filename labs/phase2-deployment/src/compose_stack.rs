//! The Docker Compose stack: Milvus with external etcd and object storage, as
//! upstream's docker-compose.yml runs it.

use anyhow::Result;
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight};
use serde::Deserialize;

pub struct ComposeStack;

// The check's assertions, in report order; the book lists them from `META`.
const HEALTHY: &str = "etcd, minio and standalone are all healthy";
const PINNED: &str = "Milvus runs the pinned image of the catalogue";
const ROWS: &str = "collection `compose_demo` holds 500 rows (count(*), Strong)";
const BINLOGS: &str = "compose_demo's insert binlogs are in the bucket";
const ANSWER_BUCKET: &str = "compose.toml: bucket";
const ANSWER_OBJECTS: &str = "compose.toml: insert_log_objects";
const ANSWER_IMAGE: &str = "compose.toml: milvus_image";

static META: LabMeta = LabMeta {
    id: "phase2/compose-stack",
    title: "The Docker Compose stack: Milvus, etcd and object storage",
    phase: 2,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 25,
    components: &["etcd", "objectstorage"],
    versions: &[MilvusVersion::V2_3, MilvusVersion::V2_5, MilvusVersion::V2_6],
    requirements: Requirement::COMPOSE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[HEALTHY, PINNED, ROWS, BINLOGS, ANSWER_BUCKET, ANSWER_OBJECTS, ANSWER_IMAGE],
};

const COLLECTION: &str = "compose_demo";
const EXPECTED_ROWS: u64 = 500;

/// `compose.toml`: what the learner found.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Findings {
    bucket: String,
    insert_log_objects: usize,
    milvus_image: String,
}

impl Lab for ComposeStack {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let milvus = ctx.milvus()?;
        let store = ctx.object_store()?;
        let mut checks = Vec::new();

        let services = ctx.fixture.services()?;
        let health: Vec<String> = services.iter().map(|s| format!("{}: {}", s.name, s.health)).collect();
        checks.push(Assertion::equal(
            HEALTHY,
            "etcd: healthy, minio: healthy, standalone: healthy",
            health.join(", "),
            "docker compose ps; docker compose logs <service> shows why one is not healthy",
        ));
        let running_image =
            services.iter().find(|s| s.name == "standalone").map(|s| s.image.clone()).unwrap_or_default();
        let pinned = lab_framework::pinned_image("milvus")?;
        checks.push(Assertion::equal(
            PINNED,
            &pinned,
            &running_image,
            "pin an exact tag (never `latest`): upgrades must be deliberate",
        ));

        let exists = milvus.has_collection(COLLECTION)?;
        let count = if exists { milvus.count(COLLECTION)?.to_string() } else { "no such collection".to_owned() };
        checks.push(Assertion::equal(ROWS, EXPECTED_ROWS, count, "run stack.py once after finishing TODO 1 and 2"));

        let buckets = store.buckets()?;
        let live_objects = match (exists, buckets.first()) {
            (true, Some(bucket)) => {
                let id = milvus.describe_collection(COLLECTION)?.id;
                store.keys(bucket, &format!("files/insert_log/{id}/"))?.len()
            }
            _ => 0,
        };
        checks.push(Assertion::that(
            BINLOGS,
            live_objects > 0,
            "at least 1 object under files/insert_log/<collection id>/",
            format!("{live_objects} objects"),
            "flush the collection (TODO 3): binlogs reach the object store only when a segment is sealed",
        ));

        let findings = ctx.answers::<Findings>("compose.toml");
        let (bucket, objects, image) = match &findings {
            Ok(f) => (f.bucket.trim().to_owned(), f.insert_log_objects.to_string(), f.milvus_image.trim().to_owned()),
            Err(error) => (error.clone(), error.clone(), error.clone()),
        };
        checks.push(Assertion::equal(
            ANSWER_BUCKET,
            buckets.join(", "),
            bucket,
            "list the buckets with boto3 (see the lab text): Milvus created its bucket at start",
        ));
        checks.push(Assertion::equal(
            ANSWER_OBJECTS,
            live_objects,
            objects,
            "count the objects under files/insert_log/<collection id>/ after the flush",
        ));
        checks.push(Assertion::equal(
            ANSWER_IMAGE,
            running_image,
            image,
            "docker compose images (or ps) shows the image the standalone service runs",
        ));
        Ok(checks)
    }
}
