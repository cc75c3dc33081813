//! Scrape Milvus: the stack's Prometheus watches only itself until the
//! learner mounts a configuration with a `milvus` job on the metrics port.
//! The check reads Prometheus' targets and queries the request rate under a
//! load it makes itself.

use std::time::{Duration, Instant};

use anyhow::Result;
use lab_framework::probes::{Prometheus, Target};
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight};

pub struct Scrape;

// The check's assertions, in report order; the book lists them from `META`.
const JOB: &str = "Prometheus has a job `milvus`";
const UP: &str = "every target of job `milvus` is up";
const RATE: &str = "the request rate of job `milvus` has data under load";

static META: LabMeta = LabMeta {
    id: "phase10/scrape",
    title: "Scrape Milvus with Prometheus",
    phase: 10,
    mode: Mode::Compose,
    weight: Weight::COMPOSE_MONITORED,
    minutes: 25,
    components: &["proxy", "querynode", "datanode"],
    // The metric names (milvus_proxy_req_count) and the metrics port are the
    // same on 2.3 and 2.5; measured on 2.3.5.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::MONITORED_COMPOSE_LAB,
    settings: &[Setting::PrometheusConfigFromEnvironment],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[JOB, UP, RATE],
};

/// The rate the check reads, over a window that a 2-s or 15-s scrape fills.
const RATE_QUERY: &str = r#"sum(rate(milvus_proxy_req_count{job="milvus",status="success"}[1m]))"#;
/// How long the check keeps searching while it waits for the rate.
const LOAD_LIMIT: Duration = Duration::from_secs(40);

impl Lab for Scrape {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// `docs` with rows, loaded: the load the learner and the check make searches it.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        crate::seed_docs(&ctx.milvus()?)?;
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let prometheus = ctx.fixture.prometheus()?;
        let targets = match milvus_targets(&prometheus) {
            Ok(targets) => targets,
            Err(error) => {
                let hint = "docker compose ps prometheus: is it running? Recreate it with docker compose up --detach --wait prometheus";
                return Ok(vec![
                    Assertion::probe_failed(JOB, "a job `milvus`", &error, hint),
                    Assertion::probe_failed(UP, "up", &error, hint),
                    Assertion::probe_failed(RATE, "> 0 requests/s", &error, hint),
                ]);
            }
        };
        let jobs = {
            let mut jobs: Vec<String> = prometheus.targets()?.into_iter().map(|t| t.job).collect();
            jobs.dedup();
            jobs.join(", ")
        };
        let listed = if targets.is_empty() {
            format!("no; jobs: {jobs}")
        } else {
            targets.iter().map(|t| t.instance.clone()).collect::<Vec<_>>().join(", ")
        };
        let all_up = !targets.is_empty() && targets.iter().all(|t| t.health == "up");
        let health = if targets.is_empty() {
            "no targets".to_owned()
        } else {
            targets
                .iter()
                .map(|t| match t.last_error.as_str() {
                    "" => format!("{} {}", t.instance, t.health),
                    error => format!("{} {}: {error}", t.instance, t.health),
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let rate_assertion = match all_up.then(|| rate_under_load(ctx, &prometheus)) {
            None => Assertion::that(
                RATE,
                false,
                "> 0 requests/s",
                "not measured: the job has no target up",
                "fix the targets first",
            ),
            Some(Ok(Some(rate))) => {
                Assertion::that(RATE, rate > 0.0, "> 0 requests/s", format!("{rate:.1} requests/s"), "").measured()
            }
            Some(Ok(None)) => Assertion::that(
                RATE,
                false,
                "> 0 requests/s",
                "no data",
                "the rate needs two scrapes of an up target within its 1m window: a scrape_interval of 15s or less",
            ),
            Some(Err(error)) => Assertion::probe_failed(RATE, "> 0 requests/s", &error, ""),
        };
        Ok(vec![
            Assertion::that(
                JOB,
                !targets.is_empty(),
                "a job `milvus` with Milvus' metrics endpoint as its target",
                listed,
                "Prometheus reads prometheus.yml only from the folder it mounts: export PROMETHEUS_CONFIG_DIR=$PWD/prometheus, \
                 then docker compose up --detach --wait prometheus",
            ),
            Assertion::that(
                UP,
                all_up,
                "standalone:9091 up",
                health,
                "Prometheus runs in its own container: `localhost` is Prometheus itself. Name the service (standalone) and its \
                 metrics port, 9091; 19530 is the client port and has no /metrics",
            ),
            rate_assertion,
        ])
    }
}

/// The targets of job `milvus`, once none of them waits for its first scrape.
fn milvus_targets(prometheus: &Prometheus) -> Result<Vec<Target>> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let targets: Vec<Target> = prometheus.targets()?.into_iter().filter(|t| t.job == "milvus").collect();
        if targets.iter().all(|t| t.health != "unknown") || Instant::now() > deadline {
            return Ok(targets);
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}

/// Searches `docs` until Prometheus' rate of successful requests turns
/// positive, or `LOAD_LIMIT` passes.
fn rate_under_load(ctx: &LabContext, prometheus: &Prometheus) -> Result<Option<f64>> {
    let mut rate = None;
    crate::search_docs_until(ctx, LOAD_LIMIT, || {
        rate = prometheus.query(RATE_QUERY)?.first().map(|sample| sample.value);
        Ok(rate.is_some_and(|rate| rate > 0.0))
    })?;
    Ok(rate)
}
