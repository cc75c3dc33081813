//! From Lite to a server: the same client code against a Milvus Lite file and
//! a Standalone server, and a collection moved from one to the other.

use anyhow::{Context, Result};
use lab_framework::probes::{CollectionSpec, Milvus, ScalarKind};
use lab_framework::{Assertion, CollectionFacts, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight};
use serde_json::{Value, json};

pub struct LiteToServer;

// The check's assertions, in report order; the book lists them from `META`.
const LITE_KEPT: &str = "shop.db still holds the products it started with";
const SERVER_COPY: &str = "`products` on the server: shop.db's row count and primary keys";
const SAME_ROWS: &str = "sampled products are equal field by field on both";
const SERVER_SEARCH: &str = "the server finds a product first for its own vector";

static META: LabMeta = LabMeta {
    id: "phase1/lite-to-server",
    title: "From Lite to a server: same code, another URI",
    phase: 1,
    mode: Mode::Standalone,
    weight: Weight(Weight::STANDALONE.0 + Weight::LITE.0),
    minutes: 20,
    components: &["sdk", "proxy"],
    versions: &[MilvusVersion::V2_3, MilvusVersion::V2_5, MilvusVersion::V2_6],
    requirements: Requirement::STANDALONE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[LITE_KEPT, SERVER_COPY, SAME_ROWS, SERVER_SEARCH],
};

/// The Lite folder in the learner's folder, as `MilvusClient("./shop.db")` names it.
const LITE_FILE: &str = "shop.db";
const COLLECTION: &str = "products";
const PRIMARY_KEY: &str = "id";
/// More than one query may return (16,384 on a server), so a copy has to page.
const PRODUCTS: i64 = 20_000;
const INSERT_BATCH: i64 = 5_000;
/// Product ids are SKUs, not row numbers: `FIRST_SKU`, then every `SKU_STEP`.
const FIRST_SKU: i64 = 100_000;
const SKU_STEP: i64 = 7;
/// The products the check compares field by field and searches for.
const SAMPLED: [i64; 3] = [0, 4_242, PRODUCTS - 1];

fn sku(row: i64) -> i64 {
    FIRST_SKU + row * SKU_STEP
}

/// A product as the seed writes it: a name, a price, and a vector no other
/// product shares (splitmix64 of its SKU), so its own vector finds it first.
fn product(row: i64) -> Value {
    let id = sku(row);
    let mut state = id as u64;
    let vector: Vec<f32> = (0..8)
        .map(|_| {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^= z >> 31;
            (z >> 40) as f32 / (1u64 << 24) as f32 * 2.0 - 1.0
        })
        .collect();
    json!({ "id": id, "vector": vector, "name": format!("product {id}"), "price": (row % 500) as f64 + 0.99 })
}

impl Lab for LiteToServer {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// The shop's Lite file, made once: a learner's half-done move keeps it.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        let lite = ctx.lite_file(LITE_FILE)?;
        let milvus = lite.milvus()?;
        if milvus.has_collection(COLLECTION)? {
            return Ok(());
        }
        let spec = CollectionSpec {
            name: COLLECTION,
            primary_key: PRIMARY_KEY,
            vector_field: "vector",
            dimension: 8,
            scalar_fields: &[("name", ScalarKind::VarChar { max_length: 64 }), ("price", ScalarKind::Double)],
        };
        milvus.create_collection(&spec)?;
        for start in (0..PRODUCTS).step_by(INSERT_BATCH as usize) {
            milvus.insert_rows(COLLECTION, (start..start + INSERT_BATCH).map(product).collect())?;
        }
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let lite = ctx.lite_file(LITE_FILE)?;
        let lite = lite.milvus()?;
        if lite.has_collection(COLLECTION)? {
            // Lite opens a folder with every collection released (it does
            // not keep the load state), and a query needs it loaded.
            lite.load_collection(COLLECTION)?;
        }
        let server = ctx.milvus()?;

