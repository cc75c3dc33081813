//! Plain HTTP GETs against Milvus' HTTP port (`/healthz`, `/metrics`).

use std::time::Duration;

use anyhow::{Context, Result};

#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: u16,
    pub body: String,
}

/// GETs `url`, with an optional `Content-Type` header (Milvus' `/healthz`
/// answers JSON when asked for it).
pub fn get(url: &str, content_type: Option<&str>) -> Result<HttpResponse> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().context("async runtime")?;
    runtime.block_on(async {
        let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().context("HTTP client")?;
        let mut request = client.get(url);
        if let Some(content_type) = content_type {
            request = request.header("Content-Type", content_type);
        }
        let response = request.send().await.with_context(|| format!("GET {url}"))?;
        let status = response.status().as_u16();
        let body = response.text().await.with_context(|| format!("reading the body of {url}"))?;
        Ok(HttpResponse { status, body })
    })
}

/// Whether Milvus' `GET <http_base>/healthz` answers 200 with `OK`.
pub fn healthz_ok(http_base: &str) -> bool {
    get(&format!("{http_base}/healthz"), None).is_ok_and(|r| r.status == 200 && r.body.trim() == "OK")
}

/// What Milvus' `GET <http_base>/log/level` reports: the level, or the
/// status and body of an answer that names none. An error only when nothing
/// answered.
pub fn log_level(http_base: &str) -> Result<String> {
    let response = get(&format!("{http_base}/log/level"), None)?;
    Ok(serde_json::from_str::<serde_json::Value>(&response.body)
        .ok()
        .and_then(|body| body["level"].as_str().map(str::to_owned))
        .unwrap_or_else(|| format!("HTTP {}: {}", response.status, response.body.trim())))
}

/// The sum of every sample of metric `name` in a Prometheus text exposition
/// (all its label sets), or `None` when the metric has no sample.
pub fn metric_sum(exposition: &str, name: &str) -> Option<f64> {
    let mut samples = exposition.lines().filter_map(|line| {
        let rest = line.strip_prefix(name)?;
        // `name{labels} value` or `name value`; not a longer name that starts with it.
        let value = if rest.starts_with('{') { rest.rsplit_once('}')?.1 } else { rest.strip_prefix(' ')? };
        value.split_whitespace().next()?.parse::<f64>().ok()
    });
    let first = samples.next()?;
    Some(first + samples.sum::<f64>())
}

/// The `q` quantile of histogram `name` as Prometheus' `histogram_quantile`
/// computes it from the cumulative `_bucket` samples whose labels contain
/// `label` (such as `query_type="search"`): linear within the bucket that
/// holds the rank, the last finite bound when the rank is in `+Inf`. `None`
/// when the histogram has no observation.
pub fn histogram_quantile(exposition: &str, name: &str, label: &str, q: f64) -> Option<f64> {
    let prefix = format!("{name}_bucket{{");
    let mut buckets: Vec<(f64, f64)> = exposition
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix(&prefix)?;
            let (labels, value) = rest.rsplit_once('}')?;
            if !labels.contains(label) {
                return None;
            }
            let bound = labels.split(',').find_map(|pair| pair.strip_prefix("le=\""))?.trim_end_matches('"');
            let bound = if bound == "+Inf" { f64::INFINITY } else { bound.parse().ok()? };
            Some((bound, value.trim().parse().ok()?))
        })
        .collect();
    buckets.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total = buckets.last()?.1;
    if total <= 0.0 {
        return None;
    }
    let rank = q * total;
    let (mut lower, mut below) = (0.0, 0.0);
    for (bound, cumulative) in buckets {
        if cumulative >= rank {
            if bound.is_infinite() {
                return Some(lower);
            }
            return Some(lower + (bound - lower) * (rank - below) / (cumulative - below));
        }
        (lower, below) = (bound, cumulative);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::metric_sum;

    #[test]
    fn a_metric_sums_over_its_label_sets_and_not_over_longer_names() {
        let text = "# HELP x\nmilvus_querynode_entity_num{partition_id=\"1\"} 3000\nmilvus_querynode_entity_num{partition_id=\"2\"} 0\nmilvus_querynode_entity_num_total 7\nother 1\n";
        assert_eq!(metric_sum(text, "milvus_querynode_entity_num"), Some(3000.0));
        assert_eq!(metric_sum(text, "absent"), None);
    }

    #[test]
    fn a_quantile_interpolates_in_its_bucket_as_prometheus_does() {
        let text = "h_bucket{t=\"search\",le=\"1\"} 50\nh_bucket{t=\"search\",le=\"2\"} 90\nh_bucket{t=\"search\",le=\"4\"} 100\n\
                    h_bucket{t=\"search\",le=\"+Inf\"} 100\nh_bucket{t=\"query\",le=\"+Inf\"} 7\n";
        // Rank 95 lies in (2, 4], which holds ranks 90..100: halfway.
        assert_eq!(super::histogram_quantile(text, "h", "t=\"search\"", 0.95), Some(3.0));
        assert_eq!(super::histogram_quantile(text, "h", "t=\"search\"", 0.25), Some(0.5));
        assert_eq!(super::histogram_quantile(text, "h", "t=\"absent\"", 0.5), None);
        let overflow = "h_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 10\n";
        assert_eq!(super::histogram_quantile(overflow, "h", "", 0.9), Some(1.0));
    }
}
