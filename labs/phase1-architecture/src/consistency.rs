//! Consistency levels: what a read sees right after a write, per level, and
//! which level a collection gets when nobody chooses.

use anyhow::Result;
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight};
use serde::Deserialize;
use serde_json::json;

pub struct Consistency;

// The check's assertions, in report order; the book lists them from `META`.
const ORDERS_LEVEL: &str = "`orders` reads at Strong by default";
const READ_YOUR_WRITE: &str = "a row written to `orders` is read back at once";
const FEED_DEFAULT: &str = "`feed` kept the level nobody chose";
const ANSWER_FEED: &str = "consistency.toml: feed_level";
const ANSWER_WINDOW: &str = "consistency.toml: bounded_staleness_ms";

static META: LabMeta = LabMeta {
    id: "phase1/consistency",
    title: "Consistency levels: reading your own writes",
    phase: 1,
    mode: Mode::Standalone,
    weight: Weight::STANDALONE,
    minutes: 20,
    components: &["proxy", "querynode", "wal"],
    versions: &[MilvusVersion::V2_3, MilvusVersion::V2_5, MilvusVersion::V2_6],
    requirements: Requirement::STANDALONE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[ORDERS_LEVEL, READ_YOUR_WRITE, FEED_DEFAULT, ANSWER_FEED, ANSWER_WINDOW],
};

const ORDERS: &str = "orders";
const FEED: &str = "feed";
/// The check's own probe row, far from the learner's keys; deleted afterwards.
const PROBE_ID: i64 = 900_000_001;

/// `consistency.toml`: what the learner found.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Findings {
    feed_level: String,
    bounded_staleness_ms: u64,
}

impl Lab for Consistency {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let milvus = ctx.milvus()?;
        let level_of = |name: &str| -> Result<String> {
            Ok(if milvus.has_collection(name)? {
                milvus.describe_collection(name)?.consistency_level
            } else {
                "no such collection".to_owned()
            })
        };
        let orders_level = level_of(ORDERS)?;

        // Write, then read at the collection's own level with no pause: only a
        // Strong (or Session, same client) read is sure to see the row.
        let read_back = if milvus.has_collection(ORDERS)? {
            let summary = milvus.describe_collection(ORDERS)?;
            let vector = summary.vector_field().map_or(0, |field| field.dimension);
            let row = json!({ "id": PROBE_ID, "vector": vec![0.5_f32; vector as usize] });
            milvus.insert_rows(ORDERS, vec![row])?;
            let seen = milvus.primary_keys_at_collection_level(ORDERS, "id", &format!("id == {PROBE_ID}"))?;
            milvus.delete(ORDERS, &format!("id == {PROBE_ID}"))?;
            if seen.contains(&PROBE_ID) { "seen at once" } else { "not seen yet" }.to_owned()
        } else {
            "no such collection".to_owned()
        };

        // The lesson is the default: the answer is compared with what the
        // server gives a collection nobody chose a level for, not with
        // whatever `feed` was given.
        let default_level = ctx.fixture.version.default_consistency_level();
        let findings = ctx.answers::<Findings>("consistency.toml");
        let (feed, window) = match &findings {
            Ok(f) => (f.feed_level.trim().to_owned(), f.bounded_staleness_ms.to_string()),
            Err(error) => (error.clone(), error.clone()),
        };
        Ok(vec![
            Assertion::equal(
                ORDERS_LEVEL,
                "Strong",
                orders_level,
                "create `orders` with consistency_level=\"Strong\": the level is fixed when the collection is created",
            ),
            Assertion::equal(
                READ_YOUR_WRITE,
                "seen at once",
                read_back,
                "a read at Bounded or Eventually may run before the write is visible; Strong waits for it",
            ),
            Assertion::equal(
                FEED_DEFAULT,
                default_level,
                level_of(FEED)?,
                "create `feed` without consistency_level= (TODO 2): its level must be the server's default",
            ),
            Assertion::equal(
                ANSWER_FEED,
                default_level,
                feed,
                "client.describe_collection(\"feed\")[\"consistency_level\"] on a `feed` created without a level",
            ),
            Assertion::equal(
                ANSWER_WINDOW,
                ctx.fixture.version.bounded_staleness_ms(),
                window,
                "common.gracefulTime in the server's milvus.yaml (see the lab text), in milliseconds",
            ),
        ])
    }
}
