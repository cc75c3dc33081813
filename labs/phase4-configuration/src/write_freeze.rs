//! A read-only maintenance window: writes frozen through etcd
//! (`quotaAndLimits.limitWriting.forceDeny`), reads still served, then the
//! freeze lifted; nothing lost, and the server's own refusal recorded.

use anyhow::Result;
use lab_framework::probes::CollectionSpec;
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight,
};
use serde::Deserialize;
use serde_json::json;

pub struct WriteFreeze;

// The check's assertions, in report order; the book lists them from `META`.
const LIFTED: &str = "the freeze is lifted in etcd";
const WRITES: &str = "an insert is accepted again";
const NOTHING_LOST: &str = "nothing lost: `orders` has its rows and primary keys";
const ANSWER_ERROR: &str = "window.toml: write_error";
const ANSWER_ROWS: &str = "window.toml: rows_read_during_window";

static META: LabMeta = LabMeta {
    id: "phase4/write-freeze",
    title: "A read-only maintenance window with forceDeny",
    phase: 4,
    // Compose: with embedded etcd (Standalone), 2.3.5 reads no settings from
    // etcd, and forceDeny set there never took effect (30 s, measured).
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 20,
    components: &["proxy", "rootcoord"],
    // The refusal's text is measured on 2.3.5 only.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[LIFTED, WRITES, NOTHING_LOST, ANSWER_ERROR, ANSWER_ROWS],
};

const FORCE_DENY: &str = "by-dev/config/quotaAndLimits/limitWriting/forceDeny";
const ORDERS: CollectionSpec =
    CollectionSpec { name: "orders", primary_key: "id", vector_field: "vector", dimension: 8, scalar_fields: &[] };
const ROWS: i64 = 2000;
/// The check's own row, far from the seeded keys; deleted right after.
const PROBE_ID: i64 = 900_000_001;

/// `window.toml`: what the learner saw during the window.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Window {
    write_error: String,
    rows_read_during_window: u64,
}

impl Lab for WriteFreeze {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// `orders` with its rows flushed, and the baseline the check compares.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if Baseline::load(ctx, Instance::First)?.is_some() {
            return Ok(());
        }
        let milvus = ctx.milvus()?;
        if !milvus.has_collection(ORDERS.name)? {
            milvus.create_collection(&ORDERS)?;
            let rows = (0..ROWS)
                .map(|id| json!({"id": id, "vector": (0..8).map(|k| ((id * 8 + k) as f32 * 0.13).cos()).collect::<Vec<_>>()}))
                .collect();
            milvus.insert_rows(ORDERS.name, rows)?;
            milvus.flush(&[ORDERS.name])?;
        }
        Baseline::record(ctx, Instance::First, &[(ORDERS.name, ORDERS.primary_key)])?.save(ctx)
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let baseline = Baseline::required(ctx, Instance::First)?;
        let deny = ctx.etcd()?.get(FORCE_DENY)?;
        // Before the probe write, so the probe cannot disturb the comparison.
        let nothing_lost = baseline.compare(
            ctx,
            NOTHING_LOST,
            "forceDeny refuses writes and keeps every row: a loss comes from a delete or a drop",
        );
        let milvus = ctx.milvus()?;
        let write = match milvus.insert_rows(ORDERS.name, vec![json!({"id": PROBE_ID, "vector": vec![0.5_f32; 8]})]) {
            Ok(_) => {
                milvus.delete(ORDERS.name, &format!("id == {PROBE_ID}"))?;
                "accepted".to_owned()
            }
            Err(error) => format!("refused: {error:#}"),
        };
        let window = ctx.answers::<Window>("window.toml");
        let answer = |field: fn(&Window) -> String| lab_framework::answer(&window, field);
        Ok(vec![
            Assertion::that(
                LIFTED,
                deny.as_deref().is_none_or(|value| value.trim() == "false"),
                "no key, or false",
                deny.unwrap_or_else(|| "no key".to_owned()),
                "etcdctl del by-dev/config/quotaAndLimits/limitWriting/forceDeny ends the window",
            ),
            Assertion::equal(
                WRITES,
                "accepted",
                write,
                "the freeze ends within about 2 s of the etcd change; run `cargo xtask check` again",
            ),
            nothing_lost,
            Assertion::equal(
                ANSWER_ERROR,
                ctx.fixture.version.force_deny_error(),
                answer(|w| w.write_error.trim().to_owned()),
                "the message of the refused insert as the server words it (after message=), not as older docs quote it",
            ),
            Assertion::equal(
                ANSWER_ROWS,
                baseline.collections.iter().map(|c| c.rows).sum::<u64>(),
                answer(|w| w.rows_read_during_window.to_string()),
                "count(*) while the writes are refused: reads keep working",
            ),
        ])
    }
}
