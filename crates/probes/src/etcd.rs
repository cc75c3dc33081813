//! Reading etcd through its v3 JSON gateway (`POST /v3/kv/range`), which every
//! etcd 3.4+ server and Milvus' embedded etcd serve on the client port.
//!
//! Why not the etcd-client crate: it generates its gRPC code with `protoc` at
//! build time, which a learner's machine would then need; reads are all checks do.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// One member's sizes and positions (`etcdctl endpoint status -w json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EtcdStatus {
    /// Bytes the backend file takes on disk: what the quota is measured against.
    pub db_size: u64,
    /// The key space's revision: restored from a snapshot with its keys.
    pub revision: u64,
    /// The raft log's last index: a member restored from a snapshot starts a
    /// new log, so it falls behind the revision.
    pub raft_index: u64,
}

/// One member of an etcd cluster. A member added but never started has no
/// name and no client URLs yet, only its peer URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EtcdMember {
    pub name: String,
    pub peer_urls: Vec<String>,
    pub client_urls: Vec<String>,
}

/// What a TLS client of etcd trusts and presents.
pub struct EtcdTls<'a> {
    pub ca_pem: &'a Path,
    /// A client certificate and its key, for an etcd that requires one
    /// (`--client-cert-auth`).
    pub client: Option<(&'a Path, &'a Path)>,
}

pub struct Etcd {
    runtime: tokio::runtime::Runtime,
    client: reqwest::Client,
    endpoint: String,
}

impl Etcd {
    /// `endpoint` as etcdctl takes it, e.g. `127.0.0.1:2379`.
    pub fn connect(endpoint: &str) -> Result<Etcd> {
        let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().context("HTTP client")?;
        let endpoint = if endpoint.starts_with("http") { endpoint.to_owned() } else { format!("http://{endpoint}") };
        Etcd::with_client(client, endpoint)
    }

    /// Over TLS to `https://localhost:<port of endpoint>`, trusting only
    /// `etcd_tls.ca_pem`, and presenting `etcd_tls.client` if given (what
    /// `etcdctl --cacert --cert --key` does).
    pub fn connect_tls(endpoint: &str, etcd_tls: &EtcdTls) -> Result<Etcd> {
        let read = |path: &Path| std::fs::read(path).with_context(|| format!("cannot read {}", path.display()));
        let ca = reqwest::Certificate::from_pem(&read(etcd_tls.ca_pem)?)
            .with_context(|| format!("{} is not a PEM certificate", etcd_tls.ca_pem.display()))?;
        let mut builder = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .tls_built_in_root_certs(false)
            .add_root_certificate(ca);
        if let Some((certificate, key)) = etcd_tls.client {
            let mut pem = read(certificate)?;
            pem.extend(read(key)?);
            let identity = reqwest::Identity::from_pem(&pem).with_context(|| {
                format!("{} and {} are not a certificate and its key", certificate.display(), key.display())
            })?;
            builder = builder.identity(identity);
        }
        let client = builder.build().context("HTTPS client")?;
        let port = endpoint.rsplit(':').next().unwrap_or_default();
        Etcd::with_client(client, format!("https://localhost:{port}"))
    }

