//! Drill: the object store's keys were rotated and Milvus was not told.
//! Reads keep working; the next flush makes the data node quit, and Milvus
//! with it. The learner finds the store's refusal in Milvus' log and starts
//! Milvus with the new keys; the old ones stay revoked. The 500 rows written
//! just before the crash were acknowledged and must survive (they replay
//! from the message queue).

use std::time::Duration;

use anyhow::Result;
use lab_framework::access::object_store_attempt;
use lab_framework::drill::{healthz, seed_collections, seeded_rows};
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, OBJECT_STORE_ACCESS_KEY,
    OBJECT_STORE_SECRET_KEY, Requirement, Setting, Weight, answer,
};
use serde::Deserialize;

use super::{logged_error, milvus_writes, wait_until};

pub struct KeysRotated;

// The check's assertions, in report order; the book lists them from `META`.
const HEALTHY: &str = "Milvus is healthy";
const WRITES: &str = "Milvus writes a new segment to the bucket";
const OLD_KEYS_REVOKED: &str = "the object store refuses the old keys";
const NOTHING_LOST: &str = "nothing lost: every collection has its rows and primary keys";
const ANSWER_ERROR: &str = "diagnosis.toml: error";

static META: LabMeta = LabMeta {
    id: "phase10/keys-rotated",
    title: "Drill: Milvus crashes after a flush",
    phase: 10,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 20,
    components: &["datanode", "objectstorage"],
    // The data node's panic on a failed flush is 2.3's; measured on 2.3.5.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    // compose/harden.yml carries each side's keys; short sessions so the
    // restarted Milvus answers soon.
    settings: &[Setting::HardenedDependenciesFromEnvironment, Setting::SessionTtl { seconds: 10 }],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[HEALTHY, WRITES, OLD_KEYS_REVOKED, NOTHING_LOST, ANSWER_ERROR],
};

/// The keys the security team rotated to (the exercise's `rotation.toml`).
const NEW_ACCESS_KEY: &str = "milvus-2026-12";
const NEW_SECRET_KEY: &str = "8f3c1e9a-rotated-secret";
/// What the data node logs when the store no longer knows its key.
const REFUSAL_MARKER: &str = "Access Key Id";
/// The refusal as the crashed Milvus logged it, in the run folder.
const REFUSAL_FILE: &str = "refusal.txt";

/// `diagnosis.toml`: the store's refusal, as Milvus' log quotes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Diagnosis {
    error: String,
}

impl Lab for KeysRotated {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// The data, then the rotation on the store's side only, then the nightly
    /// job: 500 more rows (acknowledged, so in the baseline) and a flush,
    /// after which Milvus quits.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if !seed_collections(ctx, Instance::First)? {
            return Ok(());
        }
        ctx.fixture.reconfigure_object_store(
            &ctx.run_dir,
            &[Setting::ObjectStoreKeys { access: NEW_ACCESS_KEY, secret: NEW_SECRET_KEY }],
        )?;
        let milvus = ctx.milvus()?;
        milvus.insert_rows("orders", seeded_rows(3000..3500))?;
        Baseline::record(ctx, Instance::First, &[("orders", "id"), ("events", "id")])?.save(ctx)?;
        // The flush request alone: the data node then fails to write the
        // segment and quits, which the loop below waits for (waiting on the
        // flush itself only ran into its time limit).
        milvus.seal(&["orders"])?;
        wait_until(Duration::from_secs(90), || Ok(!ctx.fixture.milvus_running()?))?;
        // Milvus started with other keys is a new container with a new log:
        // the check compares with the refusal recorded here.
        logged_error(ctx, REFUSAL_MARKER, REFUSAL_FILE)?;
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let baseline = Baseline::required(ctx, Instance::First)?;
        let health = healthz(ctx)?;
        let healthy = health == "200 OK";
        let store = ctx.fixture.endpoints.object_store.as_deref().unwrap_or_default();
        let old_keys = object_store_attempt(store, OBJECT_STORE_ACCESS_KEY, OBJECT_STORE_SECRET_KEY);
        let refusal = logged_error(ctx, REFUSAL_MARKER, REFUSAL_FILE)?;
        let diagnosis = ctx.answers::<Diagnosis>("diagnosis.toml");
        Ok(vec![
            Assertion::equal(
                HEALTHY,
                "200 OK",
                &health,
                "start Milvus with the keys in rotation.toml: export MINIO_ACCESS_KEY_ID=… MINIO_SECRET_ACCESS_KEY=…, \
                 then docker compose up --detach --wait standalone",
            ),
            Assertion::equal(
                WRITES,
                "written",
                if healthy { milvus_writes(ctx) } else { "not measured: Milvus is not healthy".to_owned() },
                "the data node writes with the keys Milvus was started with",
            ),
            Assertion::equal(
                OLD_KEYS_REVOKED,
                "refused: InvalidAccessKeyId",
                old_keys,
                "the rotation stays: give Milvus the new keys, do not put the old ones back on the store",
            ),
            baseline.compare(
                ctx,
                NOTHING_LOST,
                "rows acknowledged before the crash wait in the message queue: Milvus replays them once it can write",
            ),
            Assertion::equal(
                ANSWER_ERROR,
                refusal.as_deref().unwrap_or("no refusal in the log"),
                answer(&diagnosis, |d| d.error.trim().to_owned()),
                "docker compose logs standalone | grep -m1 'failed to put object': the text in error=\"…\"",
            ),
        ])
    }
}
