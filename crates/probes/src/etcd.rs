//! Reading etcd through its v3 JSON gateway (`POST /v3/kv/range`), which every
//! etcd 3.4+ server and Milvus' embedded etcd serve on the client port.
//!
//! Why not the etcd-client crate: it generates its gRPC code with `protoc` at
//! build time, which a learner's machine would then need; reads are all checks do.

use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

pub struct Etcd {
    runtime: tokio::runtime::Runtime,
    client: reqwest::Client,
    endpoint: String,
}

impl Etcd {
    /// `endpoint` as etcdctl takes it, e.g. `127.0.0.1:2379`.
    pub fn connect(endpoint: &str) -> Result<Etcd> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().context("async runtime")?;
        let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().context("HTTP client")?;
        let endpoint = if endpoint.starts_with("http") { endpoint.to_owned() } else { format!("http://{endpoint}") };
        Ok(Etcd { runtime, client, endpoint })
    }

    /// Every key under `prefix`, sorted (what `etcdctl get --prefix --keys-only` lists).
    pub fn keys(&self, prefix: &str) -> Result<Vec<String>> {
        let mut keys: Vec<String> = self.range(prefix, true)?.into_iter().map(|(key, _)| key).collect();
        keys.sort();
        Ok(keys)
    }

    /// The value of one key, if it exists (what `etcdctl get <key> --print-value-only` prints).
    pub fn get(&self, key: &str) -> Result<Option<String>> {
        Ok(self.range(key, false)?.into_iter().find(|(k, _)| k == key).map(|(_, value)| value))
    }

    /// Keys and values under `prefix`, decoded from the gateway's base64.
    fn range(&self, prefix: &str, keys_only: bool) -> Result<Vec<(String, String)>> {
        let body = json!({
            "key": STANDARD.encode(prefix),
            "range_end": STANDARD.encode(prefix_end(prefix.as_bytes())),
            "keys_only": keys_only,
        });
        let url = format!("{}/v3/kv/range", self.endpoint);
        let response: Value = self.runtime.block_on(async {
            let response = self.client.post(&url).json(&body).send().await.with_context(|| format!("POST {url}"))?;
            let response = response.error_for_status().with_context(|| format!("POST {url}"))?;
            response.json().await.with_context(|| format!("decoding the answer of {url}"))
        })?;
        let decode = |field: Option<&Value>| -> Result<String> {
            let Some(text) = field.and_then(Value::as_str) else { return Ok(String::new()) };
            let bytes = STANDARD.decode(text).map_err(|e| anyhow!("etcd returned a field that is not base64: {e}"))?;
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        };
        let kvs = response.get("kvs").and_then(Value::as_array).cloned().unwrap_or_default();
        kvs.iter().map(|kv| Ok((decode(kv.get("key"))?, decode(kv.get("value"))?))).collect()
    }
}

/// The end of the key range covering every key that starts with `prefix`.
fn prefix_end(prefix: &[u8]) -> Vec<u8> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < 0xff {
            end.push(last + 1);
            return end;
        }
    }
    vec![0] // every key
}

#[cfg(test)]
mod tests {
    #[test]
    fn prefix_end_is_the_next_key_after_the_prefix() {
        assert_eq!(super::prefix_end(b"by-dev/meta/session/"), b"by-dev/meta/session0");
        assert_eq!(super::prefix_end(b"a\xff"), b"b");
        assert_eq!(super::prefix_end(b""), vec![0]);
    }
}
