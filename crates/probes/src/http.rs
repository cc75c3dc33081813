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
