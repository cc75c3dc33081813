//! Deleting by filter expression: remove exactly the rows a request names.

use std::collections::BTreeSet;

use anyhow::Result;
use lab_framework::probes::{CollectionSpec, ScalarKind};
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight};
use serde_json::json;

pub struct FilteredDelete;

// The check's assertions, in report order; the book lists them from `META`.
const TARGETS_GONE: &str = "no German article from before 2019 remains";
const LATER_GERMAN_KEPT: &str = "German articles from 2019 on are kept";
const OTHERS_UNTOUCHED: &str = "every other article is untouched (primary keys)";
const ROW_COUNT: &str = "row count (count(*), Strong)";

static META: LabMeta = LabMeta {
    id: "phase5/filtered-delete",
    title: "Delete by filter: exactly the rows a request names",
    phase: 5,
    mode: Mode::Lite,
    weight: Weight::LITE,
    minutes: 20,
    components: &["sdk"],
    versions: &[MilvusVersion::Lite3_2],
    requirements: &[Requirement::Python, Requirement::MemoryMib(512)],
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[TARGETS_GONE, LATER_GERMAN_KEPT, OTHERS_UNTOUCHED, ROW_COUNT],
};

const ARTICLES: CollectionSpec = CollectionSpec {
    name: "articles",
    primary_key: "id",
    vector_field: "vector",
    dimension: 8,
    scalar_fields: &[("lang", ScalarKind::VarChar { max_length: 8 }), ("year", ScalarKind::Int64)],
};
const ROWS: i64 = 600;
const LANGS: [&str; 3] = ["en", "de", "fr"];

/// The seeded article `id`: its language and year.
fn article(id: i64) -> (&'static str, i64) {
    (LANGS[(id % 3) as usize], 2012 + (id * 7) % 12)
}

/// The request: every German article published before 2019.
fn targeted(id: i64) -> bool {
    let (lang, year) = article(id);
    lang == "de" && year < 2019
}

impl Lab for FilteredDelete {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        let milvus = ctx.milvus()?;
        if milvus.has_collection(ARTICLES.name)? {
            return Ok(());
        }
        milvus.create_collection(&ARTICLES)?;
        let rows = (0..ROWS)
            .map(|id| {
                let (lang, year) = article(id);
                let vector: Vec<f32> = (0..8).map(|k| ((id as f32) * 0.21 + k as f32).cos()).collect();
                json!({"id": id, "vector": vector, "lang": lang, "year": year})
            })
            .collect();
        milvus.insert_rows(ARTICLES.name, rows)?;
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let milvus = ctx.milvus()?;
        let expected_kept: BTreeSet<i64> = (0..ROWS).filter(|id| !targeted(*id)).collect();
        let mut checks = Vec::new();

        let remaining_targets = milvus.primary_keys(ARTICLES.name, "id", "lang == \"de\" and year < 2019")?;
        checks.push(Assertion::that(
            TARGETS_GONE,
            remaining_targets.is_empty(),
            "0 rows match lang == \"de\" and year < 2019",
            format!("{} rows match", remaining_targets.len()),
            "delete with a filter on both fields: client.delete(collection_name=\"articles\", filter=...)",
        ));

        let german_kept = milvus.primary_keys(ARTICLES.name, "id", "lang == \"de\" and year >= 2019")?;
        let expected_german_kept = expected_kept.iter().filter(|id| article(**id).0 == "de").count();
        checks.push(Assertion::equal(
            LATER_GERMAN_KEPT,
            expected_german_kept,
            german_kept.len(),
            "\"before 2019\" means year < 2019; 2019 itself stays",
        ));

        let kept: BTreeSet<i64> = milvus.primary_keys(ARTICLES.name, "id", "id >= 0")?.into_iter().collect();
        // Targets still there are the first assertion's business; here only the
        // other articles count: deleted by mistake, or rows that never existed.
        let missing: Vec<i64> = expected_kept.difference(&kept).copied().collect();
        let added: Vec<i64> = kept.iter().copied().filter(|id| !(0..ROWS).contains(id)).collect();
        checks.push(Assertion::that(
            OTHERS_UNTOUCHED,
            missing.is_empty() && added.is_empty(),
            format!("{0} of {0} other articles kept, none added", expected_kept.len()),
            format!(
                "{} of {} other articles kept; {} deleted that were not targeted{}; {} added{}",
                expected_kept.len() - missing.len(),
                expected_kept.len(),
                missing.len(),
                sample(&missing),
                added.len(),
                sample(&added)
            ),
            "only German articles before 2019 may go; `cargo xtask reset` restores the articles",
        ));

        checks.push(Assertion::equal(
            ROW_COUNT,
            expected_kept.len(),
            milvus.count(ARTICLES.name)?,
            "count(*) must drop by exactly the number of targeted articles",
        ));
        Ok(checks)
    }
}

fn sample(ids: &[i64]) -> String {
    match ids {
        [] => String::new(),
        _ => format!(" (first: {:?})", &ids[..ids.len().min(5)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_targets_some_but_not_all_german_articles() {
        let targeted = (0..ROWS).filter(|id| targeted(*id)).count();
        let german = (0..ROWS).filter(|id| article(*id).0 == "de").count();
        assert_eq!(german, 200);
        assert!(targeted > 0 && targeted < german, "{targeted} of {german}");
        assert!((0..ROWS).any(|id| article(id) == ("de", 2019)), "the off-by-one answer must be caught");
    }
}
