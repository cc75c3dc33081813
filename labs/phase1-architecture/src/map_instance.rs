//! Map a running instance: health, the sessions components keep in etcd, and
//! what the metrics endpoint publishes about the build.

use anyhow::{Context, Result};
use lab_framework::probes::get;
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight};
use serde::Deserialize;
use serde_json::Value;

pub struct MapInstance;

// The check's assertions, in report order; the book lists them from `META`.
const HEALTH: &str = "map.toml: healthz_state";
const PROXY_SESSION: &str = "map.toml: proxy_session";
const PROXY_PORT: &str = "map.toml: proxy_internal_port";
const SESSION_VERSION: &str = "map.toml: session_version";
const BUILD_INFO: &str = "map.toml: build_info_metric";

static META: LabMeta = LabMeta {
    id: "phase1/map-instance",
    title: "Map a running instance: health, sessions and metrics",
    phase: 1,
    mode: Mode::Standalone,
    weight: Weight::STANDALONE,
    minutes: 25,
    components: &["proxy", "rootcoord", "querycoord", "datacoord", "etcd"],
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
    assertions: &[HEALTH, PROXY_SESSION, PROXY_PORT, SESSION_VERSION, BUILD_INFO],
};

const SESSIONS: &str = "by-dev/meta/session/";
const BUILD_INFO_METRIC: &str = "milvus_build_info";

/// `map.toml`: what the learner found.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Findings {
    healthz_state: String,
    proxy_session: String,
    proxy_internal_port: u16,
    session_version: String,
    build_info_metric: String,
}

impl Lab for MapInstance {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let endpoints = &ctx.fixture.endpoints;
        let http = endpoints.http.as_deref().context("the Standalone fixture has an HTTP endpoint")?;
        let etcd = ctx.etcd()?;

        let health = get(&format!("{http}/healthz"), Some("application/json"))?;
        let health_state = serde_json::from_str::<Value>(&health.body)
            .ok()
            .and_then(|json| json.get("state").and_then(Value::as_str).map(str::to_owned))
            .unwrap_or_else(|| format!("no JSON state in {:?}", health.body.trim()));

        let proxy_key = etcd.keys(SESSIONS)?.into_iter().find(|key| key[SESSIONS.len()..].starts_with("proxy"));
        let session: Value = match &proxy_key {
            Some(key) => serde_json::from_str(&etcd.get(key)?.unwrap_or_default())
                .with_context(|| format!("the session value of {key} is not JSON"))?,
            None => Value::Null,
        };
        let proxy_port = session
            .get("Address")
            .and_then(Value::as_str)
            .and_then(|address| address.rsplit(':').next())
            .unwrap_or("no proxy session")
            .to_owned();
        let session_version = session.get("Version").and_then(Value::as_str).unwrap_or("no proxy session").to_owned();

        let metrics = get(&format!("{http}/metrics"), None)?;
        let build_info =
            if metrics.body.lines().any(|line| line.starts_with(BUILD_INFO_METRIC)) { "present" } else { "absent" };

        let findings = ctx.answers::<Findings>("map.toml");
        let answer =
            |field: fn(&Findings) -> String| lab_framework::answer(&findings, |found| field(found).trim().to_owned());
        Ok(vec![
            Assertion::equal(
                HEALTH,
                health_state,
                answer(|f| f.healthz_state.clone()),
                "curl -s -H 'Content-Type: application/json' \"$MILVUS_HTTP/healthz\" answers with JSON; copy its state",
            ),
            Assertion::equal(
                PROXY_SESSION,
                proxy_key.unwrap_or_else(|| "no proxy session".to_owned()),
                answer(|f| f.proxy_session.clone()),
                "list the keys under by-dev/meta/session/ with etcdctl (see the lab text) and copy the proxy's",
            ),
            Assertion::equal(
                PROXY_PORT,
                proxy_port,
                answer(|f| f.proxy_internal_port.to_string()),
                "read the proxy's session value: its Address is where the other components reach it, not the 19530 clients use",
            ),
            Assertion::equal(
                SESSION_VERSION,
                session_version,
                answer(|f| f.session_version.clone()),
                "the session value carries the component's Version",
            ),
            Assertion::equal(
                BUILD_INFO,
                build_info,
                answer(|f| f.build_info_metric.clone()),
                "curl -s \"$MILVUS_HTTP/metrics\" | grep '^milvus_build_info': present on some versions only; look, don't assume",
            ),
        ])
    }
}