        let seeded = CollectionFacts::of_keys(COLLECTION, PRIMARY_KEY, (0..PRODUCTS).map(sku).collect()).to_string();
        let on_lite = CollectionFacts::live(&lite, COLLECTION, PRIMARY_KEY).context("reading shop.db")?;
        let on_server = CollectionFacts::live(&server, COLLECTION, PRIMARY_KEY);
        let mut checks = vec![Assertion::equal(
            LITE_KEPT,
            &seeded,
            on_lite.to_string(),
            "a move copies first and deletes last: keep shop.db as it was until the server's copy is proven \
             (`cargo xtask reset phase1/lite-to-server` starts over)",
        )];
        const COPY_HINT: &str = "copy every row with the same ids: page through shop.db with \
                                 client.query_iterator(...), and create the collection with auto_id=False";
        checks.push(match on_server {
            Ok(facts) => Assertion::equal(SERVER_COPY, on_lite.to_string(), facts.to_string(), COPY_HINT),
            Err(error) => Assertion::probe_failed(SERVER_COPY, on_lite.to_string(), &error, COPY_HINT),
        });
        checks.push(same_rows(&lite, &server));
        checks.push(finds_itself(&server));
        Ok(checks)
    }
}

/// The sampled products, every field, as each side returns them.
fn same_rows(lite: &Milvus, server: &Milvus) -> Assertion {
    const HINT: &str = "insert the rows as shop.db returns them (output_fields=[\"*\"]): ids, vectors, names and \
                        prices unchanged";
    let filter = format!("id in {:?}", SAMPLED.map(sku));
    let read = |milvus: &Milvus| -> Result<String> {
        if !milvus.has_collection(COLLECTION)? {
            return Ok("no such collection".to_owned());
        }
        let mut rows = milvus.query(COLLECTION, &filter, &["id", "vector", "name", "price"], None)?;
        rows.sort_by_key(|row| row.get("id").and_then(Value::as_i64));
        Ok(rows.iter().map(describe_row).collect::<Vec<_>>().join("; "))
    };
    let expected = match read(lite) {
        Ok(rows) => rows,
        Err(error) => return Assertion::probe_failed(SAME_ROWS, "shop.db's rows", &error, HINT),
    };
    match read(server) {
        Ok(observed) => Assertion::equal(SAME_ROWS, expected, observed, HINT),
        Err(error) => Assertion::probe_failed(SAME_ROWS, expected, &error, HINT),
    }
}

/// One row, short enough for a report: the vector by its first component.
fn describe_row(row: &serde_json::Map<String, Value>) -> String {
    let id = row.get("id").map_or("?".to_owned(), Value::to_string);
    let name = row.get("name").and_then(Value::as_str).unwrap_or("no name");
    let price = row.get("price").map_or("no price".to_owned(), Value::to_string);
    let first = row
        .get("vector")
        .and_then(Value::as_array)
        .and_then(|v| v.first())
        .and_then(Value::as_f64)
        .map_or("no vector".to_owned(), |x| format!("{x:.4}"));
    format!("{id} {name:?} {price} [{first}, …]")
}

/// A search with a sampled product's own vector on the server: proves the
/// vectors arrived, and that the collection is indexed and loaded.
fn finds_itself(server: &Milvus) -> Assertion {
    const HINT: &str = "create an index on `vector` and load `products` on the server; a search needs both";
    let target = sku(SAMPLED[1]);
    let vector: Vec<f32> = product(SAMPLED[1])["vector"]
        .as_array()
        .map(|v| v.iter().filter_map(Value::as_f64).map(|x| x as f32).collect())
        .unwrap_or_default();
    let hits = server
        .has_collection(COLLECTION)
        .and_then(|exists| if exists { server.search(COLLECTION, "vector", vector, 3) } else { Ok(Vec::new()) });
    match hits {
        Ok(hits) => {
            let first = hits.first().map(|(id, _)| *id);
            let observed = match first {
                Some(id) => format!("{id} first"),
                None => "no hits".to_owned(),
            };
            Assertion::that(SERVER_SEARCH, first == Some(target), format!("{target} first"), observed, HINT)
        }
        Err(error) => Assertion::probe_failed(SERVER_SEARCH, format!("{target} first"), &error, HINT),
    }
}
