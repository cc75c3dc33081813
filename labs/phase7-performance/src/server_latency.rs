//! Latency from the server's side: the proxy's own search histogram, read
//! the way Prometheus' `histogram_quantile` reads it, against the client's
//! stopwatch. The check computes the same quantile from the live metrics.

use anyhow::{Context, Result};
use lab_framework::probes::{CollectionSpec, get, histogram_quantile};
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight, answer};
use serde::Deserialize;
use serde_json::json;

pub struct ServerLatency;

// The check's assertions, in report order; the book lists them from `META`.
const LOAD_RAN: &str = "the server recorded the load: 300 searches or more";
const ANSWER_SEARCHES: &str = "latency.toml: searches (the histogram's _count)";
const ANSWER_SERVER_P90: &str = "latency.toml: server_p90_ms, as histogram_quantile(0.9) computes it (± 1 %)";
const CLIENT_SEES_MORE: &str = "latency.toml: the client's p90 is at least the server's";

static META: LabMeta = LabMeta {
    id: "phase7/server-latency",
    title: "Latency from the server's side: the proxy's histogram, not a stopwatch",
    phase: 7,
    mode: Mode::Standalone,
    weight: Weight::STANDALONE,
    minutes: 25,
    components: &["proxy", "querynode"],
    // The histogram's name and labels are read from 2.3.5's /metrics.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::STANDALONE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[LOAD_RAN, ANSWER_SEARCHES, ANSWER_SERVER_P90, CLIENT_SEES_MORE],
};

const DOCS: CollectionSpec =
    CollectionSpec { name: "docs", primary_key: "id", vector_field: "v", dimension: 64, scalar_fields: &[] };
const ROWS: i64 = 20_000;
const LOAD_SEARCHES: u64 = 300;
const HISTOGRAM: &str = "milvus_proxy_sq_latency";
const SEARCH_LABEL: &str = "query_type=\"search\"";

/// `latency.toml`: the learner's reading of the server and of their client.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Latency {
    searches: u64,
    server_p90_ms: f64,
    client_p90_ms: f64,
}

impl Lab for ServerLatency {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        let milvus = ctx.milvus()?;
        if milvus.has_collection(DOCS.name)? {
            return Ok(());
        }
        milvus.create_collection_flat_l2(&DOCS)?;
        for batch in 0..2 {
            let rows = (batch * ROWS / 2..(batch + 1) * ROWS / 2)
                .map(|id| {
                    let vector: Vec<f32> = (0..64).map(|k| ((id * 64 + k) as f32 * 0.618).fract()).collect();
                    json!({"id": id, "v": vector})
                })
                .collect();
            milvus.insert_rows(DOCS.name, rows)?;
        }
        milvus.flush(&[DOCS.name])?;
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let http = ctx.fixture.endpoints.http.as_deref().context("this deployment publishes no metrics endpoint")?;
        let metrics = get(&format!("{http}/metrics"), None)?.body;
        let searches = search_count(&metrics);
        let server_p90 = histogram_quantile(&metrics, HISTOGRAM, SEARCH_LABEL, 0.9);
        let latency = ctx.answers::<Latency>("latency.toml");
        let server_text = server_p90.map_or("no searches recorded".to_owned(), |p90| format!("{p90:.3} ms"));
        Ok(vec![
            Assertion::that(
                LOAD_RAN,
                searches >= LOAD_SEARCHES,
                format!("{LOAD_SEARCHES} or more"),
                searches,
                "run `python search_load.py`: the server records what it serves",
            ),
            Assertion::that(
                ANSWER_SEARCHES,
                latency.as_ref().is_ok_and(|latency| latency.searches == searches),
                searches,
                answer(&latency, |latency| latency.searches.to_string()),
                "milvus_proxy_sq_latency_count{query_type=\"search\"}, read after the load",
            ),
            Assertion::that(
                ANSWER_SERVER_P90,
                matches!((&latency, server_p90), (Ok(latency), Some(p90)) if (latency.server_p90_ms - p90).abs() <= p90 * 0.01),
                &server_text,
                answer(&latency, |latency| format!("{:.3} ms", latency.server_p90_ms)),
                "find the bucket where the cumulative count passes 0.9 x _count, and interpolate inside it",
            )
            .measured(),
            Assertion::that(
                CLIENT_SEES_MORE,
                matches!((&latency, server_p90), (Ok(latency), Some(p90)) if latency.client_p90_ms >= p90),
                format!("client p90 ≥ {server_text}"),
                answer(&latency, |latency| format!("{:.3} ms", latency.client_p90_ms)),
                "the client's time includes the network and the SDK; search_load.py prints it",
            )
            .measured(),
        ])
    }
}

/// The searches the proxy has recorded since it started (`_count`).
fn search_count(metrics: &str) -> u64 {
    let prefix = format!("{HISTOGRAM}_count{{");
    metrics
        .lines()
        .filter_map(|line| line.strip_prefix(&prefix))
        .filter(|rest| rest.contains(SEARCH_LABEL))
        .filter_map(|rest| rest.rsplit_once('}')?.1.trim().parse::<f64>().ok())
        .sum::<f64>() as u64
}

#[cfg(test)]
mod tests {
    #[test]
    fn searches_are_counted_from_the_search_series_only() {
        let text = "milvus_proxy_sq_latency_count{node_id=\"1\",query_type=\"search\"} 300\n\
                    milvus_proxy_sq_latency_count{node_id=\"1\",query_type=\"query\"} 9\n";
        assert_eq!(super::search_count(text), 300);
    }
}
