//! A dashboard for people: the learner writes the query behind each of four
//! panels (requests, search latency, memory, segments), renders them with
//! `cargo xtask dashboard` after a load run, and gets the same queries as a
//! Grafana dashboard. The check evaluates each query under a load it makes
//! and compares it, at the same instant, with the query an operator would use.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Result;
use lab_framework::dashboard::{self, GRAFANA_FILE, PAGE_FILE, PANELS_FILE, Panel};
use lab_framework::probes::{Prometheus, Sample};
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight};

pub struct Dashboard;

// The check's assertions, in report order; the book lists them from `META`.
const REQUESTS: &str = "panel `Successful requests per second` shows the request rate";
const LATENCY: &str = "panel `Search latency p99` shows the 99th percentile in ms";
const MEMORY: &str = "panel `Resident memory of Milvus` shows Milvus' memory";
const SEGMENTS: &str = "panel `Flushed segments` shows the flushed segments";
const RENDERED: &str = "dashboard.html shows every panel with data, from dashboard.toml's queries";

static META: LabMeta = LabMeta {
    id: "phase10/dashboard",
    title: "A dashboard from Prometheus queries",
    phase: 10,
    mode: Mode::Compose,
    weight: Weight::COMPOSE_MONITORED,
    minutes: 25,
    components: &["proxy", "querynode", "datacoord"],
    // The metric names and labels of 2.3 (milvus_proxy_sq_latency in ms,
    // milvus_datacoord_segment_num{segment_state}); measured on 2.3.5.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::MONITORED_COMPOSE_LAB,
    settings: &[Setting::Prometheus],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[REQUESTS, LATENCY, MEMORY, SEGMENTS, RENDERED],
};

/// A panel the learner fills in, and what an operator would ask Prometheus.
struct Expected {
    assertion: &'static str,
    title: &'static str,
    reference: &'static str,
    /// How far the learner's value may be from the reference's, as a ratio.
    /// Both are read at the same instant over the same 1-minute window the
    /// page asks for, so a right query agrees almost exactly; the limits
    /// leave room for an equivalent form (`irate`, another `sum` order) and
    /// fail the near misses: every request counted twice without the status
    /// filter (x2), etcd's memory added to Milvus' (x1.2), growing segments
    /// counted as flushed.
    max_ratio: f64,
    hint: &'static str,
}

const PANELS: [Expected; 4] = [
    Expected {
        assertion: REQUESTS,
        title: "Successful requests per second",
        reference: r#"sum(rate(milvus_proxy_req_count{job="milvus",status="success"}[1m]))"#,
        max_ratio: 1.3,
        hint: "milvus_proxy_req_count is a counter of requests since start: chart its rate over [1m], summed, \
               for status=\"success\"",
    },
    Expected {
        assertion: LATENCY,
        title: "Search latency p99",
        reference: r#"histogram_quantile(0.99, sum by (le) (rate(milvus_proxy_sq_latency_bucket{job="milvus",query_type="search"}[1m])))"#,
        max_ratio: 1.3,
        hint: "histogram_quantile needs the `le` label: sum by (le) (rate(milvus_proxy_sq_latency_bucket{query_type=\"search\"}[1m])); \
               the buckets are in ms already",
    },
    Expected {
        assertion: MEMORY,
        title: "Resident memory of Milvus",
        reference: r#"sum(process_resident_memory_bytes{job="milvus"})"#,
        max_ratio: 1.01,
        hint: "process_resident_memory_bytes of job=\"milvus\" only: etcd exports one too",
    },
    Expected {
        assertion: SEGMENTS,
        title: "Flushed segments",
        reference: r#"sum(milvus_datacoord_segment_num{job="milvus",segment_state="Flushed"})"#,
        max_ratio: 1.01,
        hint: "datacoord counts segments by state: milvus_datacoord_segment_num{segment_state=\"Flushed\"}",
    },
];

/// How long the check keeps searching while it waits for the latency histogram.
const LOAD_LIMIT: Duration = Duration::from_secs(40);

impl Lab for Dashboard {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// `docs` with rows, loaded: the load the learner and the check make
    /// searches it. A few rows more stay unflushed, so a growing segment sits
    /// beside the flushed one and a segment count without the state filter
    /// is wrong.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        let milvus = ctx.milvus()?;
        if crate::seed_docs(&milvus)? {
            crate::insert_docs(&milvus, 200..220)?;
        }
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let panels = dashboard::load_panels(&ctx.work_dir.join(PANELS_FILE));
        let prometheus = ctx.fixture.prometheus()?;
        let now = load_until_latency_has_data(ctx, &prometheus)?;
        let mut assertions: Vec<Assertion> = PANELS
            .iter()
            .map(|expected| {
                let panel = match &panels {
                    Ok(panels) => panels.iter().find(|panel| panel.title == expected.title),
                    Err(_) => None,
                };
                compare(&prometheus, expected, panel, now, &panels)
            })
            .collect();
        assertions.push(rendered(ctx, &panels));
        Ok(assertions)
    }
}

/// Searches `docs` until the reference latency quantile has data (it needs
/// two scrapes of the histogram under load), then returns the instant every
/// query is evaluated at.
fn load_until_latency_has_data(ctx: &LabContext, prometheus: &Prometheus) -> Result<f64> {
    crate::search_docs_until(ctx, LOAD_LIMIT, || {
        Ok(total(&prometheus.query(PANELS[1].reference)?).is_some_and(|value| value > 0.0))
    })?;
    Ok(SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs_f64())
}

