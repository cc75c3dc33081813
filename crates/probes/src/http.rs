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

#[cfg(test)]
mod tests {
    use super::metric_sum;

    #[test]
    fn a_metric_sums_over_its_label_sets_and_not_over_longer_names() {
        let text = "# HELP x\nmilvus_querynode_entity_num{partition_id=\"1\"} 3000\nmilvus_querynode_entity_num{partition_id=\"2\"} 0\nmilvus_querynode_entity_num_total 7\nother 1\n";
        assert_eq!(metric_sum(text, "milvus_querynode_entity_num"), Some(3000.0));
        assert_eq!(metric_sum(text, "absent"), None);
    }
}
