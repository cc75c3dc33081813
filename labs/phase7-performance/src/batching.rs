//! Batching: one call per query vector pays the round trip every time; a
//! batch of query vectors (`nq`) pays it once. The check measures single
//! calls against the learner's batch size in one run and judges the ratio,
//! never an absolute time.

use std::time::Instant;

use anyhow::Result;
use lab_framework::probes::{CollectionSpec, Milvus};
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight, answer};
use serde::Deserialize;
use serde_json::json;

pub struct Batching;

// The check's assertions, in report order; the book lists them from `META`.
const BATCH_CHOSEN: &str = "batch.toml: a batch of 10 query vectors or more";
const LIVE_SPEEDUP: &str = "the check's own run: the chosen batch serves 3x the queries per second of single calls";
const REPORTED_SPEEDUP: &str = "batch.toml: the learner's figures show the same direction (3x or more)";

static META: LabMeta = LabMeta {
    id: "phase7/batching",
    title: "Batching: query vectors per call against round trips",
    phase: 7,
    mode: Mode::Standalone,
    weight: Weight::STANDALONE,
    // Measured on 2.3.5; the effect is the client's round trip, not the version.
    versions: &[MilvusVersion::V2_3],
    requirements: &[
        Requirement::Docker,
        Requirement::Image("milvus"),
        Requirement::Python,
        Requirement::MemoryMib(2048),
    ],
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[BATCH_CHOSEN, LIVE_SPEEDUP, REPORTED_SPEEDUP],
};

const DOCS: CollectionSpec =
    CollectionSpec { name: "docs", primary_key: "id", vector_field: "v", dimension: 32, scalar_fields: &[] };
const ROWS: i64 = 5_000;
const SMALLEST_BATCH: u32 = 10;
const SPEEDUP: f64 = 3.0;
/// Query vectors the check sends each way.
const CHECK_QUERIES: usize = 200;

/// `batch.toml`: the learner's choice and figures.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Batch {
    batch_size: u32,
    single_queries_per_second: f64,
    batched_queries_per_second: f64,
}

impl Lab for Batching {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        let milvus = ctx.milvus()?;
        if milvus.has_collection(DOCS.name)? {
            return Ok(());
        }
        milvus.create_collection_flat_l2(&DOCS)?;
        milvus.insert_rows(DOCS.name, (0..ROWS).map(|id| json!({"id": id, "v": vector(id)})).collect())?;
        milvus.flush(&[DOCS.name])?;
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let milvus = ctx.milvus()?;
        let batch = ctx.answers::<Batch>("batch.toml");
        let chosen = batch.as_ref().ok().map(|batch| batch.batch_size).filter(|size| *size >= SMALLEST_BATCH);
        let live = chosen.map(|size| speedup(&milvus, size as usize));
        Ok(vec![
            Assertion::that(
                BATCH_CHOSEN,
                chosen.is_some(),
                format!("{SMALLEST_BATCH} or more"),
                answer(&batch, |batch| batch.batch_size.to_string()),
                "measure nq = 1, 10, 50, 100 with search_load.py and take the batch past which the gain flattens",
            ),
            Assertion::that(
                LIVE_SPEEDUP,
                matches!(&live, Some(Ok(ratio)) if *ratio >= SPEEDUP),
                format!("{SPEEDUP}x or more"),
                match &live {
                    Some(Ok(ratio)) => format!("{ratio:.1}x"),
                    Some(Err(error)) => format!("search failed: {error:#}"),
                    None => "no batch size to measure".to_owned(),
                },
                "a batch pays the round trip once for all its query vectors",
            )
            .measured(),
            Assertion::that(
                REPORTED_SPEEDUP,
                batch.as_ref().is_ok_and(|batch| {
                    batch.single_queries_per_second > 0.0
                        && batch.batched_queries_per_second / batch.single_queries_per_second >= SPEEDUP
                }),
                format!("batched / single ≥ {SPEEDUP}"),
                answer(&batch, |batch| {
                    format!(
                        "{:.0} / {:.0} queries per second",
                        batch.batched_queries_per_second, batch.single_queries_per_second
                    )
                }),
                "queries per second = query vectors served / seconds, for both ways (not the time per call)",
            )
            .measured(),
        ])
    }
}

/// Queries per second with `batch` query vectors per call, over queries per
/// second with one per call, measured now on the same server.
fn speedup(milvus: &Milvus, batch: usize) -> Result<f64> {
    let queries: Vec<Vec<f32>> = (0..CHECK_QUERIES as i64).map(|i| vector(ROWS + i)).collect();
    let started = Instant::now();
    for query in &queries {
        milvus.search_many(DOCS.name, DOCS.vector_field, vec![query.clone()], 10, &[], "")?;
    }
    let single = started.elapsed().as_secs_f64();
    let started = Instant::now();
    for chunk in queries.chunks(batch) {
        milvus.search_many(DOCS.name, DOCS.vector_field, chunk.to_vec(), 10, &[], "")?;
    }
    let batched = started.elapsed().as_secs_f64();
    Ok(single / batched)
}

fn vector(id: i64) -> Vec<f32> {
    (0..DOCS.dimension).map(|k| ((id * 31 + k as i64) as f32 * 0.618).fract()).collect()
}
