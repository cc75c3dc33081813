//! Small segments: a flush after every small batch leaves one small segment
//! per flush. Auto-compaction is off for the collection (a backfill turned it
//! off and nobody turned it back on), so the learner merges them by hand and
//! switches it on again. The check counts the flushed segments, reads the
//! server's record of the learner's compaction and the collection's property,
//! and proves every row survived.

use anyhow::Result;
use lab_framework::probes::CollectionSpec;
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight, answer,
};
use serde::Deserialize;
use serde_json::json;

pub struct SmallSegments;

// The check's assertions, in report order; the book lists them from `META`.
const MERGED: &str = "readings is stored in 1 flushed segment";
const COMPACTED: &str = "segments.toml's compaction is Completed on the server, with a completed plan";
const NOTHING_LOST: &str = "every reading survived (row count and primary keys as before)";
const AUTO_COMPACTION: &str = "auto-compaction is on again for readings";
const ANSWER_BEFORE: &str = "segments.toml: segments_before_compaction";

static META: LabMeta = LabMeta {
    id: "phase7/small-segments",
    title: "Small segments: many small flushes, one compaction",
    phase: 7,
    mode: Mode::Standalone,
    weight: Weight::STANDALONE,
    minutes: 25,
    components: &["datacoord", "querynode"],
    // Segment listing, compaction state and the per-collection switch are measured on 2.3.5.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::STANDALONE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[MERGED, COMPACTED, NOTHING_LOST, AUTO_COMPACTION, ANSWER_BEFORE],
};

const READINGS: CollectionSpec =
    CollectionSpec { name: "readings", primary_key: "id", vector_field: "v", dimension: 8, scalar_fields: &[] };
/// A backfill that flushed after every batch: one segment per flush.
const FLUSHES: i64 = 10;
const BATCH: i64 = 800;
const AUTO_COMPACTION_PROPERTY: &str = "collection.autocompaction.enabled";

/// `segments.toml`: what the learner saw and did.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Segments {
    segments_before_compaction: i64,
    compaction_id: i64,
}

impl Lab for SmallSegments {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if Baseline::load(ctx, Instance::First)?.is_some() {
            return Ok(());
        }
        let milvus = ctx.milvus()?;
        if milvus.has_collection(READINGS.name)? {
            milvus.drop_collection(READINGS.name)?;
        }
        milvus.create_collection(&READINGS)?;
        // Off before the first flush, or dataCoord merges the segments within a minute.
        milvus.alter_collection_properties(READINGS.name, &[(AUTO_COMPACTION_PROPERTY, "false")])?;
        for flush in 0..FLUSHES {
            let rows = (flush * BATCH..(flush + 1) * BATCH)
                .map(
                    |id| json!({"id": id, "v": (0..8).map(|k| ((id * 8 + k) as f32 * 0.29).cos()).collect::<Vec<_>>()}),
                )
                .collect();
            milvus.insert_rows(READINGS.name, rows)?;
            milvus.seal(&[READINGS.name])?;
        }
        milvus.flush(&[READINGS.name])?;
        Baseline::record(ctx, Instance::First, &[(READINGS.name, READINGS.primary_key)])?.save(ctx)
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let baseline = Baseline::required(ctx, Instance::First)?;
        let milvus = ctx.milvus()?;
        let segments = milvus.flushed_segment_rows(READINGS.name)?;
        let answers = ctx.answers::<Segments>("segments.toml");
        let compaction = answers.as_ref().ok().map(|answers| milvus.compaction(answers.compaction_id));
        let auto_compaction =
            milvus.describe_collection(READINGS.name)?.properties.get(AUTO_COMPACTION_PROPERTY).cloned();
        Ok(vec![
            Assertion::equal(
                MERGED,
                "1 segment",
                match segments.len() {
                    1 => "1 segment".to_owned(),
                    n => format!("{n} segments ({segments:?} rows)"),
                },
                "a flush seals what is growing; only compaction merges sealed segments: client.compact(\"readings\")",
            ),
            Assertion::equal(
                COMPACTED,
                "Completed, 1 or more plans",
                match (&answers, compaction) {
                    (Err(error), _) => error.clone(),
                    (Ok(_), Some(Ok((state, plans)))) if state == "Completed" && plans >= 1 => {
                        "Completed, 1 or more plans".to_owned()
                    }
                    (Ok(_), Some(Ok((state, plans)))) => format!("{state}, {plans} plans"),
                    (Ok(answers), Some(Err(error))) => {
                        format!("compaction {} unknown: {error:#}", answers.compaction_id)
                    }
                    (Ok(_), None) => "not asked".to_owned(),
                },
                "id = client.compact(\"readings\"); wait until client.get_compaction_state(id) is Completed",
            ),
            baseline.compare(
                ctx,
                NOTHING_LOST,
                "compaction rewrites segments without changing rows: count(*) and the keys must match the seed",
            ),
            Assertion::equal(
                AUTO_COMPACTION,
                "true",
                auto_compaction.map_or_else(|| "not set".to_owned(), |v| v.to_lowercase()),
                "client.alter_collection_properties(\"readings\", {\"collection.autocompaction.enabled\": True})",
            ),
            Assertion::equal(
                ANSWER_BEFORE,
                FLUSHES,
                answer(&answers, |answers| answers.segments_before_compaction.to_string()),
                "len(client.list_persistent_segments(\"readings\")) before you compact",
            ),
        ])
    }
}
