//! Harden the dependencies: new object-store keys on both sides, and etcd
//! served only over TLS to clients with a certificate. The check logs in to
//! each dependency as the parties a real deployment meets (the default keys,
//! a plain client, a TLS client without a certificate, Milvus' certificate),
//! makes Milvus write through the new keys, and compares the data with the seed.

use std::time::Duration;

use anyhow::Result;
use lab_framework::probes::{CollectionSpec, Etcd, EtcdTls};
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight, answer,
};
use serde::Deserialize;
use serde_json::json;

pub struct HardenDependencies;

// The check's assertions, in report order; the book lists them from `META`.
const DEFAULT_KEYS_REFUSED: &str = "the object store refuses the default keys (minioadmin)";
const NEW_KEYS_SERVED: &str = "secrets.toml: the object store serves the new keys";
const MILVUS_WRITES: &str = "Milvus writes a new segment to the bucket";
const PLAIN_ETCD_REFUSED: &str = "etcd refuses a plain HTTP client";
const ANONYMOUS_TLS_REFUSED: &str = "etcd refuses a TLS client without a certificate";
const MILVUS_CERTIFICATE_SERVED: &str = "etcd serves a client with etcd-tls/milvus.pem";
const NOTHING_LOST: &str = "nothing lost: row count and primary keys as seeded";
const EXPR_SWITCH: &str = "answers.toml: the key that turns /expr off on this version";
const ETCD_AUTH_SWITCH: &str = "answers.toml: the key for etcd user authentication on this version";

static META: LabMeta = LabMeta {
    id: "phase8/harden-dependencies",
    title: "Harden the dependencies: object-store keys and etcd TLS",
    phase: 8,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 30,
    components: &["etcd", "objectstorage"],
    // The etcd.ssl keys, etcd 3.5.1's TLS 1.2 ceiling and the missing
    // switches are measured on 2.3.5.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    // A short session TTL: the learner restarts Milvus, and its first calls
    // after a restart wait out the old sessions.
    settings: &[Setting::HardenedDependenciesFromEnvironment, Setting::SessionTtl { seconds: 10 }],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[
        DEFAULT_KEYS_REFUSED,
        NEW_KEYS_SERVED,
        MILVUS_WRITES,
        PLAIN_ETCD_REFUSED,
        ANONYMOUS_TLS_REFUSED,
        MILVUS_CERTIFICATE_SERVED,
        NOTHING_LOST,
        EXPR_SWITCH,
        ETCD_AUTH_SWITCH,
    ],
};

const DEFAULT_KEY: &str = "minioadmin";
const DOCS: CollectionSpec =
    CollectionSpec { name: "docs", primary_key: "id", vector_field: "vector", dimension: 8, scalar_fields: &[] };
/// The check's own collection, dropped after use: one row, flushed.
const PROBE: CollectionSpec = CollectionSpec { name: "hardening_probe", ..DOCS };
/// Milvus' sessions in etcd: there while Milvus runs.
const SESSIONS: &str = "by-dev/meta/session/";

/// `secrets.toml`: the object store's new keys.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Secrets {
    object_store_access_key: String,
    object_store_secret_key: String,
}

/// `answers.toml`: switches the version has, or "none".
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Answers {
    expr_switch: String,
    etcd_user_auth_switch: String,
}

