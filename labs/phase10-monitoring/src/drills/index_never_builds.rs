//! Drill: the job that rebuilt `products`' index last night still waits.
//! Someone chose DISKANN, which this build cannot make: the index node fails
//! and retries every few seconds, forever, and the index stays `InProgress`;
//! the job had released `products`, and it cannot be loaded again until its
//! index is built. The learner reads the failure in the log and the state in
//! `describe_index`, and builds an index that finishes.

use std::time::Duration;

use anyhow::Result;
use lab_framework::drill::{seed_collections, seeded_rows};
use lab_framework::probes::CollectionSpec;
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight, answer,
};
use serde::Deserialize;

use super::{logged_error, wait_until};

pub struct IndexNeverBuilds;

// The check's assertions, in report order; the book lists them from `META`.
const INDEX_FINISHED: &str = "`products` has an index that finished building";
const RETRIES_STOPPED: &str = "the index node no longer retries a failed build";
const NOTHING_LOST: &str = "nothing lost: every collection has its rows and primary keys";
const ANSWER_INDEX: &str = "diagnosis.toml: index_type";
const ANSWER_ERROR: &str = "diagnosis.toml: error";

static META: LabMeta = LabMeta {
    id: "phase10/index-never-builds",
    title: "Drill: an index that never finishes",
    phase: 10,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 20,
    components: &["indexnode", "datacoord"],
    // The offline 2.3.5 build cannot make DISKANN (`bad_function_call`,
    // measured); official 2.5 images build it, so the drill has nothing to break there.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[INDEX_FINISHED, RETRIES_STOPPED, NOTHING_LOST, ANSWER_INDEX, ANSWER_ERROR],
};

const BUILD_FAILURE: &str = "failed to build index";
/// The first build failure, in the run folder.
const BUILD_FAILURE_FILE: &str = "build-failure.txt";
/// The drill's collection: one segment of 3,000 rows. Segments under 1,024
/// rows are never indexed (`minSegmentNumRowsToEnableIndex`), so a small one
/// would "finish" any index without building it.
const PRODUCTS: CollectionSpec =
    CollectionSpec { name: "products", primary_key: "id", vector_field: "vector", dimension: 8, scalar_fields: &[] };
const PRODUCT_ROWS: i64 = 3000;
/// Longer than the index node's retry interval (3 s, measured).
const RETRY_WINDOW: Duration = Duration::from_secs(4);

/// `diagnosis.toml`: the index that never finishes, and why.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Diagnosis {
    index_type: String,
    error: String,
}

impl Lab for IndexNeverBuilds {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// The data and `products`, then the index change: `products` released
    /// and its index replaced by one that never builds.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if !seed_collections(ctx, Instance::First)? {
            return Ok(());
        }
        let milvus = ctx.milvus()?;
        milvus.create_collection(&PRODUCTS)?;
        milvus.insert_rows(PRODUCTS.name, seeded_rows(0..PRODUCT_ROWS))?;
        milvus.flush(&[PRODUCTS.name])?;
        let collections = [("orders", "id"), ("events", "id"), (PRODUCTS.name, "id")];
        Baseline::record(ctx, Instance::First, &collections)?.save(ctx)?;
        milvus.release_collection(PRODUCTS.name)?;
        milvus.replace_index(PRODUCTS.name, PRODUCTS.vector_field, "DISKANN")?;
        // The first failure, kept for the check: a recreated container has a new log.
        wait_until(Duration::from_secs(60), || Ok(logged_error(ctx, BUILD_FAILURE, BUILD_FAILURE_FILE)?.is_some()))?;
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let baseline = Baseline::required(ctx, Instance::First)?;
        let milvus = ctx.milvus()?;
        let index = match milvus.index(PRODUCTS.name, PRODUCTS.vector_field)? {
            Some(index) if index.state == "Finished" => format!("{} Finished", index.index_type),
            Some(index) => {
                format!("{} {} ({} of {} rows)", index.index_type, index.state, index.indexed_rows, index.total_rows)
            }
            None => "no index".to_owned(),
        };
        let failures = |log: &str| log.lines().filter(|line| line.contains(BUILD_FAILURE)).count();
        let before = failures(&ctx.fixture.milvus_log()?);
        std::thread::sleep(RETRY_WINDOW);
        let log = ctx.fixture.milvus_log()?;
        let retried = failures(&log).saturating_sub(before);
        // The exception's name in the index node's error, e.g. `bad_function_call`.
        let exception = logged_error(ctx, BUILD_FAILURE, BUILD_FAILURE_FILE)?.and_then(|error| {
            let rest = error.split_once("Exception: ")?.1;
            Some(rest.split(['\\', ' ', ':']).next()?.to_owned())
        });
        let diagnosis = ctx.answers::<Diagnosis>("diagnosis.toml");
        let named = match (&diagnosis, &exception) {
            (Ok(d), Some(exception)) => d.error.contains(exception.as_str()),
            _ => false,
        };
        Ok(vec![
            Assertion::that(
                INDEX_FINISHED,
                index.ends_with(" Finished"),
                "an index type this build makes, Finished",
                index,
                "release the collection, drop_index, and create an index this build can make (HNSW, IVF_FLAT, AUTOINDEX)",
            ),
            Assertion::equal(
                RETRIES_STOPPED,
                format!("no `{BUILD_FAILURE}` in {} s", RETRY_WINDOW.as_secs()),
                if retried == 0 {
                    format!("no `{BUILD_FAILURE}` in {} s", RETRY_WINDOW.as_secs())
                } else {
                    format!("{retried} new `{BUILD_FAILURE}` lines in {} s", RETRY_WINDOW.as_secs())
                },
                "the index node retries a failed build for as long as the index exists: drop it",
            ),
            baseline.compare(ctx, NOTHING_LOST, "an index is built from the segments: dropping it drops no row"),
            Assertion::equal(
                ANSWER_INDEX,
                "DISKANN",
                answer(&diagnosis, |d| d.index_type.trim().to_uppercase()),
                "client.describe_index(\"products\", \"vector\") shows the index type and its state",
            ),
            Assertion::that(
                ANSWER_ERROR,
                named,
                format!(
                    "the index node's error, with `{}`",
                    exception.as_deref().unwrap_or("no failed build in the log")
                ),
                answer(&diagnosis, |d| d.error.trim().to_owned()),
                "docker compose logs standalone | grep -m1 'failed to build index': the text in error=\"…\"",
            ),
        ])
    }
}
