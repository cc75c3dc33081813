//! Designing a collection from a brief: every requirement of the brief maps to
//! a field, a type, a length or the shard count, and the check reads the
//! schema back from the server.

use anyhow::Result;
use lab_framework::probes::CollectionSummary;
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight, answer};
use serde::Deserialize;

pub struct SchemaDesign;

// The check's assertions, in report order; the book lists them from `META`.
const PRIMARY_KEY: &str = "ticket_id is the INT64 primary key, with the ticketing system's ids (auto_id off)";
const VECTOR: &str = "embedding is a FLOAT_VECTOR of the model's 384 dimensions";
const FILTERS: &str = "the filter fields exist: product (VARCHAR of 40 to 256) and priority (an integer)";
const CUSTOM: &str = "custom fields have a home: a JSON field or the dynamic field";
const SHARDS: &str = "2 shards: 9,000 rows/s at peak, 5,000 rows/s per shard";
const ANSWER_MAX_SHARDS: &str = "design.toml: max_shards";
const ANSWER_VECTOR_FIELDS: &str = "design.toml: vector_fields";

static META: LabMeta = LabMeta {
    id: "phase5/schema-design",
    title: "Design review: a collection from a product brief",
    phase: 5,
    mode: Mode::Standalone,
    weight: Weight::STANDALONE,
    minutes: 25,
    components: &["rootcoord", "proxy"],
    // The limits the learner reads are measured on 2.3.5 (one vector field there).
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::STANDALONE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[PRIMARY_KEY, VECTOR, FILTERS, CUSTOM, SHARDS, ANSWER_MAX_SHARDS, ANSWER_VECTOR_FIELDS],
};

const TICKETS: &str = "tickets";
const DIMENSION: u32 = 384;
const PEAK_ROWS_PER_SECOND: u32 = 9_000;
const ROWS_PER_SHARD: u32 = 5_000;
const PRODUCT_LENGTH: std::ops::RangeInclusive<u32> = 40..=256;
const INTEGER_TYPES: [&str; 4] = ["Int8", "Int16", "Int32", "Int64"];

/// `design.toml`: the limits the learner met on the server.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Design {
    max_shards: u32,
    vector_fields: u32,
}

impl Lab for SchemaDesign {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let milvus = ctx.milvus()?;
        let version = ctx.fixture.version;
        let tickets = milvus.has_collection(TICKETS)?.then(|| milvus.describe_collection(TICKETS)).transpose()?;
        let observe = |describe: fn(&CollectionSummary) -> String| match &tickets {
            Some(tickets) => describe(tickets),
            None => "no collection `tickets`".to_owned(),
        };

        let design = ctx.answers::<Design>("design.toml");
        let shards_needed = PEAK_ROWS_PER_SECOND.div_ceil(ROWS_PER_SHARD);
        Ok(vec![
            Assertion::equal(
                PRIMARY_KEY,
                "ticket_id: Int64, primary key, auto_id off",
                observe(|tickets| match tickets.primary_key() {
                    Some(key) => format!(
                        "{}: {}, primary key, auto_id {}",
                        key.name,
                        key.data_type,
                        if tickets.auto_id { "on" } else { "off" }
                    ),
                    None => "no primary key".to_owned(),
                }),
                "the brief's ids are 64-bit integers the ticketing system assigns: keep them (auto_id=False)",
            ),
            Assertion::equal(
                VECTOR,
                format!("embedding: FloatVector, {DIMENSION} dimensions"),
                observe(|tickets| match tickets.vector_field() {
                    Some(field) => format!("{}: {}, {} dimensions", field.name, field.data_type, field.dimension),
                    None => "no vector field".to_owned(),
                }),
                "the dimension is the embedding model's output size (all-MiniLM-L6-v2: 384), not a habit",
            ),
            Assertion::that(
                FILTERS,
                tickets.as_ref().is_some_and(|tickets| {
                    tickets
                        .field("product")
                        .is_some_and(|f| f.data_type == "VarChar" && PRODUCT_LENGTH.contains(&f.max_length))
                        && tickets.field("priority").is_some_and(|f| INTEGER_TYPES.contains(&f.data_type.as_str()))
                }),
                "product: VarChar(40..=256), priority: an integer type",
                observe(|tickets| {
                    let describe = |name: &str| match tickets.field(name) {
                        Some(f) if f.data_type == "VarChar" => format!("{name}: VarChar({})", f.max_length),
                        Some(f) => format!("{name}: {}", f.data_type),
                        None => format!("{name}: missing"),
                    };
                    format!("{}, {}", describe("product"), describe("priority"))
                }),
                "a filter on a field Milvus knows is typed and fast: product names fit 40 characters, priority 1-4 an integer",
            ),
            Assertion::that(
                CUSTOM,
                tickets.as_ref().is_some_and(|tickets| {
                    tickets.dynamic_field || tickets.fields.iter().any(|f| f.data_type == "Json")
                }),
                "a JSON field, or enable_dynamic_field=True",
                observe(|tickets| {
                    let json: Vec<&str> =
                        tickets.fields.iter().filter(|f| f.data_type == "Json").map(|f| f.name.as_str()).collect();
                    format!(
                        "JSON fields: {}; dynamic field {}",
                        if json.is_empty() { "none".to_owned() } else { json.join(", ") },
                        if tickets.dynamic_field { "on" } else { "off" }
                    )
                }),
                "keys that vary per customer cannot be fixed fields: store them in JSON",
            ),
            Assertion::equal(
                SHARDS,
                format!("{shards_needed} shards"),
                observe(|tickets| format!("{} shards", tickets.num_shards)),
                "shards are parallel write channels, sized by the peak insert rate (9,000 / 5,000, rounded up); more only cost",
            ),
            Assertion::equal(
                ANSWER_MAX_SHARDS,
                version.max_shards(),
                answer(&design, |design| design.max_shards.to_string()),
                "ask the server: create a scratch collection with num_shards=17 and read the refusal",
            ),
            Assertion::equal(
                ANSWER_VECTOR_FIELDS,
                version.max_vector_fields(),
                answer(&design, |design| design.vector_fields.to_string()),
                "ask the server: a scratch schema with two FLOAT_VECTOR fields, and read what it says",
            ),
        ])
    }
}