    fn with_client(client: reqwest::Client, endpoint: String) -> Result<Etcd> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().context("async runtime")?;
        Ok(Etcd { runtime, client, endpoint })
    }

    /// Every key under `prefix`, sorted (what `etcdctl get --prefix --keys-only` lists).
    pub fn keys(&self, prefix: &str) -> Result<Vec<String>> {
        let mut keys: Vec<String> = self.range(prefix, true)?.into_iter().map(|(key, _)| key).collect();
        keys.sort();
        Ok(keys)
    }

    /// Every key under `prefix` with its value, sorted by key (what `etcdctl get --prefix` prints).
    pub fn entries(&self, prefix: &str) -> Result<Vec<(String, String)>> {
        let mut entries = self.range(prefix, false)?;
        entries.sort();
        Ok(entries)
    }

    /// The value of one key, if it exists (what `etcdctl get <key> --print-value-only` prints).
    pub fn get(&self, key: &str) -> Result<Option<String>> {
        Ok(self.range(key, false)?.into_iter().find(|(k, _)| k == key).map(|(_, value)| value))
    }

    /// What `etcdctl endpoint status` shows: sizes and positions of this member.
    pub fn status(&self) -> Result<EtcdStatus> {
        let status = self.post("/v3/maintenance/status", json!({}))?;
        let number = |value: &Value| -> u64 {
            // The gateway writes 64-bit integers as JSON strings.
            value.as_str().and_then(|s| s.parse().ok()).or_else(|| value.as_u64()).unwrap_or(0)
        };
        Ok(EtcdStatus {
            db_size: number(&status["dbSize"]),
            revision: number(&status["header"]["revision"]),
            raft_index: number(&status["raftIndex"]),
        })
    }

    /// The cluster's members as `etcdctl member list` shows them, in its order.
    pub fn members(&self) -> Result<Vec<EtcdMember>> {
        let response = self.post("/v3/cluster/member/list", json!({}))?;
        let strings = |value: &Value| -> Vec<String> {
            value.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_owned)).collect()
        };
        let members = response["members"].as_array().cloned().unwrap_or_default();
        Ok(members
            .iter()
            .map(|member| EtcdMember {
                name: member["name"].as_str().unwrap_or_default().to_owned(),
                peer_urls: strings(&member["peerURLs"]),
                client_urls: strings(&member["clientURLs"]),
            })
            .collect())
    }

    /// The raised alarms, as `etcdctl alarm list` prints them (e.g. `NOSPACE`).
    pub fn alarms(&self) -> Result<Vec<String>> {
        let response = self.post("/v3/maintenance/alarm", json!({ "action": "GET" }))?;
        let alarms = response["alarms"].as_array().cloned().unwrap_or_default();
        Ok(alarms.iter().filter_map(|alarm| alarm["alarm"].as_str().map(str::to_owned)).collect())
    }

    /// Writes one key. The error carries etcd's own message, such as
    /// `etcdserver: mvcc: database space exceeded`.
    pub fn put(&self, key: &str, value: &[u8]) -> Result<()> {
        self.post("/v3/kv/put", json!({ "key": STANDARD.encode(key), "value": STANDARD.encode(value) }))?;
        Ok(())
    }

    fn post(&self, path: &str, body: Value) -> Result<Value> {
        let url = format!("{}{path}", self.endpoint);
        self.runtime.block_on(async {
            let response = self.client.post(&url).json(&body).send().await.with_context(|| format!("POST {url}"))?;
            let status = response.status();
            let answer: Value = response.json().await.with_context(|| format!("decoding the answer of {url}"))?;
            match answer.get("error").or_else(|| answer.get("message")).and_then(Value::as_str) {
                Some(message) if !status.is_success() => Err(anyhow!("{message}")),
                _ if !status.is_success() => Err(anyhow!("POST {url}: HTTP {status}")),
                _ => Ok(answer),
            }
        })
    }

    /// Keys and values under `prefix`, decoded from the gateway's base64.
    fn range(&self, prefix: &str, keys_only: bool) -> Result<Vec<(String, String)>> {
        let body = json!({
            "key": STANDARD.encode(prefix),
            "range_end": STANDARD.encode(prefix_end(prefix.as_bytes())),
            "keys_only": keys_only,
        });
        let response = self.post("/v3/kv/range", body)?;
        let decode = |field: Option<&Value>| -> Result<String> {
            let Some(text) = field.and_then(Value::as_str) else { return Ok(String::new()) };
            let bytes = STANDARD.decode(text).map_err(|e| anyhow!("etcd returned a field that is not base64: {e}"))?;
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        };
        let kvs = response.get("kvs").and_then(Value::as_array).cloned().unwrap_or_default();
        kvs.iter().map(|kv| Ok((decode(kv.get("key"))?, decode(kv.get("value"))?))).collect()
    }
}

/// `etcdctl snapshot save` appends the SHA-256 of the database it wrote; a copy
/// of the live file has none, and `etcdutl snapshot restore` refuses it.
const CHECKSUM_BYTES: usize = 32;

/// Whether `bytes` end with the SHA-256 of what precedes them.
pub fn etcd_snapshot_verdict(bytes: &[u8]) -> std::result::Result<String, String> {
    if bytes.len() <= CHECKSUM_BYTES {
        return Err(format!("{} bytes: too small for an etcd snapshot", bytes.len()));
    }
    let (database, checksum) = bytes.split_at(bytes.len() - CHECKSUM_BYTES);
    if Sha256::digest(database).as_slice() == checksum {
        Ok("a database followed by its SHA-256".to_owned())
    } else {
        Err("no SHA-256 at the end: not written by `etcdctl snapshot save`".to_owned())
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
    use sha2::{Digest, Sha256};

    #[test]
    fn a_snapshot_ends_with_the_hash_of_its_database() {
        let mut snapshot = b"bbolt pages".repeat(10);
        let hash = Sha256::digest(&snapshot);
        assert!(super::etcd_snapshot_verdict(&snapshot).is_err(), "no checksum yet");
        snapshot.extend_from_slice(&hash);
        assert!(super::etcd_snapshot_verdict(&snapshot).is_ok());
    }

    #[test]
    fn prefix_end_is_the_next_key_after_the_prefix() {
        assert_eq!(super::prefix_end(b"by-dev/meta/session/"), b"by-dev/meta/session0");
        assert_eq!(super::prefix_end(b"a\xff"), b"b");
        assert_eq!(super::prefix_end(b""), vec![0]);
    }
}
