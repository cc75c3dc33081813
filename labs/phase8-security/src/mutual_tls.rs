//! Mutual TLS (`tlsMode` 2): clients prove who they are with a certificate
//! from the server's CA. The check connects without a certificate, with one
//! from a CA of its own (made with rcgen on every check), and with the
//! learner's, all trusting the learner's CA for the server.

use std::path::Path;

use anyhow::{Context, Result};
use lab_framework::probes::{Milvus, Tls};
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight};
use rcgen::{BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair};

pub struct MutualTls;

// The check's assertions, in report order; the book lists them from `META`.
const MODE_TWO: &str = "Milvus runs with tlsMode 2 (COMMON_SECURITY_TLSMODE)";
const NO_CERTIFICATE: &str = "a TLS client without a certificate is refused";
const FOREIGN_CERTIFICATE: &str = "a client certificate from another CA is refused";
const LEARNER_CERTIFICATE: &str = "client/client.pem, signed by your CA, is served";

static META: LabMeta = LabMeta {
    id: "phase8/mutual-tls",
    title: "Mutual TLS: clients prove who they are",
    phase: 8,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 25,
    components: &["proxy"],
    // tlsMode 2 and the TLS keys are measured on 2.3.5 (gRPC only).
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    // A short session TTL: the learner restarts Milvus, and its first calls
    // after a restart wait out the old sessions.
    settings: &[Setting::TlsFromEnvironment, Setting::SessionTtl { seconds: 10 }],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[MODE_TWO, NO_CERTIFICATE, FOREIGN_CERTIFICATE, LEARNER_CERTIFICATE],
};

const SERVER_NAME: &str = "localhost";
const MODE_VARIABLE: &str = "COMMON_SECURITY_TLSMODE";

impl Lab for MutualTls {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// Where the task puts the CA and the client's certificate and key.
    fn connection(&self, ctx: &LabContext) -> Vec<(&'static str, String)> {
        let path = |file: &str| ctx.work_dir.join(file).display().to_string();
        vec![
            ("MILVUS_TLS_CA_PEM", path("tls/ca.pem")),
            ("MILVUS_TLS_SERVER_NAME", SERVER_NAME.to_owned()),
            ("MILVUS_TLS_CLIENT_PEM", path("client/client.pem")),
            ("MILVUS_TLS_CLIENT_KEY", path("client/client.key")),
        ]
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let plain_uri = &ctx.fixture.endpoints.milvus_uri;
        let tls_uri = plain_uri.replacen("http://", "https://", 1);
        let mode = ctx
            .fixture
            .service_environment("standalone")?
            .iter()
            .find_map(|entry| entry.strip_prefix(MODE_VARIABLE).and_then(|rest| rest.strip_prefix('=')))
            .unwrap_or("0")
            .to_owned();
        let ca_pem = ctx.work_dir.join("tls").join("ca.pem");
        let (client_pem, client_key) = (ctx.work_dir.join("client/client.pem"), ctx.work_dir.join("client/client.key"));
        let foreign = ctx.run_dir.join("foreign-client");
        write_foreign_client(&foreign)?;
        let (foreign_pem, foreign_key) = (foreign.join("client.pem"), foreign.join("client.key"));
        let attempt = |client: Option<(&Path, &Path)>| {
            if !ca_pem.is_file() {
                return "no tls/ca.pem in your folder".to_owned();
            }
            match Milvus::connect_tls(&tls_uri, &Tls { ca_pem: &ca_pem, server_name: SERVER_NAME, client }) {
                Ok(_) => "served".to_owned(),
                Err(_) => "refused".to_owned(),
            }
        };
        let learner = if client_pem.is_file() && client_key.is_file() {
            attempt(Some((&client_pem, &client_key)))
        } else {
            "no client/client.pem and client/client.key in your folder".to_owned()
        };
        let foreign_refused = attempt(Some((&foreign_pem, &foreign_key)));
        // A key the check made lives no longer than the check.
        std::fs::remove_dir_all(&foreign).with_context(|| format!("cannot remove {}", foreign.display()))?;
        Ok(vec![
            Assertion::equal(
                MODE_TWO,
                "2",
                &mode,
                "export TLS_DIR=$PWD/tls TLS_MODE=2, then docker compose up --detach --wait standalone",
            ),
            Assertion::equal(
                NO_CERTIFICATE,
                "refused",
                attempt(None),
                "tlsMode 1 encrypts but lets any client in; 2 asks each client for a certificate",
            ),
            Assertion::equal(
                FOREIGN_CERTIFICATE,
                "refused",
                foreign_refused,
                "Milvus accepts client certificates signed by tls.caPemPath's CA, and only those",
            ),
            Assertion::equal(
                LEARNER_CERTIFICATE,
                "served",
                learner,
                "sign the client's certificate with the CA whose ca.pem is in tls/ (extendedKeyUsage=clientAuth)",
            ),
        ])
    }
}

/// A client certificate and key from a CA nobody trusts, made afresh.
fn write_foreign_client(dir: &Path) -> Result<()> {
    let ca_key = KeyPair::generate()?;
    let mut ca = CertificateParams::new(Vec::<String>::new())?;
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name.push(DnType::CommonName, "a CA Milvus does not trust");
    let ca = ca.self_signed(&ca_key)?;
    let client_key = KeyPair::generate()?;
    let mut client = CertificateParams::new(vec!["analytics-service".to_owned()])?;
    client.distinguished_name.push(DnType::CommonName, "analytics-service");
    client.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    let client = client.signed_by(&client_key, &ca, &ca_key)?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for (file, text) in [("client.pem", client.pem()), ("client.key", client_key.serialize_pem())] {
        let path = dir.join(file);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}
