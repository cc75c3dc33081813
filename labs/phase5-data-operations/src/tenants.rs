//! Multi-tenancy: a database, a collection, partitions or a partition key,
//! each for the tenant profile that calls for it. The check reads the layout
//! from the server and proves a tenant's search sees only that tenant.

use anyhow::Result;
use lab_framework::probes::Milvus;
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight, answer};
use serde::Deserialize;

pub struct Tenants;

// The check's assertions, in report order; the book lists them from `META`.
const DATABASES: &str = "databases acme, globex and initech each hold a collection `docs`";
const PARTITION_KEY: &str = "saas_docs has a partition key on `tenant` and all 6000 rows";
const REFUSES_MANUAL: &str = "saas_docs refuses a manual partition";
const TENANT_SEARCH: &str = "a search filtered to tenant t0042 returns t0042's 3 rows and nothing else";
const NEWS: &str = "news has one partition per month: 2026_10, 2026_11, 2026_12";
const BIGCO: &str = "bigco_docs holds bigco's 1024-dimension vectors";
const ANSWER_PARTITIONS: &str = "layout.toml: saas_partitions";
const ANSWER_MAX: &str = "layout.toml: max_partitions";

static META: LabMeta = LabMeta {
    id: "phase5/tenants",
    title: "Tenants: databases, collections, partitions or a partition key",
    phase: 5,
    mode: Mode::Standalone,
    weight: Weight::STANDALONE,
    minutes: 25,
    components: &["rootcoord", "querynode"],
    // Partition-key defaults and limits differ between versions; measured on 2.3.5.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::STANDALONE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[DATABASES, PARTITION_KEY, REFUSES_MANUAL, TENANT_SEARCH, NEWS, BIGCO, ANSWER_PARTITIONS, ANSWER_MAX],
};

const ENTERPRISES: [&str; 3] = ["acme", "globex", "initech"];
const SAAS: &str = "saas_docs";
const SAAS_ROWS: u64 = 6000;
const MONTHS: [&str; 3] = ["2026_10", "2026_11", "2026_12"];
const BIGCO_DIMENSION: u32 = 1024;
/// The name the check tries for a manual partition, and drops if it is made.
const PROBE_PARTITION: &str = "milvus_labs_manual_probe";

/// `layout.toml`: what the learner read from the server.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Layout {
    saas_partitions: u32,
    max_partitions: u32,
}

impl Lab for Tenants {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let milvus = ctx.milvus()?;
        let version = ctx.fixture.version;
        let mut checks = Vec::new();

        let mut databases = milvus.databases()?;
        databases.sort();
        let missing: Vec<String> = ENTERPRISES
            .iter()
            .filter(|db| {
                !databases.iter().any(|name| name == *db)
                    || !milvus.collections_in(db).is_ok_and(|names| names.iter().any(|n| n == "docs"))
            })
            .map(|db| db.to_string())
            .collect();
        checks.push(Assertion::that(
            DATABASES,
            missing.is_empty(),
            "acme.docs, globex.docs, initech.docs",
            format!(
                "databases {}; {}",
                databases.join(", "),
                if missing.is_empty() {
                    "each holds docs".to_owned()
                } else {
                    format!("no docs in: {}", missing.join(", "))
                }
            ),
            "hard isolation is a database per customer: create_database, then a collection in it (db_name=...)",
        ));

        let saas = milvus.has_collection(SAAS)?.then(|| milvus.describe_collection(SAAS)).transpose()?;
        let key = saas.as_ref().and_then(|saas| saas.fields.iter().find(|f| f.partition_key).map(|f| f.name.clone()));
        let count = match &saas {
            Some(_) => {
                milvus.count(SAAS).map(|n| n.to_string()).unwrap_or_else(|error| format!("count failed: {error:#}"))
            }
            None => "no such collection".to_owned(),
        };
        checks.push(Assertion::equal(
            PARTITION_KEY,
            format!("partition key `tenant`, {SAAS_ROWS} rows"),
            match &key {
                Some(key) => format!("partition key `{key}`, {count} rows"),
                None if saas.is_some() => format!("no partition key, {count} rows"),
                None => count.clone(),
            },
            "thousands of small tenants share one collection: add_field(\"tenant\", ..., is_partition_key=True)",
        ));

