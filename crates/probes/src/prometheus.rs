//! Prometheus' HTTP API: instant and range queries, and the scrape targets' health.

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};
use serde_json::Value;

/// A Prometheus server, by the base URL of its HTTP API.
pub struct Prometheus {
    base: String,
}

/// One series of an instant query's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub labels: BTreeMap<String, String>,
    pub value: f64,
}

/// One series of a range query's result: `(unix seconds, value)` points.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub labels: BTreeMap<String, String>,
    pub points: Vec<(f64, f64)>,
}

/// One scrape target as Prometheus reports it (`/api/v1/targets`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub job: String,
    /// `host:port` it scrapes.
    pub instance: String,
    /// `up`, `down` or `unknown` (not scraped yet).
    pub health: String,
    /// Why the last scrape failed; empty when it did not.
    pub last_error: String,
}

impl Prometheus {
    pub fn new(base: &str) -> Prometheus {
        Prometheus { base: base.trim_end_matches('/').to_owned() }
    }

    /// Evaluates `expr` now. An expression Prometheus refuses is an error with
    /// its own words.
    pub fn query(&self, expr: &str) -> Result<Vec<Sample>> {
        let url = format!("{}/api/v1/query?query={}", self.base, encode(expr));
        let data = self.data(&url)?;
        parse_vector(&data).with_context(|| format!("the result of `{expr}`"))
    }

    /// Evaluates `expr` at `time` (unix seconds), so several queries see the same instant.
    pub fn query_at(&self, expr: &str, time: f64) -> Result<Vec<Sample>> {
        let url = format!("{}/api/v1/query?query={}&time={time:.3}", self.base, encode(expr));
        let data = self.data(&url)?;
        parse_vector(&data).with_context(|| format!("the result of `{expr}`"))
    }

    /// Evaluates `expr` every `step_seconds` from `start` to `end` (unix seconds).
    pub fn query_range(&self, expr: &str, start: f64, end: f64, step_seconds: u32) -> Result<Vec<Series>> {
        let url = format!(
            "{}/api/v1/query_range?query={}&start={start:.3}&end={end:.3}&step={step_seconds}",
            self.base,
            encode(expr)
        );
        let data = self.data(&url)?;
        parse_matrix(&data).with_context(|| format!("the result of `{expr}`"))
    }

    /// Every active target, in Prometheus' order.
    pub fn targets(&self) -> Result<Vec<Target>> {
        let data = self.data(&format!("{}/api/v1/targets?state=active", self.base))?;
        let targets = data["activeTargets"].as_array().context("no activeTargets in /api/v1/targets")?;
        Ok(targets
            .iter()
            .map(|target| {
                let text = |value: &Value| value.as_str().unwrap_or_default().to_owned();
                Target {
                    job: text(&target["labels"]["job"]),
                    instance: text(&target["labels"]["instance"]),
                    health: text(&target["health"]),
                    last_error: text(&target["lastError"]),
                }
            })
            .collect())
    }

    fn data(&self, url: &str) -> Result<Value> {
        let response = crate::http::get(url, None)?;
        let body: Value = serde_json::from_str(&response.body)
            .with_context(|| format!("{url} answered {} without JSON: {}", response.status, response.body.trim()))?;
        if body["status"] != "success" {
            bail!("{}", body["error"].as_str().unwrap_or(response.body.trim()));
        }
        Ok(body["data"].clone())
    }
}

/// A sample's value: Prometheus sends `[time, "value"]`.
fn number(pair: &Value) -> Result<f64> {
    let text = pair.get(1).and_then(Value::as_str).context("a sample without a value")?;
    text.parse::<f64>().with_context(|| format!("a sample value `{text}`"))
}

fn labels(series: &Value) -> BTreeMap<String, String> {
    series["metric"]
        .as_object()
        .map(|map| map.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned())).collect())
        .unwrap_or_default()
}

/// A range query's matrix, as series of points.
fn parse_matrix(data: &Value) -> Result<Vec<Series>> {
    if data["resultType"] != "matrix" {
        bail!("a result of type {}; a range query returns a matrix", data["resultType"]);
    }
    let result = data["result"].as_array().context("a matrix without a result")?;
    result
        .iter()
        .map(|series| {
            let values = series["values"].as_array().context("a series without values")?;
            let points = values
                .iter()
                .map(|pair| Ok((pair.get(0).and_then(Value::as_f64).context("a point without a time")?, number(pair)?)))
                .collect::<Result<_>>()?;
            Ok(Series { labels: labels(series), points })
        })
        .collect()
}

/// An instant vector (`resultType` `vector`) or a scalar, as samples.
fn parse_vector(data: &Value) -> Result<Vec<Sample>> {
    match data["resultType"].as_str() {
        Some("vector") => data["result"]
            .as_array()
            .context("a vector without a result")?
            .iter()
            .map(|series| Ok(Sample { labels: labels(series), value: number(&series["value"])? }))
            .collect(),
        Some("scalar") => Ok(vec![Sample { labels: BTreeMap::new(), value: number(&data["result"])? }]),
        other => bail!("a result of type {other:?}; write an instant vector"),
    }
}

/// Percent-encodes a query for the URL (everything but unreserved characters).
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_instant_vector_and_a_scalar() {
        let data: Value = serde_json::from_str(
            r#"{"resultType":"vector","result":[{"metric":{"__name__":"up","job":"milvus"},"value":[1.5,"1"]}]}"#,
        )
        .unwrap();
        let samples = parse_vector(&data).unwrap();
        assert_eq!(samples.len(), 1);
        assert_eq!(samples[0].labels["job"], "milvus");
        assert_eq!(samples[0].value, 1.0);
        let scalar: Value = serde_json::from_str(r#"{"resultType":"scalar","result":[1.5,"4.02"]}"#).unwrap();
        assert_eq!(parse_vector(&scalar).unwrap()[0].value, 4.02);
    }

    #[test]
    fn reads_a_matrix() {
        let data: Value = serde_json::from_str(
            r#"{"resultType":"matrix","result":[{"metric":{"job":"milvus"},"values":[[10,"1"],[12.5,"NaN"]]}]}"#,
        )
        .unwrap();
        let series = parse_matrix(&data).unwrap();
        assert_eq!(series[0].labels["job"], "milvus");
        assert_eq!(series[0].points[0], (10.0, 1.0));
        assert!(series[0].points[1].1.is_nan());
    }

    #[test]
    fn encodes_a_query() {
        assert_eq!(encode(r#"up{job="milvus"} == 1"#), "up%7Bjob%3D%22milvus%22%7D%20%3D%3D%201");
    }
}
