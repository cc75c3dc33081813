//! Milvus Lite: the learner's first collection, and what Lite does not do.

use anyhow::Result;
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight};
use serde::Deserialize;

pub struct LiteQuickstart;

// The check's assertions, in report order; the book lists them from `META`.
const EXISTS: &str = "collection `quickstart` exists";
const DIMENSION_8: &str = "vector field has dimension 8";
const ROW_COUNT: &str = "row count (count(*), Strong)";
const NEAREST: &str = "search with row 42's vector finds row 42 first";
const ARCHIVE: &str = "partition `archive` exists";
const ANSWER_PARTITIONS: &str = "lite-limits.toml: partitions";
const ANSWER_USERS: &str = "lite-limits.toml: users_and_roles";

static META: LabMeta = LabMeta {
    id: "phase2/lite-quickstart",
    title: "Milvus Lite: first collection, and Lite's limits",
    phase: 2,
    mode: Mode::Lite,
    weight: Weight::LITE,
    minutes: 15,
    components: &["sdk"],
    versions: &[MilvusVersion::Lite3_2],
    requirements: &[Requirement::Python, Requirement::MemoryMib(512)],
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[EXISTS, DIMENSION_8, ROW_COUNT, NEAREST, ARCHIVE, ANSWER_PARTITIONS, ANSWER_USERS],
};

const COLLECTION: &str = "quickstart";
const DIMENSION: u32 = 8;
const ROWS: u64 = 100;
const PROBE_ID: i64 = 42;
const PARTITION: &str = "archive";

/// `lite-limits.toml`: what the learner found Lite supports.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LiteLimits {
    partitions: String,
    users_and_roles: String,
}

impl Lab for LiteQuickstart {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let milvus = ctx.milvus()?;
        let mut checks = Vec::new();

        let exists = milvus.has_collection(COLLECTION)?;
        checks.push(Assertion::equal(
            EXISTS,
            "present",
            if exists { "present" } else { "absent" },
            "run quickstart.py after finishing TODO 1 (client.create_collection)",
        ));
        if !exists {
            return Ok(checks);
        }

        let summary = milvus.describe_collection(COLLECTION)?;
        let vector = summary.vector_field().cloned();
        checks.push(Assertion::equal(
            DIMENSION_8,
            DIMENSION,
            vector.as_ref().map_or("no vector field".to_owned(), |v| v.dimension.to_string()),
            "pass dimension=8 to create_collection; drop the collection and run the script again",
        ));
        match milvus.count(COLLECTION) {
            Ok(count) => checks.push(Assertion::equal(
                ROW_COUNT,
                ROWS,
                count,
                "insert all 100 rows (TODO 2); to start over, `cargo xtask reset phase2/lite-quickstart`",
            )),
            Err(e) => checks.push(Assertion::probe_failed(ROW_COUNT, ROWS, &e, "insert the rows (TODO 2)")),
        }
        checks.push(nearest_neighbour(&milvus, &summary));

        let archive = milvus.has_partition(COLLECTION, PARTITION)?;
        checks.push(Assertion::equal(
            ARCHIVE,
            "present",
            if archive { "present" } else { "absent" },
            "try client.create_partition(\"quickstart\", \"archive\") (TODO 4): does Lite refuse it?",
        ));

        let answers = ctx.answers::<LiteLimits>("lite-limits.toml");
        let live_partitions = milvus.partition_capability(COLLECTION)?;
        let live_users = milvus.rbac_capability()?;
        let (partitions_answer, users_answer) = match &answers {
            Ok(limits) => (limits.partitions.trim().to_owned(), limits.users_and_roles.trim().to_owned()),
            Err(error) => (error.clone(), error.clone()),
        };
        checks.push(Assertion::equal(
            ANSWER_PARTITIONS,
            live_partitions.as_str(),
            partitions_answer,
            "write what the server did when you called create_partition, not what older docs say",
        ));
        checks.push(Assertion::equal(
            ANSWER_USERS,
            live_users.as_str(),
            users_answer,
            "call client.create_user(\"alice\", \"Secret123!\") and read the gRPC status it returns",
        ));
        Ok(checks)
    }
}

/// Searching with a stored row's own vector must return that row first: this
/// proves the vectors were stored and the collection is searchable.
fn nearest_neighbour(
    milvus: &lab_framework::probes::Milvus,
    summary: &lab_framework::probes::CollectionSummary,
) -> Assertion {
    const HINT: &str = "insert rows with id 0..99 and their embedding(i) vectors, then search (TODO 3)";
    let (Some(pk), Some(vector)) = (summary.primary_key(), summary.vector_field()) else {
        return Assertion::that(NEAREST, false, PROBE_ID, "the collection lacks a primary key or vector field", HINT);
    };
    let stored = match milvus.query(COLLECTION, &format!("{} == {PROBE_ID}", pk.name), &[&vector.name], None) {
        Ok(rows) => rows,
        Err(e) => return Assertion::probe_failed(NEAREST, PROBE_ID, &e, HINT),
    };
    let Some(values) = stored.first().and_then(|row| row.get(&vector.name)).and_then(|v| v.as_array()) else {
        return Assertion::that(NEAREST, false, PROBE_ID, "no row with id 42", HINT);
    };
    let query: Vec<f32> = values.iter().filter_map(|v| v.as_f64()).map(|v| v as f32).collect();
    match milvus.search(COLLECTION, &vector.name, query, 3) {
        Ok(hits) => {
            let ids: Vec<i64> = hits.iter().map(|(id, _)| *id).collect();
            // The exercise's vectors repeat every 17 rows: 25 and 59 tie for
            // second place, in either order, so only the first is shown as found.
            let observed = match ids.first() {
                Some(&first) if first == PROBE_ID => format!("{first} first"),
                _ => format!("top 3 ids {ids:?}"),
            };
            Assertion::that(NEAREST, ids.first() == Some(&PROBE_ID), "42 first", observed, HINT)
        }
        Err(e) => Assertion::probe_failed(NEAREST, PROBE_ID, &e, HINT),
    }
}
