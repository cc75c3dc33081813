//! Troubleshooting drills: each breaks the Compose stack the way users report
//! it, and tells the learner only the symptom. The learner finds the cause in
//! Milvus' log or metrics, answers with the server's own words, and fixes it;
//! every check proves health and that no row was lost.

pub mod etcd_stall;
pub mod frozen_and_unloaded;
pub mod index_never_builds;
pub mod keys_rotated;
pub mod wrong_root;

use std::time::Duration;

use anyhow::{Context, Result};
use lab_framework::LabContext;
use lab_framework::drill::{self, seeded_rows};
use lab_framework::probes::CollectionSpec;

/// The text in `error="…"` of the first log line that contains `marker`.
fn first_log_error(log: &str, marker: &str) -> Option<String> {
    log.lines().filter(|line| line.contains(marker)).find_map(|line| {
        let start = line.find("[error=\"")? + "[error=\"".len();
        let end = line[start..].find("\"]")?;
        Some(line[start..start + end].to_owned())
    })
}

/// The first error with `marker` in Milvus' log, kept in `file` in the run
/// folder: a learner who recreates the container (new keys, a restart by
/// `up --force-recreate`) starts a new log, and the answer stays checkable.
/// Seeds call it once the break has happened; checks call it again.
fn logged_error(ctx: &LabContext, marker: &str, file: &str) -> Result<Option<String>> {
    let path = ctx.run_dir.join(file);
    if let Some(error) = first_log_error(&ctx.fixture.milvus_log()?, marker) {
        std::fs::write(&path, &error).with_context(|| format!("cannot write {}", path.display()))?;
        return Ok(Some(error));
    }
    Ok(std::fs::read_to_string(&path).ok().filter(|error| !error.is_empty()))
}

/// Polls `done` every second until it holds or `limit` passes; what did not
/// happen in time is then the check's to report.
fn wait_until(limit: Duration, done: impl FnMut() -> Result<bool>) -> Result<()> {
    drill::settle(limit, Duration::from_secs(1), done, |done| !matches!(done, Ok(false))).map(drop)
}

/// A collection of the check's own, far from the seeded ones, dropped again.
const PROBE: CollectionSpec =
    CollectionSpec { name: "check_probe", primary_key: "id", vector_field: "vector", dimension: 8, scalar_fields: &[] };

/// Inserts one row into the check's own collection and flushes it within
/// 20 s: `written`, or `not written: <why>`. The data node writes binlogs with
/// the keys Milvus was started with, through the queue it was started with.
fn milvus_writes(ctx: &LabContext) -> String {
    let written = ctx.milvus().and_then(|milvus| {
        if milvus.has_collection(PROBE.name)? {
            milvus.drop_collection(PROBE.name)?;
        }
        milvus.create_collection(&PROBE)?;
        milvus.insert_rows(PROBE.name, seeded_rows(0..1))?;
        let flushed = milvus.flush_within(&[PROBE.name], Duration::from_secs(20));
        milvus.drop_collection(PROBE.name)?;
        flushed
    });
    match written {
        Ok(()) => "written".to_owned(),
        Err(error) => {
            let cause = error.chain().last().map(ToString::to_string).unwrap_or_default();
            format!("not written: {}", cause.lines().next().unwrap_or_default())
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_the_error_of_the_first_matching_line() {
        let log = "[INFO] [x] [\"ok\"]\n\
                   [2026/12/06 05:24:03.986 +00:00] [WARN] [storage/minio_chunk_manager.go:144] [\"failed to put object\"] \
                   [bucket=a-bucket] [error=\"The AWS Access Key Id you provided does not exist in our records.\"]\n";
        assert_eq!(
            super::first_log_error(log, "Access Key Id").as_deref(),
            Some("The AWS Access Key Id you provided does not exist in our records.")
        );
        assert_eq!(super::first_log_error(log, "lease"), None);
    }
}
