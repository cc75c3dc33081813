//! Reading an S3-compatible object store (MinIO, nanio) with the rust-s3 client.

use anyhow::{Context, Result};
use s3::creds::Credentials;
use s3::{Bucket, Region};

pub struct ObjectStore {
    runtime: tokio::runtime::Runtime,
    region: Region,
    credentials: Credentials,
}

impl ObjectStore {
    /// `endpoint` like `http://127.0.0.1:40127`; path-style requests, as MinIO expects.
    pub fn connect(endpoint: &str, access_key: &str, secret_key: &str) -> Result<ObjectStore> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().context("async runtime")?;
        let region = Region::Custom { region: "us-east-1".into(), endpoint: endpoint.to_owned() };
        let credentials = Credentials::new(Some(access_key), Some(secret_key), None, None, None)
            .context("object-store credentials")?;
        Ok(ObjectStore { runtime, region, credentials })
    }

    /// The buckets' names, sorted.
    pub fn buckets(&self) -> Result<Vec<String>> {
        let response = self
            .runtime
            .block_on(Bucket::list_buckets(self.region.clone(), self.credentials.clone()))
            .context("listing buckets")?;
        let mut names: Vec<String> = response.bucket_names().collect();
        names.sort();
        Ok(names)
    }

    /// Every object key under `prefix` in `bucket`, sorted.
    pub fn keys(&self, bucket: &str, prefix: &str) -> Result<Vec<String>> {
        let bucket = Bucket::new(bucket, self.region.clone(), self.credentials.clone())
            .with_context(|| format!("bucket {bucket}"))?
            .with_path_style();
        let pages = self
            .runtime
            .block_on(bucket.list(prefix.to_owned(), None))
            .with_context(|| format!("listing {}/{prefix}", bucket.name()))?;
        let mut keys: Vec<String> = pages.into_iter().flat_map(|page| page.contents).map(|object| object.key).collect();
        keys.sort();
        Ok(keys)
    }
}