/// The learner's panel against the reference query, both at `now`.
fn compare(
    prometheus: &Prometheus,
    expected: &Expected,
    panel: Option<&Panel>,
    now: f64,
    panels: &Result<Vec<Panel>>,
) -> Assertion {
    let wanted = format!("data, within ×{} of the reference", expected.max_ratio);
    let missing = |observed: String, hint: &str| Assertion::that(expected.assertion, false, &wanted, observed, hint);
    let panel = match (panel, panels) {
        (_, Err(error)) => return missing(format!("{error:#}"), "fix dashboard.toml where the error says"),
        (None, Ok(_)) => {
            return missing(
                format!("no [[panel]] titled `{}`", expected.title),
                "keep the panel titles of dashboard.toml as they are",
            );
        }
        (Some(panel), Ok(_)) if panel.query.trim().is_empty() => {
            return missing("no query yet".to_owned(), expected.hint);
        }
        (Some(panel), Ok(_)) => panel,
    };
    let reference = match prometheus.query_at(expected.reference, now) {
        Ok(samples) => total(&samples),
        Err(error) => return Assertion::probe_failed(expected.assertion, wanted, &error, ""),
    };
    let samples = match prometheus.query_at(&panel.query, now) {
        Ok(samples) => samples,
        Err(error) => return missing(format!("Prometheus refused it: {error:#}"), expected.hint),
    };
    let jobs = other_jobs(&samples);
    let observed = match (total(&samples), reference) {
        (None, _) => "no data".to_owned(),
        (Some(value), Some(reference)) => format!("{} (reference {})", number(value), number(reference)),
        (Some(value), None) => format!("{} (reference: no data)", number(value)),
    };
    if !jobs.is_empty() {
        let observed = format!("{observed}, including job {}", jobs.join(", "));
        return missing(observed, "filter on job=\"milvus\": the other jobs are not Milvus").measured();
    }
    let agrees = match (total(&samples), reference) {
        (Some(value), Some(reference)) => ratio(value, reference) <= expected.max_ratio,
        _ => false,
    };
    let hint = if total(&samples).is_none() {
        "no series: is every metric name and label in it on Milvus' /metrics? \
         (curl -s \"$PROMETHEUS_URL/api/v1/series\" --data-urlencode 'match[]=<metric>')"
    } else {
        expected.hint
    };
    Assertion::that(expected.assertion, agrees, wanted, observed, hint).measured()
}

/// The sum of a result's finite values; `None` for no data.
fn total(samples: &[Sample]) -> Option<f64> {
    let finite: Vec<f64> = samples.iter().map(|sample| sample.value).filter(|value| value.is_finite()).collect();
    (!finite.is_empty()).then(|| finite.iter().sum())
}

/// The `job` labels of series that are not Milvus'.
fn other_jobs(samples: &[Sample]) -> Vec<String> {
    let mut jobs: Vec<String> =
        samples.iter().filter_map(|sample| sample.labels.get("job")).filter(|job| *job != "milvus").cloned().collect();
    jobs.sort();
    jobs.dedup();
    jobs
}

/// How many times the larger value is the smaller: 1 when equal, infinite
/// when only one is zero.
fn ratio(a: f64, b: f64) -> f64 {
    let (low, high) = if a.abs() < b.abs() { (a.abs(), b.abs()) } else { (b.abs(), a.abs()) };
    if high == 0.0 {
        1.0
    } else if low == 0.0 {
        f64::INFINITY
    } else {
        high / low
    }
}

fn number(value: f64) -> String {
    if value.abs() >= 1e6 { format!("{value:.3e}") } else { format!("{value:.2}") }
}

/// The rendered page and the Grafana export against the panels file.
fn rendered(ctx: &LabContext, panels: &Result<Vec<Panel>>) -> Assertion {
    let expected = "4 panels with data, the queries of dashboard.toml, and the same in dashboard.grafana.json";
    let hint = "after a load run (python load.py 20): cargo xtask dashboard";
    let read = |file: &str| std::fs::read_to_string(ctx.work_dir.join(file));
    let observed = match (read(PAGE_FILE), read(GRAFANA_FILE), panels) {
        (Err(_), _, _) => format!("no {PAGE_FILE}"),
        (_, Err(_), _) => format!("no {GRAFANA_FILE}"),
        (_, _, Err(_)) => format!("{PANELS_FILE} does not parse"),
        (Ok(page), Ok(grafana), Ok(panels)) => {
            match (dashboard::rendered_panels(&page), dashboard::grafana_queries(&grafana)) {
                (Err(error), _) => format!("{PAGE_FILE}: {error:#}"),
                (_, Err(error)) => format!("{GRAFANA_FILE}: {error:#}"),
                (Ok(rendered), Ok(queries)) => {
                    let page_panels: Vec<&Panel> = rendered.iter().map(|r| &r.panel).collect();
                    let empty: Vec<&str> =
                        rendered.iter().filter(|r| r.series == 0).map(|r| r.panel.title.as_str()).collect();
                    let file_queries: Vec<&str> = panels.iter().map(|panel| panel.query.as_str()).collect();
                    if page_panels != panels.iter().collect::<Vec<_>>() {
                        "rendered from other queries than dashboard.toml's now: render again".to_owned()
                    } else if queries != file_queries {
                        format!("{GRAFANA_FILE} has other queries than dashboard.toml's")
                    } else if !empty.is_empty() {
                        format!("no data in: {}", empty.join(", "))
                    } else {
                        expected.to_owned()
                    }
                }
            }
        }
    };
    Assertion::equal(RENDERED, expected, observed, hint)
}

#[cfg(test)]
mod tests {
    use super::ratio;

    #[test]
    fn ratios_are_symmetric_and_zero_safe() {
        assert_eq!(ratio(2.0, 4.0), 2.0);
        assert_eq!(ratio(4.0, 2.0), 2.0);
        assert_eq!(ratio(0.0, 0.0), 1.0);
        assert!(ratio(0.0, 3.0).is_infinite());
    }
}