impl Lab for HardenDependencies {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// 2,000 rows in two flushed segments, so the bucket holds data that
    /// new keys must still reach.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if Baseline::load(ctx, Instance::First)?.is_some() {
            return Ok(());
        }
        let milvus = ctx.milvus()?;
        if !milvus.has_collection(DOCS.name)? {
            milvus.create_collection(&DOCS)?;
            for batch in 0..2 {
                milvus.insert_rows(DOCS.name, (batch * 1000..(batch + 1) * 1000).map(row).collect())?;
                milvus.seal(&[DOCS.name])?;
            }
            milvus.flush(&[DOCS.name])?;
        }
        Baseline::record(ctx, Instance::First, &[(DOCS.name, DOCS.primary_key)])?.save(ctx)
    }

    /// etcdctl's own variables for the certificates the task makes, so
    /// `etcdctl` (from `$ETCD_IMAGE`) connects as Milvus does.
    fn connection(&self, ctx: &LabContext) -> Vec<(&'static str, String)> {
        let tls_dir = ctx.work_dir.join("etcd-tls");
        let path = |file: &str| tls_dir.join(file).display().to_string();
        vec![
            ("ETCDCTL_CACERT", path("ca.pem")),
            ("ETCDCTL_CERT", path("milvus.pem")),
            ("ETCDCTL_KEY", path("milvus.key")),
        ]
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let baseline = Baseline::required(ctx, Instance::First)?;
        let version = ctx.fixture.version;
        let endpoints = &ctx.fixture.endpoints;
        let object_store = endpoints.object_store.as_deref().unwrap_or_default();
        let etcd = endpoints.etcd.as_deref().unwrap_or_default();
        let secrets = ctx.answers::<Secrets>("secrets.toml");
        let answers = ctx.answers::<Answers>("answers.toml");

        let tls_dir = ctx.work_dir.join("etcd-tls");
        let ca_pem = tls_dir.join("ca.pem");
        let (milvus_pem, milvus_key) = (tls_dir.join("milvus.pem"), tls_dir.join("milvus.key"));
        let etcd_over_tls = |client| {
            if !ca_pem.is_file() {
                return "no etcd-tls/ca.pem in your folder".to_owned();
            }
            etcd_attempt(Etcd::connect_tls(etcd, &EtcdTls { ca_pem: &ca_pem, client }))
        };
        let with_milvus_certificate = etcd_over_tls(Some((&milvus_pem, &milvus_key)));
        let without_certificate = etcd_over_tls(None);
        let switch = |key: Option<&str>| key.unwrap_or("none").to_owned();

        Ok(vec![
            refusal(
                DEFAULT_KEYS_REFUSED,
                lab_framework::access::object_store_attempt(object_store, DEFAULT_KEY, DEFAULT_KEY),
                "export OBJECT_STORE_ACCESS_KEY=… OBJECT_STORE_SECRET_KEY=… (the store's side), then docker compose up --detach --wait",
            ),
            Assertion::equal(
                NEW_KEYS_SERVED,
                "served",
                answer(&secrets, |secrets| {
                    lab_framework::access::object_store_attempt(object_store, &secrets.object_store_access_key, &secrets.object_store_secret_key)
                }),
                "object_store_access_key and object_store_secret_key in secrets.toml: the keys the store now accepts",
            ),
            Assertion::equal(
                MILVUS_WRITES,
                "written",
                milvus_writes(ctx),
                "Milvus sends MINIO_ACCESS_KEY_ID and MINIO_SECRET_ACCESS_KEY: change them with the store's, and restart both",
            ),
            refusal(
                PLAIN_ETCD_REFUSED,
                etcd_attempt(Etcd::connect(etcd)),
                "export ETCD_TLS_DIR=$PWD/etcd-tls ETCD_SCHEME=https MILVUS_ETCD_SSL=true, then docker compose up --detach --wait",
            ),
            refusal(
                ANONYMOUS_TLS_REFUSED,
                without_certificate,
                "TLS alone encrypts; export ETCD_TRUSTED_CA_FILE=/etcd-tls/ca.pem ETCD_CLIENT_CERT_AUTH=true so etcd asks who connects",
            ),
            Assertion::equal(
                MILVUS_CERTIFICATE_SERVED,
                "served",
                with_milvus_certificate,
                "etcd-tls/etcd.pem needs subjectAltName=DNS:etcd,DNS:localhost,IP:127.0.0.1; milvus.pem needs extendedKeyUsage=clientAuth; both signed by etcd-tls/ca.pem",
            ),
            baseline.compare(
                ctx,
                NOTHING_LOST,
                "the data never moved: once Milvus reaches etcd and the bucket with the new settings, every row is back",
            ),
            Assertion::equal(
                EXPR_SWITCH,
                switch(version.expr_switch()),
                answer(&answers, |answers| answers.expr_switch.trim().to_owned()),
                "curl \"$MILVUS_HTTP/expr\": does this version answer? Keys added in later versions do not exist here",
            ),
            Assertion::equal(
                ETCD_AUTH_SWITCH,
                switch(version.etcd_user_auth_switch()),
                answer(&answers, |answers| answers.etcd_user_auth_switch.trim().to_owned()),
                "docker compose exec standalone grep -c etcd.auth /milvus/bin/milvus: keys from later docs are not in this binary",
            ),
        ])
    }
}

/// Holds when the party was refused; shows the refusal's words, which are
/// the lesson.
fn refusal(name: &str, observed: String, hint: &str) -> Assertion {
    Assertion::that(name, observed.starts_with("refused"), "refused", observed, hint)
}

fn row(id: i64) -> serde_json::Value {
    json!({"id": id, "vector": (0..8).map(|k| ((id * 8 + k) as f32 * 0.37).sin()).collect::<Vec<_>>()})
}

/// Lists Milvus' sessions: `served` (with at least one session), or `refused: <why>`.
fn etcd_attempt(client: Result<Etcd>) -> String {
    match client.and_then(|etcd| etcd.keys(SESSIONS)) {
        Ok(sessions) if sessions.is_empty() => "served, but Milvus has no session in it".to_owned(),
        Ok(_) => "served".to_owned(),
        Err(error) => format!("refused: {}", first_line(&error)),
    }
}

/// Inserts one row into the check's own collection and flushes it: the data
/// node writes binlogs with the keys Milvus was started with.
fn milvus_writes(ctx: &LabContext) -> String {
    let written = ctx.milvus().and_then(|milvus| {
        if milvus.has_collection(PROBE.name)? {
            milvus.drop_collection(PROBE.name)?;
        }
        milvus.create_collection(&PROBE)?;
        milvus.insert_rows(PROBE.name, vec![row(0)])?;
        let flushed = milvus.flush_within(&[PROBE.name], Duration::from_secs(20));
        milvus.drop_collection(PROBE.name)?;
        flushed
    });
    match written {
        Ok(()) => "written".to_owned(),
        Err(error) => format!("not written: {}", first_line(&error)),
    }
}

/// The innermost cause's first line: what the server or the TLS library said.
fn first_line(error: &anyhow::Error) -> String {
    let cause = error.chain().last().map(ToString::to_string).unwrap_or_default();
    cause.lines().next().unwrap_or_default().to_owned()
}
