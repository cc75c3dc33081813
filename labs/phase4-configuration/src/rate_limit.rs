//! An insert rate limit, and why a loader does not see it: pymilvus retries a
//! rate-limited call with backoff unless told not to. The learner loads every
//! batch despite the limit and records the refusal the retries hide.

use anyhow::Result;
use lab_framework::probes::{CollectionSpec, FieldData};
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight};
use serde::Deserialize;

pub struct RateLimit;

// The check's assertions, in report order; the book lists them from `META`.
const LIMITED: &str = "a burst of inserts is refused by the rate limit";
const LOADED: &str = "`events` holds all 24000 rows: no batch was lost";
const ANSWER_ERROR: &str = "ratelimit.toml: error";
const ANSWER_RETRIES: &str = "ratelimit.toml: client_retries";

/// The limit the deployment starts with, MB/s.
const RATE_MB: u32 = 1;

static META: LabMeta = LabMeta {
    id: "phase4/rate-limit",
    title: "An insert rate limit, and the retries that hide it",
    phase: 4,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 20,
    components: &["proxy", "rootcoord"],
    // The refusal's text is measured on 2.3.5 only.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    settings: &[Setting::InsertRateLimit { megabytes_per_second: RATE_MB }],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[LIMITED, LOADED, ANSWER_ERROR, ANSWER_RETRIES],
};

const EVENTS: &str = "events";
const ROWS: u64 = 24_000;
/// The check's burst: up to eight inserts of about 1 MB into its own
/// collection, until the first refusal (2.3.5 refuses the second).
const BURST_BATCHES: i64 = 8;
const BURST: CollectionSpec = CollectionSpec {
    name: "check_rate_burst",
    primary_key: "id",
    vector_field: "vector",
    dimension: 128,
    scalar_fields: &[],
};

/// `ratelimit.toml`: what the learner found.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Findings {
    error: String,
    client_retries: bool,
}

impl Lab for RateLimit {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let milvus = ctx.milvus()?;
        // The probe client makes one attempt per call: a refusal shows.
        if milvus.has_collection(BURST.name)? {
            milvus.drop_collection(BURST.name)?;
        }
        milvus.create_collection(&BURST)?;
        // Columns built before the first call: on a busy machine, building
        // each batch between calls spread the burst below 1 MB/s (seen in CI).
        let batches: Vec<Vec<FieldData>> = (0..BURST_BATCHES)
            .map(|batch| {
                let ids: Vec<i64> = (batch * 2000..(batch + 1) * 2000).collect();
                let vectors = vec![vec![0.5_f32; 128]; ids.len()];
                vec![FieldData::int64(BURST.primary_key, ids), FieldData::float_vector(BURST.vector_field, vectors)]
            })
            .collect();
        let mut refusal = None;
        for columns in batches {
            if let Err(error) = milvus.insert_columns(BURST.name, columns) {
                refusal = Some(format!("{error:#}"));
                break;
            }
        }
        milvus.drop_collection(BURST.name)?;
        let version = ctx.fixture.version;
        let expected_error = version.rate_limit_error(RATE_MB);
        let loaded = if milvus.has_collection(EVENTS)? {
            milvus.count(EVENTS).map_or_else(|error| format!("error: {error:#}"), |count| count.to_string())
        } else {
            "no such collection".to_owned()
        };
        let findings = ctx.answers::<Findings>("ratelimit.toml");
        let answer = |field: fn(&Findings) -> String| lab_framework::answer(&findings, field);
        Ok(vec![
            Assertion::that(
                LIMITED,
                refusal.as_deref().is_some_and(|error| error.contains("rate limit exceeded")),
                "refused: rate limit exceeded",
                refusal.map_or("all accepted".to_owned(), |error| {
                    if error.contains("rate limit exceeded") {
                        "refused: rate limit exceeded".to_owned()
                    } else {
                        error
                    }
                }),
                "the deployment starts with quotaAndLimits.dml.insertRate.max = 1 MB/s; leave it in place",
            ),
            Assertion::equal(
                LOADED,
                ROWS,
                loaded,
                "a refused batch that is not retried is lost: keep the client's retries for the load, or retry \
                 yourself",
            ),
            Assertion::equal(
                ANSWER_ERROR,
                expected_error,
                answer(|f| f.error.trim().to_owned()),
                "insert with retry_on_rate_limit=False: the refusal's message is what the retries hide",
            ),
            Assertion::equal(
                ANSWER_RETRIES,
                true,
                answer(|f| f.client_retries.to_string()),
                "with pymilvus' defaults no error reached the loader, only a slower load: who retried?",
            ),
        ])
    }
}
