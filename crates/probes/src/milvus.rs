//! A blocking Milvus client for checks, built on the official Rust SDK.
//!
//! Only raw id/score accessors are used for search results: Milvus 2.3.5 does
//! not fill `primary_field_name`, which breaks the SDK's typed row decoding.

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use milvus::v2::prelude::*;
use serde_json::{Map, Value};

/// Whether the server implements an API call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Capability {
    Supported,
    /// The server answered with gRPC `Unimplemented`.
    Unsupported,
}

impl Capability {
    pub fn as_str(&self) -> &'static str {
        match self {
            Capability::Supported => "supported",
            Capability::Unsupported => "unsupported",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSummary {
    pub name: String,
    /// The SDK's name of the data type, such as `Int64` or `FloatVector`.
    pub data_type: String,
    /// Vector dimension; 0 for scalar fields.
    pub dimension: u32,
    pub primary_key: bool,
    /// A VARCHAR's `max_length`; 0 for other types.
    pub max_length: u32,
    pub partition_key: bool,
}

/// What a TLS client trusts and presents (`Milvus::connect_tls`).
pub struct Tls<'a> {
    pub ca_pem: &'a std::path::Path,
    /// The name the server's certificate must be valid for.
    pub server_name: &'a str,
    /// A client certificate and its key, for mutual TLS.
    pub client: Option<(&'a std::path::Path, &'a std::path::Path)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionSummary {
    pub name: String,
    /// The collection's id: its keys in etcd and its folders in object storage carry it.
    pub id: i64,
    pub fields: Vec<FieldSummary>,
    /// The collection's default consistency level, e.g. `Bounded`.
    pub consistency_level: String,
    pub num_shards: i64,
    pub dynamic_field: bool,
    pub auto_id: bool,
    /// Collection properties, e.g. `collection.autocompaction.enabled`.
    pub properties: BTreeMap<String, String>,
}

impl CollectionSummary {
    pub fn field(&self, name: &str) -> Option<&FieldSummary> {
        self.fields.iter().find(|f| f.name == name)
    }

    pub fn primary_key(&self) -> Option<&FieldSummary> {
        self.fields.iter().find(|f| f.primary_key)
    }

    pub fn vector_field(&self) -> Option<&FieldSummary> {
        self.fields.iter().find(|f| f.dimension > 0)
    }
}

/// A scalar field type for [`CollectionSpec`].
#[derive(Debug, Clone, Copy)]
pub enum ScalarKind {
    Int64,
    Double,
    VarChar { max_length: u32 },
}

/// A collection with an INT64 primary key, one FLOAT_VECTOR field and scalar fields.
#[derive(Debug, Clone, Copy)]
pub struct CollectionSpec {
    pub name: &'static str,
    pub primary_key: &'static str,
    pub vector_field: &'static str,
    pub dimension: u32,
    pub scalar_fields: &'static [(&'static str, ScalarKind)],
}

/// What `describe_index` says of a field's index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexSummary {
    /// Such as `HNSW` or `IVF_FLAT`.
    pub index_type: String,
    pub metric_type: String,
    /// Build parameters, such as `M` and `efConstruction`.
    pub params: std::collections::HashMap<String, String>,
    /// `Finished` once every row is indexed.
    pub state: String,
    pub indexed_rows: i64,
    pub total_rows: i64,
}

/// One bulk-import task as the server lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportTask {
    /// `Completed`, `Failed`, `Pending`, ...
    pub state: String,
    pub row_count: i64,
    /// The object keys the task read, comma-separated.
    pub files: String,
    pub failed_reason: String,
    /// `true` when the task read binlogs (a backup's segments), not row files.
    pub backup: bool,
}

/// A connection to one Milvus server (Lite, standalone or a proxy).
/// How long a TCP connect to Milvus may take. A refused connection fails at
/// once whatever this is; 2 s once timed out in CI while six trials loaded
/// the machine and Docker's port proxy (phase9/backup-misses' seed).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Milvus {
    runtime: tokio::runtime::Runtime,
    client: ClientV2,
    uri: String,
    /// `user:password`, for calls made outside the SDK's clients.
    token: Option<String>,
}

/// Largest page a single query may return (Milvus' `maxQueryResultWindow`).
const QUERY_PAGE: i64 = 16_384;

impl Milvus {
    /// Connects and proves the server answers a real call (`has_collection`;
    /// `list_collections` cannot be used: Lite omits collection ids, which the SDK rejects).
    pub fn connect(uri: &str) -> Result<Self> {
        Milvus::connect_as(uri, Some("root:Milvus"))
    }

    /// Like `connect`, with `token` (`user:password`), or with no credentials
    /// at all: what a client that never logs in sees.
    pub fn connect_as(uri: &str, token: Option<&str>) -> Result<Self> {
        let mut config = ConnectConfig::new().uri(uri);
        if let Some(token) = token {
            config = config.token(token);
        }
        Milvus::connect_with(uri, token, config)
    }

    /// Connects over TLS as root: the server's certificate must chain to
    /// `tls.ca_pem` and be valid for `tls.server_name`, and with
    /// `tls.client` the client proves itself with a certificate (mutual TLS).
    pub fn connect_tls(uri: &str, tls: &Tls) -> Result<Self> {
        let token = "root:Milvus";
        let mut config = ConnectConfig::new()
            .uri(uri)
            .token(token)
            .ca_certificate(tls.ca_pem.display().to_string())
            .tls_server_name(tls.server_name);
        if let Some((certificate, key)) = tls.client {
            config = config.client_certificate(certificate.display().to_string()).client_key(key.display().to_string());
        }
        Milvus::connect_with(uri, Some(token), config)
    }

