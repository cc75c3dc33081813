//! Segment sizing: `dataCoord.segment.maxSize` and `sealProportion`, scaled
//! down so the lab runs in seconds. The learner sets them (the environment
//! with a restart, or etcd: on 2.3.5 a maxSize in etcd reached dataCoord
//! within 6 s, measured) before loading; the check counts flushed segments
//! and their rows.

use anyhow::Result;
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight};
use serde::Deserialize;

pub struct SegmentSize;

// The check's assertions, in report order; the book lists them from `META`.
const CONFIGURED: &str = "dataCoord.segment.maxSize in effect is 8 (MB)";
const ROWS: &str = "`docs` holds 20000 rows";
const SPLIT: &str = "`docs` is flushed in several segments";
const BOUNDED: &str = "no segment holds more rows than 8 MB allows (16131 rows of 520 bytes)";
const ANSWER_SEGMENTS: &str = "segments.toml: flushed_segments";

static META: LabMeta = LabMeta {
    id: "phase4/segment-size",
    title: "Segment sizing: maxSize and sealProportion",
    phase: 4,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 25,
    components: &["datacoord", "datanode", "objectstorage"],
    // 2.4 changed the defaults (1024 MB, 0.12); measured on 2.3.5 only.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    // The restart's first calls would wait out the old sessions otherwise.
    settings: &[Setting::SegmentSizeFromEnvironment, Setting::SessionTtl { seconds: 10 }],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[CONFIGURED, ROWS, SPLIT, BOUNDED, ANSWER_SEGMENTS],
};

const DOCS: &str = "docs";
const ETCD_MAX_SIZE: &str = "by-dev/config/dataCoord/segment/maxSize";
const TOTAL: i64 = 20_000;
const MAX_SIZE_MB: i64 = 8;
/// Milvus' estimate of one row: 128 floats and an int64 key.
const ROW_BYTES: i64 = 128 * 4 + 8;
/// The most rows a segment of `MAX_SIZE_MB` is allocated (16131).
const MAX_ROWS: i64 = MAX_SIZE_MB * 1024 * 1024 / ROW_BYTES;

/// `segments.toml`: what the learner counted.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Segments {
    flushed_segments: u64,
}

impl Lab for SegmentSize {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        // etcd wins over the environment, which wins over the yaml.
        let environment = ctx.fixture.service_environment("standalone")?;
        let from_environment =
            environment.iter().find_map(|entry| entry.strip_prefix("DATACOORD_SEGMENT_MAXSIZE=")).map(str::to_owned);
        let from_etcd = ctx.etcd()?.get(ETCD_MAX_SIZE)?;
        let max_size = from_etcd.or(from_environment).unwrap_or_else(|| "not set".to_owned());
        let milvus = ctx.milvus()?;
        let (count, segments) = if milvus.has_collection(DOCS)? {
            // A restart leaves `docs` loading for a while: say so, do not fail the check.
            let count = milvus.count(DOCS).map_or_else(|error| format!("error: {error:#}"), |count| count.to_string());
            (count, milvus.flushed_segment_rows(DOCS)?)
        } else {
            ("no such collection".to_owned(), Vec::new())
        };
        let largest = segments.first().copied().unwrap_or(0);
        let answer = match ctx.answers::<Segments>("segments.toml") {
            Ok(answers) => answers.flushed_segments.to_string(),
            Err(error) => error,
        };
        Ok(vec![
            Assertion::equal(
                CONFIGURED,
                MAX_SIZE_MB,
                max_size,
                "export SEGMENT_MAX_SIZE_MB=8 SEGMENT_SEAL_PROPORTION=0.12, then docker compose up -d --wait \
                 standalone (or put by-dev/config/dataCoord/segment/maxSize in etcd)",
            ),
            Assertion::equal(
                ROWS,
                TOTAL,
                count,
                "run python load.py after the change; right after a restart `docs` needs a few seconds to load",
            ),
            Assertion::that(
                SPLIT,
                segments.len() >= 2,
                "2 or more flushed segments",
                format!("{} flushed segments {segments:?}", segments.len()),
                "with the default 512 MB all 20000 rows fit one segment: set the smaller maxSize first, then load",
            )
            // Where segments end depends on flush timing: measured, not snapshotted.
            .measured(),
            Assertion::that(
                BOUNDED,
                !segments.is_empty() && largest <= MAX_ROWS,
                format!("at most {MAX_ROWS} rows in a segment"),
                format!("largest: {largest} rows"),
                "maxSize caps a new segment's rows (maxSize / row size); segments loaded before the change keep theirs",
            )
            .measured(),
            Assertion::equal(
                ANSWER_SEGMENTS,
                segments.len(),
                answer,
                "python load.py prints the flushed segments and their rows after its flush",
            )
            .measured(),
        ])
    }
}