        let refusal = if saas.is_some() { manual_partition_refusal(&milvus)? } else { "no such collection".to_owned() };
        checks.push(Assertion::that(
            REFUSES_MANUAL,
            refusal.contains(version.partition_key_refusal()),
            format!("create_partition fails: {}", version.partition_key_refusal()),
            refusal,
            "with a partition key, Milvus places tenants itself; a collection that takes manual partitions has none",
        ));

        checks.push(Assertion::equal(
            TENANT_SEARCH,
            "3 hits, all t0042",
            if saas.is_some() { tenant_search(&milvus)? } else { "no such collection".to_owned() },
            "index and load saas_docs, then search with filter='tenant == \"t0042\"'",
        ));

        let months = if milvus.has_collection("news")? {
            let partitions = milvus.partitions("news")?;
            let missing: Vec<&str> = MONTHS.iter().copied().filter(|m| !partitions.iter().any(|p| p == m)).collect();
            if missing.is_empty() { "all three".to_owned() } else { format!("missing {}", missing.join(", ")) }
        } else {
            "no such collection".to_owned()
        };
        checks.push(Assertion::equal(
            NEWS,
            "all three",
            months,
            "a month you drop whole is a partition: create_partition(\"news\", \"2026_10\"), and drop_partition later",
        ));

        let bigco = if milvus.has_collection("bigco_docs")? {
            let summary = milvus.describe_collection("bigco_docs")?;
            match summary.vector_field() {
                Some(field) => format!("{} dimensions", field.dimension),
                None => "no vector field".to_owned(),
            }
        } else {
            "no such collection".to_owned()
        };
        checks.push(Assertion::equal(
            BIGCO,
            format!("{BIGCO_DIMENSION} dimensions"),
            bigco,
            "a tenant with another schema (here another model's dimension) needs a collection of its own",
        ));

        let layout = ctx.answers::<Layout>("layout.toml");
        let live_partitions = match &saas {
            Some(_) => milvus.partitions(SAAS)?.len() as u32,
            None => version.default_partition_key_partitions(),
        };
        checks.push(Assertion::equal(
            ANSWER_PARTITIONS,
            live_partitions,
            answer(&layout, |layout| layout.saas_partitions.to_string()),
            "count what list_partitions(\"saas_docs\") shows: the server's default, not the docs'",
        ));
        checks.push(Assertion::equal(
            ANSWER_MAX,
            version.max_partitions(),
            answer(&layout, |layout| layout.max_partitions.to_string()),
            "try num_partitions=5000: the error names the server's limit (rootCoord.maxPartitionNum)",
        ));
        Ok(checks)
    }
}

/// Tries a manual partition on the partition-key collection: the server's
/// refusal, or "created" (and the partition is dropped again).
fn manual_partition_refusal(milvus: &Milvus) -> Result<String> {
    match milvus.create_partition(SAAS, PROBE_PARTITION) {
        Ok(()) => {
            milvus.drop_partition(SAAS, PROBE_PARTITION)?;
            Ok("created (the check dropped it again)".to_owned())
        }
        Err(error) => Ok(format!("create_partition fails: {error:#}")),
    }
}

/// A search for tenant t0042's first row, filtered to that tenant: how many
/// hits, and whose.
fn tenant_search(milvus: &Milvus) -> Result<String> {
    let vector = saas_vector(42 * 3);
    let hits = match milvus.search_many(SAAS, "embedding", vec![vector], 10, &[], "tenant == \"t0042\"") {
        Ok(mut hits) => hits.pop().unwrap_or_default(),
        Err(error) => return Ok(format!("search failed: {error:#}")),
    };
    if hits.is_empty() {
        return Ok("0 hits".to_owned());
    }
    let ids: Vec<String> = hits.iter().map(i64::to_string).collect();
    let rows = milvus.query(SAAS, &format!("id in [{}]", ids.join(", ")), &["tenant"], None)?;
    let mut tenants: Vec<String> =
        rows.iter().filter_map(|row| row.get("tenant").and_then(|t| t.as_str()).map(str::to_owned)).collect();
    tenants.sort();
    tenants.dedup();
    Ok(format!("{} hits, all {}", hits.len(), tenants.join(" and ")))
}

/// The vector tenants.py gives row `id` of saas_docs.
fn saas_vector(id: i64) -> Vec<f32> {
    (0..8).map(|k| ((id as f32) * 0.37 + k as f32 * 1.3).sin()).collect()
}
