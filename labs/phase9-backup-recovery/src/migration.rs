//! Migration of a collection to another cluster on its own bucket, under a
//! new name: the segments the source serves are copied across buckets, and
//! imported there with the backup flag. The check compares the schema, the
//! rows and the keys on both sides; a copy left in the source's bucket, or a
//! restore under the old name, fails with a hint.

use anyhow::Result;
use lab_framework::probes::{FieldSummary, Milvus};
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight, drill,
};

pub struct Migration;

// The check's assertions, in report order; the book lists them from `META`.
const COPIED: &str = "cluster B's bucket holds a copy of `orders`' binlogs";
const SCHEMA: &str = "`orders_v2` on cluster B has the schema of `orders` on cluster A";
const NOTHING_LOST: &str = "nothing lost: `orders_v2` has every row and primary key of `orders`";
const SOURCE_KEPT: &str = "cluster A's collections are untouched";

/// Cluster B's own bucket, in the same object store.
const TARGET_BUCKET: &str = "b-bucket";
/// Cluster B's storage root, where its keys start.
const TARGET_ROOT: &str = "files2";

static META: LabMeta = LabMeta {
    id: "phase9/migration",
    title: "Migrate a collection to another cluster and bucket",
    phase: 9,
    mode: Mode::Compose,
    weight: Weight::COMPOSE_TWO_MILVUS,
    minutes: 30,
    components: &["sdk", "proxy"],
    // Measured on 2.3.5 (`do_bulk_insert(..., backup="true")`), as logical-restore.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_TWO_MILVUS_LAB,
    settings: &[Setting::SecondMilvusOnBucket(TARGET_BUCKET)],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[COPIED, SCHEMA, NOTHING_LOST, SOURCE_KEPT],
};

const COLLECTION: &str = "orders";
const TARGET: &str = "orders_v2";

impl Lab for Migration {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        drill::seed_collections(ctx, Instance::First)?;
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let source = Baseline::required(ctx, Instance::First)?;
        let source_id = source.collections.iter().find(|facts| facts.name == COLLECTION).map_or(0, |facts| facts.id);
        let cluster_a = ctx.milvus();
        let cluster_b = Instance::Second.milvus(ctx);
        Ok(vec![
            copied(ctx, source_id),
            schema(&cluster_a, &cluster_b),
            source.clone().restored_as(COLLECTION, Instance::Second, TARGET).compare(
                ctx,
                NOTHING_LOST,
                migration_hint(&cluster_b),
            ),
            source.compare(
                ctx,
                SOURCE_KEPT,
                "a migration copies: cluster A keeps serving `orders` until you switch the clients",
            ),
        ])
    }
}

/// Objects in cluster B's bucket whose keys carry the source collection's id:
/// only a copy has them (B names its own folders by its own ids).
fn copied(ctx: &LabContext, source_id: i64) -> Assertion {
    let expected = format!("insert_log objects of collection {source_id} under {TARGET_BUCKET}/{TARGET_ROOT}/");
    let hint = "cluster B reads only its own bucket: python s3.py cp files/insert_log/<C>/<P>/<S>/ \
                s3://b-bucket/files2/backup/insert_log/<C>/<P>/<S>/ for each segment";
    match ctx.object_store().and_then(|store| store.keys(TARGET_BUCKET, &format!("{TARGET_ROOT}/"))) {
        Ok(keys) => {
            let inserts = keys.iter().filter(|key| key.contains(&format!("insert_log/{source_id}/"))).count();
            Assertion::that(
                COPIED,
                inserts > 0,
                &expected,
                format!("{inserts} insert_log objects of collection {source_id} under {TARGET_BUCKET}/{TARGET_ROOT}/"),
                hint,
            )
            .measured()
        }
        Err(error) => Assertion::probe_failed(COPIED, expected, &error, hint),
    }
}

/// Both collections' fields, compared as `name type[dim] (pk)`.
fn schema(cluster_a: &Result<Milvus>, cluster_b: &Result<Milvus>) -> Assertion {
    let fields = |cluster: &Result<Milvus>, name: &str| -> Result<String> {
        let milvus = cluster.as_ref().map_err(|error| anyhow::anyhow!("{error:#}"))?;
        if !milvus.has_collection(name)? {
            anyhow::bail!("no collection `{name}`");
        }
        Ok(milvus.describe_collection(name)?.fields.iter().map(describe).collect::<Vec<_>>().join(", "))
    };
    let hint = "restore.py copies the source's schema field by field; restore under the new name: --as orders_v2";
    match (fields(cluster_a, COLLECTION), fields(cluster_b, TARGET)) {
        (Ok(expected), Ok(observed)) => Assertion::equal(SCHEMA, expected, observed, hint),
        (Ok(expected), Err(error)) => Assertion::probe_failed(SCHEMA, expected, &error, hint),
        (Err(error), _) => Assertion::probe_failed(SCHEMA, "the schema of `orders` on cluster A", &error, hint),
    }
}

fn describe(field: &FieldSummary) -> String {
    let dimension = if field.dimension > 0 { format!("[{}]", field.dimension) } else { String::new() };
    let key = if field.primary_key { " (pk)" } else { "" };
    format!("{} {}{dimension}{key}", field.name, field.data_type)
}

/// What to do about cluster B, from what it has.
fn migration_hint(cluster_b: &Result<Milvus>) -> &'static str {
    let state = cluster_b.as_ref().ok().map(|milvus| {
        let has = |name| milvus.has_collection(name).unwrap_or(false);
        (has(TARGET), has(COLLECTION), if has(TARGET) { milvus.count(TARGET).unwrap_or(0) } else { 0 })
    });
    match state {
        Some((false, true, _)) => {
            "cluster B has `orders`, not `orders_v2`: restore under the new name with --as orders_v2"
        }
        Some((true, _, 0)) => {
            "the import read no rows: its paths are keys in cluster B's bucket (b-bucket), so the copy must be there"
        }
        _ => "copy the segments `orders` serves into s3://b-bucket/files2/..., then restore them as orders_v2",
    }
}
