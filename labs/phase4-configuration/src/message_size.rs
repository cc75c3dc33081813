//! The gRPC message size limit: one oversized insert is refused with gRPC's
//! `received message larger than max`; the learner loads the whole data set in
//! batches that fit, and the check proves every row arrived exactly once.

use std::collections::BTreeSet;

use anyhow::Result;
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight};
use serde::Deserialize;

pub struct MessageSize;

// The check's assertions, in report order; the book lists them from `META`.
const COUNT: &str = "`docs` holds 20000 rows (count(*), Strong)";
const KEYS: &str = "every primary key 0..19999 is there exactly once";
const ANSWER_LIMIT: &str = "limits.toml: server_max_recv_bytes";

static META: LabMeta = LabMeta {
    id: "phase4/message-size",
    title: "The message size limit: loading in batches that fit",
    phase: 4,
    mode: Mode::Standalone,
    weight: Weight::STANDALONE,
    minutes: 15,
    components: &["proxy"],
    // The limit and its error are measured on 2.3.5 only.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::STANDALONE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[COUNT, KEYS, ANSWER_LIMIT],
};

const DOCS: &str = "docs";
const ROWS: i64 = 20_000;

/// `limits.toml`: the limit the learner read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Limits {
    server_max_recv_bytes: u64,
}

impl Lab for MessageSize {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let milvus = ctx.milvus()?;
        let (count, keys) = if milvus.has_collection(DOCS)? {
            (milvus.count(DOCS)?.to_string(), Some(milvus.primary_keys(DOCS, "id", "id >= 0")?))
        } else {
            ("no such collection".to_owned(), None)
        };
        let keys = match keys {
            Some(keys) => {
                let unique: BTreeSet<i64> = keys.iter().copied().collect();
                let missing = (0..ROWS).filter(|id| !unique.contains(id)).count();
                let extra = unique.iter().filter(|id| !(0..ROWS).contains(*id)).count();
                let repeated = keys.len() - unique.len();
                format!("{missing} missing, {repeated} repeated, {extra} unexpected")
            }
            None => "no such collection".to_owned(),
        };
        let limit = match ctx.answers::<Limits>("limits.toml") {
            Ok(limits) => limits.server_max_recv_bytes.to_string(),
            Err(error) => error,
        };
        Ok(vec![
            Assertion::equal(
                COUNT,
                ROWS,
                count,
                "a refused batch loads nothing: let the error stop the loader, or retry the batch smaller",
            ),
            Assertion::equal(
                KEYS,
                "0 missing, 0 repeated, 0 unexpected",
                keys,
                "batches that fit the limit (5000 rows of 1024 floats is about 20 MB), each loaded once",
            ),
            Assertion::equal(
                ANSWER_LIMIT,
                ctx.fixture.version.proxy_max_recv_bytes(),
                limit,
                "the number after `vs.` in the error: the proxy's grpc.serverMaxRecvSize",
            ),
        ])
    }
}