    fn connect_with(uri: &str, token: Option<&str>, config: ConnectConfig) -> Result<Self> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot start the async runtime for the Milvus client")?;
        let config = config
            .connect_timeout(CONNECT_TIMEOUT)
            .rpc_timeout(Duration::from_secs(30))
            // Callers poll for readiness themselves; SDK retries would only hide the wait.
            .retry(RetryConfig::new().max_attempts(1));
        let client =
            runtime.block_on(ClientV2::new(&config)).with_context(|| format!("cannot connect to Milvus at {uri}"))?;
        let milvus = Milvus { runtime, client, uri: uri.to_owned(), token: token.map(str::to_owned) };
        milvus.has_collection("milvus_labs_readiness_probe")?;
        Ok(milvus)
    }

    pub fn uri(&self) -> &str {
        &self.uri
    }

    pub fn has_collection(&self, name: &str) -> Result<bool> {
        let request = HasCollectionRequest::builder().collection_name(name).build()?;
        let response = self
            .runtime
            .block_on(self.client.has_collection(request))
            .with_context(|| format!("has_collection {name} on {}", self.uri))?;
        Ok(response.exists())
    }

    /// The version string the server reports, e.g. `v2.3.5-lite`.
    pub fn server_version(&self) -> Result<String> {
        let request = GetServerVersionRequest::builder().build()?;
        let response = self
            .runtime
            .block_on(self.client.server_version(request))
            .with_context(|| format!("server_version on {}", self.uri))?;
        Ok(response.version().to_owned())
    }

    pub fn describe_collection(&self, name: &str) -> Result<CollectionSummary> {
        let request = DescribeCollectionRequest::builder().collection_name(name).build()?;
        let response = self
            .runtime
            .block_on(self.client.describe_collection(request))
            .with_context(|| format!("describe_collection {name}"))?;
        let description = response.description();
        let fields = description
            .get_schema()
            .get_fields()
            .iter()
            .map(|field| FieldSummary {
                name: field.get_name().to_owned(),
                data_type: format!("{:?}", field.get_data_type()),
                dimension: field.get_dimension(),
                primary_key: field.is_primary_key(),
                max_length: field.get_max_length(),
                partition_key: field.is_partition_key(),
            })
            .collect();
        Ok(CollectionSummary {
            name: name.to_owned(),
            id: description.get_collection_id(),
            fields,
            consistency_level: description.consistency_level_name().to_owned(),
            num_shards: description.get_num_shards(),
            dynamic_field: description.is_dynamic_field_enabled(),
            auto_id: description.get_auto_id(),
            properties: description.get_properties().iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        })
    }

    pub fn databases(&self) -> Result<Vec<String>> {
        let request = milvus::v2::request::database::ListDatabasesRequest::builder().build()?;
        let response = self.runtime.block_on(self.client.list_databases(request)).context("list_databases")?;
        Ok(response.database_names().to_vec())
    }

    /// The collections of `database`, named on the request: 2.3 has no
    /// `DescribeDatabase`, which `use_database` calls (not for Lite, whose
    /// answer the SDK rejects).
    pub fn collections_in(&self, database: &str) -> Result<Vec<String>> {
        let request = ListCollectionsRequest::builder().database_name(database).build()?;
        let response = self
            .runtime
            .block_on(self.client.list_collections(request))
            .with_context(|| format!("list_collections in {database}"))?;
        Ok(response.collection_names().to_vec())
    }

    pub fn partitions(&self, collection: &str) -> Result<Vec<String>> {
        let request = ListPartitionsRequest::builder().collection_name(collection).build()?;
        let response = self
            .runtime
            .block_on(self.client.list_partitions(request))
            .with_context(|| format!("list_partitions {collection}"))?;
        Ok(response.partition_names().to_vec())
    }

    pub fn create_partition(&self, collection: &str, partition: &str) -> Result<()> {
        let request =
            CreatePartitionRequest::builder().collection_name(collection).partition_name(partition).build()?;
        self.runtime
            .block_on(self.client.create_partition(request))
            .with_context(|| format!("create_partition {collection}/{partition}"))?;
        Ok(())
    }

    /// Releases and drops a partition (a partition made in a loaded
    /// collection is loaded with it, and a loaded one cannot be dropped).
    pub fn drop_partition(&self, collection: &str, partition: &str) -> Result<()> {
        let request =
            ReleasePartitionsRequest::builder().collection_name(collection).partition_names([partition]).build()?;
        self.runtime
            .block_on(self.client.release_partitions(request))
            .with_context(|| format!("release_partitions {collection}/{partition}"))?;
        let request = DropPartitionRequest::builder().collection_name(collection).partition_name(partition).build()?;
        self.runtime
            .block_on(self.client.drop_partition(request))
            .with_context(|| format!("drop_partition {collection}/{partition}"))?;
        Ok(())
    }

    /// The index on `field`, or `None` when the field has none.
    pub fn index(&self, collection: &str, field: &str) -> Result<Option<IndexSummary>> {
        let request = DescribeIndexRequest::builder().collection_name(collection).field_name(field).build()?;
        let response = match self.runtime.block_on(self.client.describe_index(request)) {
            Ok(response) => response,
            Err(error) if error.to_string().contains("index not found") => return Ok(None),
            Err(error) => {
                return Err(anyhow::Error::from(error).context(format!("describe_index {collection}.{field}")));
            }
        };
        Ok(response.indexes().first().map(|index| IndexSummary {
            index_type: milvus_index_name(index.get_index_type()),
            metric_type: format!("{:?}", index.get_metric_type()).to_uppercase(),
            params: index.get_extra_params().clone(),
            state: format!("{:?}", index.get_state()),
            indexed_rows: index.get_indexed_rows(),
            total_rows: index.get_total_rows(),
        }))
    }

    pub fn load_collection(&self, collection: &str) -> Result<()> {
        self.load_replicated(collection, 1)
    }

    /// Loads `collection` as `replicas` in-memory copies, each on query nodes
    /// of its own (a replica group).
    pub fn load_replicated(&self, collection: &str, replicas: i32) -> Result<()> {
        let request = LoadCollectionRequest::builder().collection_name(collection).replica_number(replicas).build()?;
        self.runtime
            .block_on(self.client.load_collection(request))
            .with_context(|| format!("load_collection {collection}"))?;
        Ok(())
    }

    /// The query nodes of each in-memory replica of `collection` (GetReplicas).
    pub fn replica_nodes(&self, collection: &str) -> Result<Vec<Vec<i64>>> {
        Ok(self.replicas(collection)?.iter().map(|replica| replica.get_node_ids().to_vec()).collect())
    }

    /// The query node leading each shard (DML channel) of `collection`, in every
    /// replica: the node that takes a search first and asks the others.
    pub fn shard_leaders(&self, collection: &str) -> Result<Vec<i64>> {
        let replicas = self.replicas(collection)?;
        Ok(replicas.iter().flat_map(|replica| replica.get_shards().iter().map(|shard| shard.get_leader_id())).collect())
    }

    /// Each shard of `collection`'s first replica: its DML channel (vchannel)
    /// and the query node leading it, sorted by channel.
    pub fn shard_leaders_by_channel(&self, collection: &str) -> Result<Vec<(String, i64)>> {
        let replicas = self.replicas(collection)?;
        let replica = replicas.first().with_context(|| format!("{collection} is not loaded: it has no replica"))?;
        let mut shards: Vec<(String, i64)> =
            replica.get_shards().iter().map(|s| (s.get_channel_name().to_owned(), s.get_leader_id())).collect();
        shards.sort();
        Ok(shards)
    }

    fn replicas(&self, collection: &str) -> Result<Vec<milvus::v2::types::ReplicaInfo>> {
        let request = DescribeReplicasRequest::builder().collection_name(collection).build()?;
        let response = self
            .runtime
            .block_on(self.client.describe_replicas(request))
            .with_context(|| format!("describe_replicas {collection}"))?;
        Ok(response.replicas().to_vec())
    }

    /// `get_load_state` of a collection, or of some of its partitions: `Loaded`,
    /// `Loading`, `NotLoad` or `NotExist`.
    pub fn load_state(&self, collection: &str, partitions: &[&str]) -> Result<String> {
        let request = GetLoadStateRequest::builder()
            .collection_name(collection)
            .partition_names(partitions.iter().copied())
            .build()?;
        let response = self
            .runtime
            .block_on(self.client.get_load_state(request))
            .with_context(|| format!("get_load_state {collection} {partitions:?}"))?;
        Ok(format!("{:?}", response.state()))
    }

    /// The top-`limit` primary keys of each query vector, with search
    /// parameters such as `ef` or `nprobe` and an optional filter, at Strong
    /// consistency: every write acknowledged before is seen.
    pub fn search_many(
        &self,
        collection: &str,
        vector_field: &str,
        vectors: Vec<Vec<f32>>,
        limit: i64,
        params: &[(&str, &str)],
        filter: &str,
    ) -> Result<Vec<Vec<i64>>> {
        self.search_at(ConsistencyLevel::Strong, collection, vector_field, vectors, limit, params, filter)
    }

    /// `search_many` at Bounded consistency, the default of collections and
    /// clients: no wait for the next time tick (up to 200 ms on 2.3), so a
    /// call costs what a learner's default call costs.
    pub fn search_many_bounded(
        &self,
        collection: &str,
        vector_field: &str,
        vectors: Vec<Vec<f32>>,
        limit: i64,
    ) -> Result<Vec<Vec<i64>>> {
        self.search_at(ConsistencyLevel::Bounded, collection, vector_field, vectors, limit, &[], "")
    }

    #[allow(clippy::too_many_arguments)]
    fn search_at(
        &self,
        consistency: ConsistencyLevel,
        collection: &str,
        vector_field: &str,
        vectors: Vec<Vec<f32>>,
        limit: i64,
        params: &[(&str, &str)],
        filter: &str,
    ) -> Result<Vec<Vec<i64>>> {
        let extra: std::collections::HashMap<String, String> =
            params.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        let request = SearchRequest::builder()
            .collection_name(collection)
            .vector_field(vector_field)
            .vectors(SearchVectors::Float(vectors))
            .limit(limit)
            .filter(filter)
            .extra_params(extra)
            .consistency_level(consistency)
            .build()?;
        let response =
            self.runtime.block_on(self.client.search(request)).with_context(|| format!("search {collection}"))?;
        response
            .results()
            .get_results()
            .iter()
            .map(|hits| match hits.get_ids() {
                Ids::Int64(ids) => Ok(ids.clone()),
                _ => Err(anyhow!("search on {collection} returned string keys; this probe expects INT64 keys")),
            })
            .collect()
    }

    /// The server's bulk-import tasks for `collection` (2.3's `ListImportTasks`,
    /// which the SDK's clients do not offer).
    // tonic's interceptor signature returns its own (large) `Status`.
    #[allow(clippy::result_large_err)]
    pub fn import_tasks(&self, collection: &str) -> Result<Vec<ImportTask>> {
        use milvus::proto::milvus::{ListImportTasksRequest, milvus_service_client::MilvusServiceClient};
        let uri = self.uri.clone();
        let authorization = self
            .token
            .as_deref()
            .map(|token| {
                use base64::Engine;
                tonic::metadata::MetadataValue::try_from(base64::engine::general_purpose::STANDARD.encode(token))
            })
            .transpose()
            .context("a token that cannot be sent as a header")?;
        let response = self.runtime.block_on(async {
            let channel = tonic::transport::Channel::from_shared(uri)?
                .connect_timeout(CONNECT_TIMEOUT)
                .timeout(Duration::from_secs(30))
                .connect()
                .await?;
            // The credentials the SDK's clients send, as Milvus reads them.
            let mut client = MilvusServiceClient::with_interceptor(channel, move |mut request: tonic::Request<()>| {
                if let Some(value) = &authorization {
                    request.metadata_mut().insert("authorization", value.clone());
                }
                Ok(request)
            });
            let request = ListImportTasksRequest { collection_name: collection.to_owned(), ..Default::default() };
            anyhow::Ok(client.list_import_tasks(request).await?.into_inner())
        });
        let response = response.with_context(|| format!("list_import_tasks {collection}"))?;
        Ok(response
            .tasks
            .into_iter()
            .map(|task| {
                let info = |key: &str| {
                    task.infos.iter().find(|pair| pair.key == key).map(|pair| pair.value.clone()).unwrap_or_default()
                };
                let state = milvus::proto::common::ImportState::try_from(task.state)
                    .map(|state| state.as_str_name().trim_start_matches("Import").to_owned())
                    .unwrap_or_else(|_| task.state.to_string());
                ImportTask {
                    state,
                    row_count: task.row_count,
                    files: info("files"),
                    failed_reason: info("failed_reason"),
                    backup: info("backup") == "true",
                }
            })
            .collect())
    }

    /// `count(*)` with Strong consistency, so every acknowledged write is seen.
    pub fn count(&self, collection: &str) -> Result<u64> {
        self.count_at(collection, "", Some(ConsistencyLevel::Strong))
    }

    fn count_at(&self, collection: &str, filter: &str, level: Option<ConsistencyLevel>) -> Result<u64> {
        let rows = self.query_at(collection, filter, &["count(*)"], None, level)?;
        let count = rows
            .first()
            .and_then(|row| row.get("count(*)"))
            .and_then(Value::as_u64)
            // A server without count(*) (2.2) returns every row instead: show a few.
            .ok_or_else(|| {
                anyhow!(
                    "count(*) on {collection} returned no number but {} rows: {:?}",
                    rows.len(),
                    &rows[..rows.len().min(3)]
                )
            })?;
        Ok(count)
    }

    /// Every primary key matching `filter` (Strong consistency), sorted.
    pub fn primary_keys(&self, collection: &str, pk_field: &str, filter: &str) -> Result<Vec<i64>> {
        self.primary_keys_at(collection, pk_field, filter, Some(ConsistencyLevel::Strong))
    }

    /// Like `primary_keys`, but read at the collection's own default level,
    /// as a client that sets no level does.
    pub fn primary_keys_at_collection_level(&self, collection: &str, pk_field: &str, filter: &str) -> Result<Vec<i64>> {
        self.primary_keys_at(collection, pk_field, filter, None)
    }

    fn primary_keys_at(
        &self,
        collection: &str,
        pk_field: &str,
        filter: &str,
        level: Option<ConsistencyLevel>,
    ) -> Result<Vec<i64>> {
        let mut keys = Vec::new();
        // i64::MIN itself cannot be written in a filter (its digits overflow).
        self.keys_in_range(collection, pk_field, filter, level, (i64::MIN + 1, i64::MAX), &mut keys)?;
        keys.sort_unstable();
        Ok(keys)
    }

    /// The keys in `[lo, hi]` matching `filter`. One query returns at most
    /// `QUERY_PAGE` rows, and offsets beyond it are refused, so a range that
    /// holds more is split in two until each part fits. It is split in the
    /// middle of the keys one page of it shows, not of the whole i64 range:
    /// dense keys (0..20000) then take a handful of queries instead of ~60.
    fn keys_in_range(
        &self,
        collection: &str,
        pk_field: &str,
        filter: &str,
        level: Option<ConsistencyLevel>,
        (lo, hi): (i64, i64),
        keys: &mut Vec<i64>,
    ) -> Result<()> {
        let bounds = format!("{pk_field} >= {lo} and {pk_field} <= {hi}");
        let range = if filter.trim().is_empty() { bounds } else { format!("({filter}) and {bounds}") };
        let count = self.count_at(collection, &range, level)?;
        if count == 0 {
            return Ok(());
        }
        let page = self.query_at(collection, &range, &[pk_field], Some(QUERY_PAGE), level)?;
        let page = page
            .iter()
            .map(|row| {
                row.get(pk_field)
                    .and_then(Value::as_i64)
                    .ok_or_else(|| anyhow!("row without an integer {pk_field}: {row:?}"))
            })
            .collect::<Result<Vec<i64>>>()?;
        if count <= QUERY_PAGE as u64 || lo == hi {
            keys.extend(page);
            return Ok(());
        }
        let (seen_min, seen_max) = (page.iter().min().copied(), page.iter().max().copied());
        let (from, to) = match (seen_min, seen_max) {
            (Some(min), Some(max)) if min < max => (min, max),
            _ => (lo, hi),
        };
        let mid = ((i128::from(from) + i128::from(to)).div_euclid(2)) as i64;
        self.keys_in_range(collection, pk_field, filter, level, (lo, mid), keys)?;
        self.keys_in_range(collection, pk_field, filter, level, (mid + 1, hi), keys)
    }

    /// A Strong-consistency query; rows come back as JSON objects.
    pub fn query(
        &self,
        collection: &str,
        filter: &str,
        output_fields: &[&str],
        limit: Option<i64>,
    ) -> Result<Vec<Map<String, Value>>> {
        self.query_at(collection, filter, output_fields, limit, Some(ConsistencyLevel::Strong))
    }

    /// A query at `level`; `None` reads at the collection's default level.
    fn query_at(
        &self,
        collection: &str,
        filter: &str,
        output_fields: &[&str],
        limit: Option<i64>,
        level: Option<ConsistencyLevel>,
    ) -> Result<Vec<Map<String, Value>>> {
        let mut builder = QueryRequest::builder()
            .collection_name(collection)
            .filter(filter)
            .output_fields(output_fields.iter().copied());
        if let Some(level) = level {
            builder = builder.consistency_level(level);
        }
        if let Some(limit) = limit {
            builder = builder.limit(limit);
        }
        let response = self
            .runtime
            .block_on(self.client.query(builder.build()?))
            .with_context(|| format!("query {collection} where {filter:?}"))?;
        let rows = response.results().rows()?;
        rows.map(|row| Ok(row.to_entity_row()?)).collect()
    }

    /// Top-`limit` primary keys and scores for one query vector.
    pub fn search(
        &self,
        collection: &str,
        vector_field: &str,
        vector: Vec<f32>,
        limit: i64,
    ) -> Result<Vec<(i64, f32)>> {
        let request = SearchRequest::builder()
            .collection_name(collection)
            .vector_field(vector_field)
            .vectors(SearchVectors::Float(vec![vector]))
            .limit(limit)
            .consistency_level(ConsistencyLevel::Strong)
            .build()?;
        let response =
            self.runtime.block_on(self.client.search(request)).with_context(|| format!("search {collection}"))?;
        let Some(hits) = response.results().get_results().first() else {
            return Ok(Vec::new());
        };
        let Ids::Int64(ids) = hits.get_ids() else {
            return Err(anyhow!("search on {collection} returned string keys; this probe expects INT64 keys"));
        };
        Ok(ids.iter().copied().zip(hits.get_scores().iter().copied()).collect())
    }

    pub fn has_partition(&self, collection: &str, partition: &str) -> Result<bool> {
        let request = HasPartitionRequest::builder().collection_name(collection).partition_name(partition).build()?;
        let response = self
            .runtime
            .block_on(self.client.has_partition(request))
            .with_context(|| format!("has_partition {collection}/{partition}"))?;
        Ok(response.exists())
    }

    /// Whether the server implements users and roles (RBAC), by calling `list_users`.
    pub fn rbac_capability(&self) -> Result<Capability> {
        let request = ListUsersRequest::builder().build()?;
        let outcome = self.runtime.block_on(self.client.list_users(request));
        capability_of(outcome.map(|_| ()))
    }

    /// Whether the server implements partitions, by calling `has_partition` on `collection`.
    pub fn partition_capability(&self, collection: &str) -> Result<Capability> {
        let request = HasPartitionRequest::builder().collection_name(collection).partition_name("_default").build()?;
        let outcome = self.runtime.block_on(self.client.has_partition(request));
        capability_of(outcome.map(|_| ()))
    }

    /// Creates a collection from `spec`, with an AUTOINDEX (COSINE) on the vector
    /// field, and asks Milvus to load it.
    pub fn create_collection(&self, spec: &CollectionSpec) -> Result<()> {
        self.create_collection_with(spec, Some(Self::auto_index(spec)), None, 1)
    }

    /// Like `create_collection`, in `shards` shards: as many DML channels,
    /// each consumed by one data node and led by one query node per replica.
    pub fn create_collection_in_shards(&self, spec: &CollectionSpec, shards: i32) -> Result<()> {
        self.create_collection_with(spec, Some(Self::auto_index(spec)), None, shards)
    }

    /// Like `create_collection`, with `level` (`Strong`, `Session`, `Bounded`,
    /// `Eventually`) as the collection's default consistency level.
    pub fn create_collection_at_level(&self, spec: &CollectionSpec, level: &str) -> Result<()> {
        let level = match level {
            "Strong" => ConsistencyLevel::Strong,
            "Session" => ConsistencyLevel::Session,
            "Bounded" => ConsistencyLevel::Bounded,
            "Eventually" => ConsistencyLevel::Eventually,
            other => bail!("unknown consistency level {other:?}"),
        };
        self.create_collection_with(spec, Some(Self::auto_index(spec)), Some(level), 1)
    }

    /// Creates a collection from `spec` with no index: it cannot be loaded
    /// until someone indexes its vector field.
    pub fn create_collection_unindexed(&self, spec: &CollectionSpec) -> Result<()> {
        self.create_collection_with(spec, None, None, 1)
    }

    /// Creates a collection from `spec` with an exact (FLAT, L2) index, and
    /// asks Milvus to load it: the ground truth an index lab compares with.
    pub fn create_collection_flat_l2(&self, spec: &CollectionSpec) -> Result<()> {
        let index =
            IndexParam::new().field_name(spec.vector_field).index_type(IndexType::Flat).metric_type(MetricType::L2);
        self.create_collection_with(spec, Some(index), None, 1)
    }

    fn create_collection_with(
        &self,
        spec: &CollectionSpec,
        index: Option<IndexParam>,
        level: Option<ConsistencyLevel>,
        shards: i32,
    ) -> Result<()> {
        let mut schema = CollectionSchema::new()
            .add_field(FieldSchema::new().name(spec.primary_key).data_type(DataType::Int64).primary_key(true))
            .add_field(
                FieldSchema::new().name(spec.vector_field).data_type(DataType::FloatVector).dimension(spec.dimension),
            );
        for (name, kind) in spec.scalar_fields {
            let field = match kind {
                ScalarKind::Int64 => FieldSchema::new().name(*name).data_type(DataType::Int64),
                ScalarKind::Double => FieldSchema::new().name(*name).data_type(DataType::Double),
                ScalarKind::VarChar { max_length } => {
                    FieldSchema::new().name(*name).data_type(DataType::VarChar).max_length(*max_length)
                }
            };
            schema = schema.add_field(field);
        }
        let mut request = CreateCollectionRequest::builder()
            .collection_name(spec.name)
            .schema(schema)
            .num_shards(shards)
            .index_params(index.into_iter().collect());
        if let Some(level) = level {
            request = request.consistency_level(level);
        }
        let request = request.build()?;
        self.runtime
            .block_on(self.client.create_collection(request))
            .with_context(|| format!("create_collection {}", spec.name))?;
        Ok(())
    }

    /// AUTOINDEX with COSINE on `spec`'s vector field: what the labs' collections get.
    fn auto_index(spec: &CollectionSpec) -> IndexParam {
        IndexParam::new().field_name(spec.vector_field).index_type(IndexType::AutoIndex).metric_type(MetricType::Cosine)
    }

    /// Inserts JSON rows; fields outside the schema go to the dynamic field.
    pub fn insert_rows(&self, collection: &str, rows: Vec<Value>) -> Result<u64> {
        self.insert_rows_into(collection, "_default", rows)
    }

    pub fn insert_rows_into(&self, collection: &str, partition: &str, rows: Vec<Value>) -> Result<u64> {
        let request =
            InsertRequest::builder().collection_name(collection).partition_name(partition).rows(rows).build()?;
        let response = self
            .runtime
            .block_on(self.client.insert(request))
            .with_context(|| format!("insert into {collection}/{partition}"))?;
        Ok(response.insert_count() as u64)
    }

    /// Inserts whole columns: much cheaper than rows of JSON for large seeds
    /// (100,000 rows of 128 floats). `columns` are built with `FieldData`'s
    /// constructors, e.g. `FieldData::int64("id", ids)`.
    pub fn insert_columns(&self, collection: &str, columns: Vec<FieldData>) -> Result<u64> {
        let request = InsertRequest::builder().collection_name(collection).columns(columns).build()?;
        let response = self
            .runtime
            .block_on(self.client.insert(request))
            .with_context(|| format!("insert columns into {collection}"))?;
        Ok(response.insert_count() as u64)
    }

    /// Seals the collections' growing segments and waits until every sealed
    /// segment's binlogs are written (earlier seals included: Milvus returns
    /// all sealed segments of the collection, and the SDK waits for each).
    pub fn flush(&self, collections: &[&str]) -> Result<()> {
        let request = FlushRequest::builder().collection_names(collections.iter().copied()).build()?;
        self.runtime.block_on(self.client.flush(request)).with_context(|| format!("flush {collections:?}"))?;
        Ok(())
    }

    /// `flush`, giving up after `limit`: a data node that cannot write to the
    /// object store (wrong credentials) retries forever.
    pub fn flush_within(&self, collections: &[&str], limit: std::time::Duration) -> Result<()> {
        let request = FlushRequest::builder().collection_names(collections.iter().copied()).build()?;
        let flushed = self.runtime.block_on(async { tokio::time::timeout(limit, self.client.flush(request)).await });
        match flushed {
            Ok(result) => result.with_context(|| format!("flush {collections:?}")).map(drop),
            Err(_) => anyhow::bail!("flush {collections:?} did not finish within {} s", limit.as_secs()),
        }
    }

    /// Seals the collections' growing segments without waiting for their
    /// binlogs: rows inserted afterwards go to new segments. One `flush` at
    /// the end then waits for all of them at once, instead of about 3 s per
    /// seal. The SDK's v2 client always waits, so this uses its v1 client.
    pub fn seal(&self, collections: &[&str]) -> Result<()> {
        let sealed = self.runtime.block_on(async {
            let client = milvus::client::ClientBuilder::new(self.uri.clone())
                .username("root")
                .password("Milvus")
                .build()
                .await?;
            client.flush_collections(collections.iter().copied()).await
        });
        sealed.with_context(|| format!("seal {collections:?}"))?;
        Ok(())
    }

    pub fn delete(&self, collection: &str, filter: &str) -> Result<()> {
        let request = DeleteRequest::builder().collection_name(collection).filter(filter).build()?;
        self.runtime
            .block_on(self.client.delete(request))
            .with_context(|| format!("delete from {collection} where {filter:?}"))?;
        Ok(())
    }

    pub fn create_user(&self, name: &str, password: &str) -> Result<()> {
        let request =
            milvus::v2::request::rbac::CreateUserRequest::builder().username(name).password(password).build()?;
        self.runtime.block_on(self.client.create_user(request)).with_context(|| format!("create_user {name}"))?;
        Ok(())
    }

    pub fn list_users(&self) -> Result<Vec<String>> {
        let request = milvus::v2::request::rbac::ListUsersRequest::builder().build()?;
        let response = self.runtime.block_on(self.client.list_users(request)).context("list_users")?;
        Ok(response.usernames().to_vec())
    }

    pub fn drop_user(&self, name: &str) -> Result<()> {
        let request = milvus::v2::request::rbac::DropUserRequest::builder().username(name).build()?;
        self.runtime.block_on(self.client.drop_user(request)).with_context(|| format!("drop_user {name}"))?;
        Ok(())
    }

    pub fn create_role(&self, name: &str) -> Result<()> {
        let request = milvus::v2::request::rbac::CreateRoleRequest::builder().role_name(name).build()?;
        self.runtime.block_on(self.client.create_role(request)).with_context(|| format!("create_role {name}"))?;
        Ok(())
    }

    /// Grants `privilege` on one collection of the default database to
    /// `role`, through the object-type API that 2.3 has (the v2 privilege
    /// call came with 2.5).
    pub fn grant_on_collection(&self, role: &str, privilege: &str, collection: &str) -> Result<()> {
        let request = milvus::v2::request::rbac::GrantPrivilegeRequest::builder()
            .role_name(role)
            .database_name("default")
            .privilege(privilege)
            .object_type("Collection")
            .object_name(collection)
            .build()?;
        self.runtime
            .block_on(self.client.grant_privilege(request))
            .with_context(|| format!("grant {privilege} on {collection} to {role}"))?;
        Ok(())
    }

    pub fn grant_role(&self, user: &str, role: &str) -> Result<()> {
        let request = milvus::v2::request::rbac::GrantRoleRequest::builder().username(user).role_name(role).build()?;
        self.runtime
            .block_on(self.client.grant_role(request))
            .with_context(|| format!("grant_role {role} to {user}"))?;
        Ok(())
    }

    /// The roles of `user`, or `None` when there is no such user.
    pub fn user_roles(&self, user: &str) -> Result<Option<Vec<String>>> {
        let request =
            milvus::v2::request::rbac::DescribeUserRequest::builder().username(user).include_roles(true).build()?;
        let response = self
            .runtime
            .block_on(self.client.describe_user(request))
            .with_context(|| format!("describe_user {user}"))?;
        Ok(response.users().iter().find(|found| found.get_username() == user).map(|found| found.get_roles().to_vec()))
    }

    /// The row count of each flushed segment of `collection`, largest first.
    pub fn flushed_segment_rows(&self, collection: &str) -> Result<Vec<i64>> {
        let request = milvus::v2::request::utility::ListPersistentSegmentsRequest::builder()
            .collection_name(collection)
            .build()?;
        let response = self
            .runtime
            .block_on(self.client.list_persistent_segments(request))
            .with_context(|| format!("list_persistent_segments {collection}"))?;
        let mut rows: Vec<i64> = response
            .segments()
            .iter()
            .filter(|segment| segment.get_state() == milvus::v2::types::SegmentState::Flushed)
            .map(|segment| segment.get_row_count())
            .collect();
        rows.sort_unstable_by(|a, b| b.cmp(a));
        Ok(rows)
    }

    /// Compacts `collection` and waits until the server reports the
    /// compaction `Completed` (at most `limit`); returns its id.
    pub fn compact(&self, collection: &str, limit: Duration) -> Result<i64> {
        let request = milvus::v2::request::utility::CompactRequest::builder().collection_name(collection).build()?;
        let id = self
            .runtime
            .block_on(self.client.compact(request))
            .with_context(|| format!("compact {collection}"))?
            .compaction_id();
        let started = std::time::Instant::now();
        loop {
            let (state, _) = self.compaction(id)?;
            if state == "Completed" {
                return Ok(id);
            }
            if started.elapsed() > limit {
                bail!("compaction {id} of {collection} is still {state} after {limit:?}");
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    }

    /// What the server says of a compaction: its state (`Completed`,
    /// `Executing`, `Unknown` for an id it does not know) and its completed plans.
    pub fn compaction(&self, compaction_id: i64) -> Result<(String, i64)> {
        let request =
            milvus::v2::request::utility::GetCompactionStateRequest::builder().compaction_id(compaction_id).build()?;
        let response = self
            .runtime
            .block_on(self.client.get_compaction_state(request))
            .with_context(|| format!("get_compaction_state {compaction_id}"))?;
        Ok((format!("{:?}", response.state()), response.completed_plans()))
    }

    /// Sets collection properties, as pymilvus' `alter_collection_properties`.
    pub fn alter_collection_properties(&self, collection: &str, properties: &[(&str, &str)]) -> Result<()> {
        let request = milvus::v2::request::collection::AlterCollectionPropertiesRequest::builder()
            .collection_name(collection)
            .properties(properties.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect())
            .build()?;
        self.runtime
            .block_on(self.client.alter_collection_properties(request))
            .with_context(|| format!("alter_collection_properties {collection} {properties:?}"))?;
        Ok(())
    }

    /// Drops the index on `field` of a released collection and asks for an
    /// `index_type` one (`HNSW`, `DISKANN`, ...) with the COSINE metric of
    /// `create_collection`, without waiting for the build: a drill's index may
    /// never finish.
    pub fn replace_index(&self, collection: &str, field: &str, index_type: &str) -> Result<()> {
        let kind = match index_type {
            "HNSW" => IndexType::Hnsw,
            "DISKANN" => IndexType::DiskAnn,
            "AUTOINDEX" => IndexType::AutoIndex,
            other => bail!("replace_index knows HNSW, DISKANN and AUTOINDEX, not {other}"),
        };
        let drop = milvus::v2::request::index::DropIndexRequest::builder()
            .collection_name(collection)
            .field_name(field)
            .index_name(field)
            .build()?;
        self.runtime.block_on(self.client.drop_index(drop)).with_context(|| format!("drop_index {collection}"))?;
        let index = IndexParam::new().field_name(field).index_type(kind).metric_type(MetricType::Cosine);
        let create =
            CreateIndexRequest::builder().collection_name(collection).index_param(index).sync(false).build()?;
        self.runtime
            .block_on(self.client.create_index(create))
            .with_context(|| format!("create_index {index_type} on {collection}"))?;
        Ok(())
    }

    /// Builds an IVF_FLAT (L2) index on `field` of an unloaded collection with
    /// `nlist` clusters and returns once every row is indexed, without
    /// loading: the index files are the size a query node plans its memory by.
    pub fn build_ivf_flat_index(&self, collection: &str, field: &str, nlist: u32) -> Result<()> {
        let index = IndexParam::new()
            .field_name(field)
            .index_type(IndexType::IvfFlat)
            .metric_type(MetricType::L2)
            .extra_params(std::collections::HashMap::from([("nlist".to_owned(), nlist.to_string())]));
        let create = CreateIndexRequest::builder().collection_name(collection).index_param(index).sync(true).build()?;
        self.runtime
            .block_on(self.client.create_index(create))
            .with_context(|| format!("create_index IVF_FLAT on {collection}"))?;
        Ok(())
    }

    /// Releases a loaded collection: queries and searches on it fail until it
    /// is loaded again.
    pub fn release_collection(&self, name: &str) -> Result<()> {
        let request =
            milvus::v2::request::collection::ReleaseCollectionRequest::builder().collection_name(name).build()?;
        self.runtime
            .block_on(self.client.release_collection(request))
            .with_context(|| format!("release_collection {name}"))?;
        Ok(())
    }

    pub fn drop_collection(&self, name: &str) -> Result<()> {
        let request = DropCollectionRequest::builder().collection_name(name).build()?;
        self.runtime
            .block_on(self.client.drop_collection(request))
            .with_context(|| format!("drop_collection {name}"))?;
        Ok(())
    }
}

/// The name Milvus and pymilvus use for an index type (the SDK keeps it private).
fn milvus_index_name(index_type: IndexType) -> String {
    match index_type {
        IndexType::Flat => "FLAT".into(),
        IndexType::IvfFlat => "IVF_FLAT".into(),
        IndexType::IvfSq8 => "IVF_SQ8".into(),
        IndexType::IvfPq => "IVF_PQ".into(),
        IndexType::Hnsw => "HNSW".into(),
        IndexType::Scann => "SCANN".into(),
        IndexType::DiskAnn => "DISKANN".into(),
        IndexType::AutoIndex => "AUTOINDEX".into(),
        other => format!("{other:?}").to_uppercase(),
    }
}

fn capability_of(outcome: milvus::v2::error::Result<()>) -> Result<Capability> {
    match outcome {
        Ok(()) => Ok(Capability::Supported),
        Err(error) if is_unimplemented(&error) => Ok(Capability::Unsupported),
        Err(error) => Err(error.into()),
    }
}

fn is_unimplemented(error: &Error) -> bool {
    match error {
        // gRPC status code 12 is UNIMPLEMENTED; comparing the number avoids a direct tonic dependency.
        Error::Grpc(status) => status.code() as i32 == 12,
        Error::RetryExhausted { source, .. } => is_unimplemented(source),
        _ => false,
    }
}
