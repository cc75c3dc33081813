//! Standalone with embedded etcd: one container runs every component, keeps its
//! metadata in an embedded etcd and its data on local disk.

use std::collections::BTreeSet;

use anyhow::{Context, Result};
use lab_framework::probes::get;
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight};
use serde::Deserialize;

pub struct StandaloneEmbed;

// The check's assertions, in report order; the book lists them from `META`.
const HEALTHY: &str = "GET /healthz answers 200 OK";
const ROWS: &str = "collection `embed_demo` holds 1000 rows (count(*), Strong)";
const FLUSHED: &str = "embed_demo is flushed: binlog keys in etcd";
const ANSWER_VERSION: &str = "standalone.toml: server_version";
const ANSWER_COMPONENTS: &str = "standalone.toml: components";

static META: LabMeta = LabMeta {
    id: "phase2/standalone-embed",
    title: "Standalone with embedded etcd: what runs where",
    phase: 2,
    mode: Mode::Standalone,
    weight: Weight::STANDALONE,
    minutes: 20,
    components: &["proxy", "etcd"],
    versions: &[MilvusVersion::V2_3, MilvusVersion::V2_5, MilvusVersion::V2_6],
    requirements: &[
        Requirement::Docker,
        Requirement::Image("milvus"),
        Requirement::Image("etcd"),
        Requirement::Python,
        Requirement::MemoryMib(2048),
    ],
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[HEALTHY, ROWS, FLUSHED, ANSWER_VERSION, ANSWER_COMPONENTS],
};

const COLLECTION: &str = "embed_demo";
const EXPECTED_ROWS: u64 = 1000;
const SESSIONS: &str = "by-dev/meta/session/";

/// `standalone.toml`: what the learner found.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Findings {
    server_version: String,
    components: Vec<String>,
}

impl Lab for StandaloneEmbed {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let endpoints = &ctx.fixture.endpoints;
        let http = endpoints.http.as_deref().context("the Standalone fixture has an HTTP endpoint")?;
        let etcd = ctx.etcd()?;
        let milvus = ctx.milvus()?;
        let mut checks = Vec::new();

        let health = get(&format!("{http}/healthz"), None)?;
        checks.push(Assertion::equal(
            HEALTHY,
            "200 OK",
            format!("{} {}", health.status, health.body.trim()),
            "curl -i \"$MILVUS_HTTP/healthz\"; an unhealthy component is named in the body",
        ));

        let exists = milvus.has_collection(COLLECTION)?;
        let count = if exists { milvus.count(COLLECTION)?.to_string() } else { "no such collection".to_owned() };
        checks.push(Assertion::equal(
            ROWS,
            EXPECTED_ROWS,
            count,
            "run embed.py once after finishing TODO 1 and 2; `cargo xtask reset phase2/standalone-embed` starts over",
        ));

        let binlogs = if exists {
            let id = milvus.describe_collection(COLLECTION)?.id;
            etcd.keys(&format!("by-dev/meta/datacoord-meta/binlog/{id}/"))?.len()
        } else {
            0
        };
        checks.push(Assertion::that(
            FLUSHED,
            binlogs > 0,
            "at least 1 key under by-dev/meta/datacoord-meta/binlog/<collection id>/",
            format!("{binlogs} keys"),
            "call client.flush(\"embed_demo\") (TODO 3): until then the rows sit in a growing segment, not in binlogs",
        ));

        let live_components = components(&etcd.keys(SESSIONS)?);
        let (version, found) = match ctx.answers::<Findings>("standalone.toml") {
            Ok(findings) => {
                let found: BTreeSet<String> = findings.components.iter().map(|c| c.trim().to_owned()).collect();
                (findings.server_version.trim().to_owned(), format!("{found:?}"))
            }
            Err(error) => (error.clone(), error),
        };
        checks.push(Assertion::equal(
            ANSWER_VERSION,
            milvus.server_version()?,
            version,
            "client.get_server_version() in pymilvus",
        ));
        checks.push(Assertion::equal(
            ANSWER_COMPONENTS,
            format!("{live_components:?}"),
            found,
            "list by-dev/meta/session/ with etcdctl; each key names a component (drop the -<id> suffix, `id` and `version`)",
        ));
        Ok(checks)
    }
}

/// Component roles from session keys: `by-dev/meta/session/querynode-1` is `querynode`.
fn components(keys: &[String]) -> BTreeSet<String> {
    keys.iter()
        .filter_map(|key| key.strip_prefix(SESSIONS))
        .map(|name| match name.rsplit_once('-') {
            Some((role, id)) if id.chars().all(|c| c.is_ascii_digit()) => role,
            _ => name,
        })
        .filter(|role| !matches!(*role, "id" | "version"))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn session_keys_name_component_roles() {
        let keys: Vec<String> = ["datacoord", "datanode-1", "id", "proxy-12", "querynode-3", "version"]
            .iter()
            .map(|k| format!("{}{k}", super::SESSIONS))
            .collect();
        let roles: Vec<String> = super::components(&keys).into_iter().collect();
        assert_eq!(roles, ["datacoord", "datanode", "proxy", "querynode"]);
    }
}
