//! Deletes and space: a delete only marks rows; the space comes back when
//! compaction rewrites the segments. The check reads the segments' row counts
//! and the server's record of the learner's compaction.

use std::collections::BTreeSet;

use anyhow::Result;
use lab_framework::probes::{CollectionSpec, ScalarKind};
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight, answer};
use serde::Deserialize;
use serde_json::json;

pub struct DeletesAndSpace;

// The check's assertions, in report order; the book lists them from `META`.
const LEGACY_GONE: &str = "no `legacy` event remains, and every other one is there (primary keys)";
const COMPACTED: &str = "space.toml's compaction is Completed on the server, with a completed plan";
const SEGMENTS_SHRANK: &str = "flushed segments hold 4000 rows: the deleted ones are gone from storage";
const ANSWER_BEFORE: &str = "space.toml: segment_rows_before_compaction";

static META: LabMeta = LabMeta {
    id: "phase7/deletes-and-space",
    title: "Deletes and space: compaction takes deleted rows out of storage",
    phase: 7,
    mode: Mode::Standalone,
    weight: Weight::STANDALONE,
    minutes: 30,
    components: &["datacoord", "datanode", "objectstorage"],
    // Segment listing and compaction state are measured on 2.3.5 (no L0 deletes there).
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::STANDALONE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[LEGACY_GONE, COMPACTED, SEGMENTS_SHRANK, ANSWER_BEFORE],
};

const EVENTS: CollectionSpec = CollectionSpec {
    name: "events",
    primary_key: "id",
    vector_field: "v",
    dimension: 8,
    scalar_fields: &[("source", ScalarKind::VarChar { max_length: 16 })],
};
const ROWS: i64 = 6000;
const BATCHES: i64 = 3;

/// A third of the events come from the retired `legacy` source.
fn legacy(id: i64) -> bool {
    id % 3 == 0
}

/// `space.toml`: what the learner saw and did.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Space {
    segment_rows_before_compaction: i64,
    compaction_id: i64,
}

impl Lab for DeletesAndSpace {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        let milvus = ctx.milvus()?;
        if milvus.has_collection(EVENTS.name)? {
            return Ok(());
        }
        milvus.create_collection(&EVENTS)?;
        for batch in 0..BATCHES {
            let rows = (batch * ROWS / BATCHES..(batch + 1) * ROWS / BATCHES)
                .map(|id| {
                    let vector: Vec<f32> = (0..8).map(|k| ((id as f32) * 0.17 + k as f32).sin()).collect();
                    json!({"id": id, "v": vector, "source": if legacy(id) { "legacy" } else { "app" }})
                })
                .collect();
            milvus.insert_rows(EVENTS.name, rows)?;
            milvus.seal(&[EVENTS.name])?;
        }
        milvus.flush(&[EVENTS.name])?;
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let milvus = ctx.milvus()?;
        let expected: BTreeSet<i64> = (0..ROWS).filter(|id| !legacy(*id)).collect();
        let live: BTreeSet<i64> = milvus.primary_keys(EVENTS.name, "id", "id >= 0")?.into_iter().collect();
        let legacy_left = live.iter().filter(|id| legacy(**id)).count();
        let others_missing = expected.difference(&live).count();

        let space = ctx.answers::<Space>("space.toml");
        let compaction = match &space {
            Ok(space) => Some(milvus.compaction(space.compaction_id)),
            Err(_) => None,
        };
        let segment_rows: i64 = milvus.flushed_segment_rows(EVENTS.name)?.iter().sum();
        Ok(vec![
            Assertion::equal(
                LEGACY_GONE,
                "0 legacy left, 0 others missing",
                format!("{legacy_left} legacy left, {others_missing} others missing"),
                "client.delete(\"events\", filter='source == \"legacy\"'), then flush",
            ),
            Assertion::equal(
                COMPACTED,
                "Completed, 1 or more plans",
                match (&space, compaction) {
                    (Err(error), _) => error.clone(),
                    (Ok(_), Some(Ok((state, plans)))) if state == "Completed" && plans >= 1 => {
                        "Completed, 1 or more plans".to_owned()
                    }
                    (Ok(_), Some(Ok((state, plans)))) => format!("{state}, {plans} plans"),
                    (Ok(space), Some(Err(error))) => format!("compaction {} unknown: {error:#}", space.compaction_id),
                    (Ok(_), None) => "not asked".to_owned(),
                },
                "id = client.compact(\"events\"); wait until client.get_compaction_state(id) is Completed",
            ),
            Assertion::equal(
                SEGMENTS_SHRANK,
                expected.len(),
                segment_rows,
                "a delete only marks rows (delta logs); compaction rewrites the segments without them",
            ),
            Assertion::equal(
                ANSWER_BEFORE,
                ROWS,
                answer(&space, |space| space.segment_rows_before_compaction.to_string()),
                "sum num_rows of client.list_persistent_segments(\"events\") after the delete, before compacting",
            ),
        ])
    }
}
