//! Bulk import and upsert: load a catalogue the fast way (files in the object
//! store, imported by the server), then correct rows without duplicating them.

use std::collections::BTreeMap;

use anyhow::Result;
use lab_framework::probes::{CollectionSpec, ScalarKind};
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight};
use serde_json::json;

pub struct UpsertImport;

// The check's assertions, in report order; the book lists them from `META`.
const IMPORTED: &str = "a bulk import of products.json completed with 2000 rows (the server's task list)";
const COUNT: &str = "count(*) is 2020: 2000 imported and 20 new, no duplicates (Strong)";
const KEYS: &str = "every primary key 0..2019 is there, and no other";
const PRICES: &str = "the 80 corrected prices are live, every other price is the file's";

static META: LabMeta = LabMeta {
    id: "phase5/upsert-import",
    title: "Bulk import and upsert: loading fast, correcting without duplicates",
    phase: 5,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 30,
    components: &["datanode", "datacoord", "objectstorage"],
    // 2.3's import is the `do_bulk_insert` task API; measured on 2.3.5.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[IMPORTED, COUNT, KEYS, PRICES],
};

const PRODUCTS: CollectionSpec = CollectionSpec {
    name: "products",
    primary_key: "id",
    vector_field: "v",
    dimension: 8,
    scalar_fields: &[("price", ScalarKind::Double)],
};
const IMPORT_ROWS: i64 = 2000;
const NEW_ROWS: i64 = 20;
/// Every 25th product gets a new price: 80 corrections.
const CORRECTION_STEP: i64 = 25;

fn price(id: i64) -> f64 {
    10.0 + ((id * 37) % 1000) as f64 / 10.0
}

fn corrected(id: i64) -> bool {
    id >= IMPORT_ROWS || id % CORRECTION_STEP == 0
}

/// The price the catalogue should show after the corrections.
fn expected_price(id: i64) -> f64 {
    if corrected(id) { price(id) + 5.0 } else { price(id) }
}

fn row(id: i64, price: f64) -> serde_json::Value {
    let vector: Vec<f32> = (0..8).map(|k| ((id as f32) * 0.13 + k as f32).cos()).collect();
    json!({"id": id, "v": vector, "price": price})
}

impl Lab for UpsertImport {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        write_json(ctx, "products.json", (0..IMPORT_ROWS).map(|id| row(id, price(id))).collect())?;
        let corrections = (0..IMPORT_ROWS + NEW_ROWS).filter(|id| corrected(*id));
        write_json(ctx, "corrections.json", corrections.map(|id| row(id, expected_price(id))).collect())?;
        let milvus = ctx.milvus()?;
        if !milvus.has_collection(PRODUCTS.name)? {
            milvus.create_collection(&PRODUCTS)?;
        }
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let milvus = ctx.milvus()?;
        let tasks = milvus.import_tasks(PRODUCTS.name)?;
        let imported = tasks.iter().any(|task| {
            task.state == "Completed" && task.row_count == IMPORT_ROWS && task.files.contains("products.json")
        });
        let task_list: Vec<String> = tasks
            .iter()
            .map(|task| {
                let reason =
                    if task.failed_reason.is_empty() { String::new() } else { format!(" ({})", task.failed_reason) };
                format!("{} {}: {} rows{reason}", task.files, task.state, task.row_count)
            })
            .collect();

        let total = IMPORT_ROWS + NEW_ROWS;
        let (count, keys, prices) = match milvus.count(PRODUCTS.name) {
            Ok(count) => {
                let rows = milvus.query(PRODUCTS.name, "id >= 0", &["id", "price"], Some(16_384))?;
                let live: BTreeMap<i64, f64> = rows
                    .iter()
                    .filter_map(|row| Some((row.get("id")?.as_i64()?, row.get("price")?.as_f64()?)))
                    .collect();
                let missing = (0..total).filter(|id| !live.contains_key(id)).count();
                let unexpected = live.keys().filter(|id| !(0..total).contains(*id)).count();
                let wrong: Vec<i64> = live
                    .iter()
                    .filter(|(id, price)| (0..total).contains(*id) && (**price - expected_price(**id)).abs() > 1e-6)
                    .map(|(id, _)| *id)
                    .collect();
                let stale = wrong.iter().filter(|id| corrected(**id)).count();
                (
                    count.to_string(),
                    format!("{missing} missing, {unexpected} unexpected"),
                    format!("{stale} corrections not live, {} other prices changed", wrong.len() - stale),
                )
            }
            Err(error) => {
                let error = format!("count failed: {error:#}");
                (error.clone(), error.clone(), error)
            }
        };
        Ok(vec![
            Assertion::that(
                IMPORTED,
                imported,
                "products.json Completed: 2000 rows",
                if task_list.is_empty() { "no import task".to_owned() } else { task_list.join("; ") },
                "upload products.json to the bucket, then utility.do_bulk_insert(\"products\", files=[\"<key>\"])",
            ),
            Assertion::equal(
                COUNT,
                total,
                count,
                "insert adds a row even when the id exists; upsert replaces it: use client.upsert for corrections",
            ),
            Assertion::equal(
                KEYS,
                "0 missing, 0 unexpected",
                keys,
                "every product of the file, and the 20 new ones of corrections.json",
            ),
            Assertion::equal(
                PRICES,
                "0 corrections not live, 0 other prices changed",
                prices,
                "apply corrections.json as it is, once, after the import completed",
            ),
        ])
    }
}

fn write_json(ctx: &LabContext, name: &str, rows: Vec<serde_json::Value>) -> Result<()> {
    use anyhow::Context;
    let path = ctx.work_dir.join(name);
    std::fs::write(&path, json!({ "rows": rows }).to_string())
        .with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrections_touch_80_imported_products_and_add_20() {
        let corrected_imports = (0..IMPORT_ROWS).filter(|id| corrected(*id)).count();
        assert_eq!(corrected_imports, 80);
        assert!((IMPORT_ROWS..IMPORT_ROWS + NEW_ROWS).all(corrected));
        assert!((0..IMPORT_ROWS).any(|id| !corrected(id) && expected_price(id) == price(id)));
    }
}
