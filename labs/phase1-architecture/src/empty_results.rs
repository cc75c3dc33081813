//! Why a query returns nothing: three collections, three causes (released,
//! never indexed, read at a level that does not wait for the write). The
//! learner tells them apart from the server's answers, then fixes each.

use anyhow::Result;
use lab_framework::probes::CollectionSpec;
use lab_framework::{
    Assertion, Baseline, CollectionFacts, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight,
    answer, drill,
};
use serde::Deserialize;
use serde_json::json;

pub struct EmptyResults;

// The check's assertions, in report order; the book lists them from `META`.
const REVIEWS_ROWS: &str = "`reviews` answers a query with its rows";
const CATALOG_ROWS: &str = "`catalog` answers a query with its rows";
const ORDERS_ROWS: &str = "`orders` kept its orders";
const ORDERS_READ: &str = "a new order is read back at once at `orders`' own level";
const ANSWER_REVIEWS: &str = "causes.toml: reviews";
const ANSWER_CATALOG: &str = "causes.toml: catalog";
const ANSWER_ORDERS: &str = "causes.toml: orders";

static META: LabMeta = LabMeta {
    id: "phase1/empty-results",
    title: "Why a query returns nothing",
    phase: 1,
    mode: Mode::Standalone,
    weight: Weight::STANDALONE,
    minutes: 25,
    components: &["proxy", "querycoord", "querynode"],
    versions: &[MilvusVersion::V2_3, MilvusVersion::V2_5, MilvusVersion::V2_6],
    requirements: Requirement::STANDALONE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[REVIEWS_ROWS, CATALOG_ROWS, ORDERS_ROWS, ORDERS_READ, ANSWER_REVIEWS, ANSWER_CATALOG, ANSWER_ORDERS],
};

/// The three collections: name, first id, rows.
const REVIEWS: (&str, i64, i64) = ("reviews", 0, 1_000);
const CATALOG: (&str, i64, i64) = ("catalog", 10_000, 1_000);
const ORDERS: (&str, i64, i64) = ("orders", 50_000, 500);
/// The level `orders` was created with "for speed".
const ORDERS_LEVEL: &str = "Eventually";
/// The check's own order, far from the learner's ids; deleted afterwards.
const PROBE_ID: i64 = 900_000_001;

/// The causes, in the words `causes.toml` asks for.
const NOT_LOADED: &str = "not loaded";
const NO_INDEX: &str = "no index";
const NOT_VISIBLE: &str = "not visible yet";

/// `causes.toml`: the learner's diagnosis.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Causes {
    reviews: String,
    catalog: String,
    orders: String,
}

fn spec(name: &'static str) -> CollectionSpec {
    CollectionSpec { name, primary_key: "id", vector_field: "vector", dimension: 8, scalar_fields: &[] }
}

impl Lab for EmptyResults {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// Each collection is made as a team might have left it: `reviews`
    /// released after maintenance, `catalog` never indexed, `orders` created at
    /// Eventually. The baseline (from the ids written) marks the seed done.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if Baseline::load(ctx, Instance::First)?.is_some() {
            return Ok(());
        }
        let milvus = ctx.milvus()?;
        for (name, _, _) in [REVIEWS, CATALOG, ORDERS] {
            if milvus.has_collection(name)? {
                milvus.drop_collection(name)?;
            }
        }
        milvus.create_collection(&spec(REVIEWS.0))?;
        milvus.create_collection_unindexed(&spec(CATALOG.0))?;
        milvus.create_collection_at_level(&spec(ORDERS.0), ORDERS_LEVEL)?;
        let mut facts = Vec::new();
        for (name, first, rows) in [REVIEWS, CATALOG, ORDERS] {
            milvus.insert_rows(name, drill::seeded_rows(first..first + rows))?;
            facts.push(CollectionFacts::of_keys(name, "id", (first..first + rows).collect()));
        }
        milvus.flush(&[REVIEWS.0, CATALOG.0, ORDERS.0])?;
        milvus.release_collection(REVIEWS.0)?;
        Baseline { fixture_started: ctx.fixture.started.clone(), instance: Instance::First, collections: facts }
            .save(ctx)
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let baseline = Baseline::required(ctx, Instance::First)?;
        let rows_of = |name: &str| baseline.clone().restored_as(name, Instance::First, name);
        let mut checks = vec![
            rows_of(REVIEWS.0).compare(
                ctx,
                REVIEWS_ROWS,
                "query `reviews` and read the server's answer: it was released; client.load_collection(\"reviews\")",
            ),
            catalog_rows(ctx, &rows_of(CATALOG.0)),
            rows_of(ORDERS.0).compare(
                ctx,
                ORDERS_ROWS,
                "create `orders` again with its orders in it: copy them before you drop the old one",
            ),
            read_your_write(ctx)?,
        ];

        let causes = ctx.answers::<Causes>("causes.toml");
        let answers = [
            (ANSWER_REVIEWS, NOT_LOADED, answer(&causes, |c| c.reviews.trim().to_owned())),
            (ANSWER_CATALOG, NO_INDEX, answer(&causes, |c| c.catalog.trim().to_owned())),
            (ANSWER_ORDERS, NOT_VISIBLE, answer(&causes, |c| c.orders.trim().to_owned())),
        ];
        for (name, cause, given) in answers {
            checks.push(Assertion::equal(
                name,
                cause,
                given,
                "two collections answer a query with the same error: what does load_collection answer for each? \
                 The third answers without an error",
            ));
        }
        Ok(checks)
    }
}

/// `catalog`'s rows; when it is not loaded, the hint names what loading it
/// says (no index), not only that it is not loaded.
fn catalog_rows(ctx: &LabContext, baseline: &Baseline) -> Assertion {
    const HINT: &str = "load_collection(\"catalog\") answers `index not found`: create an index on `vector` \
                        (client.create_index), then load it";
    let assertion = baseline.compare(ctx, CATALOG_ROWS, HINT);
    if assertion.holds { assertion } else { Assertion { hint: HINT.to_owned(), ..assertion } }
}

/// Writes the check's own order and reads it back at once at `orders`' default
/// level, as the confirmation page does; deletes it again.
fn read_your_write(ctx: &LabContext) -> Result<Assertion> {
    const HINT: &str = "`orders` reads at the level it was created with; a write is not visible at Eventually \
                        for a moment. On 2.3 the level is fixed at creation: create `orders` again with \
                        consistency_level=\"Strong\" (or \"Session\")";
    let milvus = ctx.milvus()?;
    if !milvus.has_collection(ORDERS.0)? {
        return Ok(Assertion::that(ORDERS_READ, false, "seen at once", "no collection `orders`", HINT));
    }
    let level = milvus.describe_collection(ORDERS.0)?.consistency_level;
    milvus.insert_rows(ORDERS.0, vec![json!({ "id": PROBE_ID, "vector": vec![0.5_f32; 8] })])?;
    let seen = milvus.primary_keys_at_collection_level(ORDERS.0, "id", &format!("id == {PROBE_ID}"));
    milvus.delete(ORDERS.0, &format!("id == {PROBE_ID}"))?;
    Ok(match seen {
        Ok(keys) => {
            let seen = keys.contains(&PROBE_ID);
            let observed = format!("{} at {level}", if seen { "seen at once" } else { "not seen" });
            Assertion::that(ORDERS_READ, seen, "seen at once", observed, HINT)
        }
        Err(error) => Assertion::probe_failed(ORDERS_READ, "seen at once", &error, HINT),
    })
}
