//! TLS between clients and Milvus (one-way): the learner makes a CA and a
//! server certificate for `localhost` and turns `tlsMode` to 1. The check
//! proves a plain client is refused and a client that trusts the learner's CA
//! and expects `localhost` is served.

use anyhow::Result;
use lab_framework::probes::{Milvus, Tls as TlsClient, tls_handshake};
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight};

pub struct Tls;

// The check's assertions, in report order; the book lists them from `META`.
const MODE_ONE: &str = "Milvus runs with tlsMode 1 (COMMON_SECURITY_TLSMODE)";
const PLAIN_REFUSED: &str = "a client without TLS is refused";
const TRUSTING_SERVED: &str = "a client that trusts tls/ca.pem and expects localhost is served";

static META: LabMeta = LabMeta {
    id: "phase8/tls",
    title: "TLS: encrypt the client connection",
    phase: 8,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 25,
    components: &["proxy"],
    // The TLS keys and behaviour are measured on 2.3.5 (gRPC only).
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    // A short session TTL: the learner restarts Milvus, and its first calls
    // after a restart wait out the old sessions.
    settings: &[Setting::TlsFromEnvironment, Setting::SessionTtl { seconds: 10 }],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[MODE_ONE, PLAIN_REFUSED, TRUSTING_SERVED],
};

const SERVER_NAME: &str = "localhost";
const MODE_VARIABLE: &str = "COMMON_SECURITY_TLSMODE";

impl Lab for Tls {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// Where the task puts the CA clients trust, and the name they expect.
    fn connection(&self, ctx: &LabContext) -> Vec<(&'static str, String)> {
        vec![
            ("MILVUS_TLS_CA_PEM", ctx.work_dir.join("tls").join("ca.pem").display().to_string()),
            ("MILVUS_TLS_SERVER_NAME", SERVER_NAME.to_owned()),
        ]
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let plain_uri = &ctx.fixture.endpoints.milvus_uri;
        let tls_uri = plain_uri.replacen("http://", "https://", 1);
        let address = plain_uri.trim_start_matches("http://");
        let mode = ctx
            .fixture
            .service_environment("standalone")?
            .iter()
            .find_map(|entry| entry.strip_prefix(MODE_VARIABLE).and_then(|rest| rest.strip_prefix('=')))
            .unwrap_or("0")
            .to_owned();
        let plain = match Milvus::connect(plain_uri) {
            Ok(_) => "served".to_owned(),
            Err(_) => "refused".to_owned(),
        };
        let ca_pem = ctx.work_dir.join("tls").join("ca.pem");
        let trusting = if ca_pem.is_file() {
            let tls = TlsClient { ca_pem: &ca_pem, server_name: SERVER_NAME, client: None };
            match Milvus::connect_tls(&tls_uri, &tls) {
                Ok(_) => "served".to_owned(),
                // The SDK says only that the connection timed out; a bare
                // handshake says what the client disliked.
                Err(error) => match tls_handshake(address, &ca_pem, SERVER_NAME) {
                    Err(reason) => format!("refused: {}", root_cause(&reason)),
                    Ok(()) => format!("refused: {}", root_cause(&error)),
                },
            }
        } else {
            "no tls/ca.pem in your folder".to_owned()
        };
        Ok(vec![
            Assertion::equal(
                MODE_ONE,
                "1",
                &mode,
                "export TLS_DIR=$PWD/tls TLS_MODE=1, then docker compose up --detach --wait standalone",
            ),
            Assertion::equal(
                PLAIN_REFUSED,
                "refused",
                plain,
                "with tlsMode 0 Milvus speaks plain gRPC to anyone who connects",
            ),
            Assertion::equal(
                TRUSTING_SERVED,
                "served",
                trusting,
                "the server certificate needs subjectAltName=DNS:localhost and must be signed by tls/ca.pem",
            ),
        ])
    }
}

/// The innermost cause of a connection error: the TLS library's reason
/// (an unknown issuer, a name the certificate is not valid for).
fn root_cause(error: &anyhow::Error) -> String {
    let cause = error.chain().last().map(ToString::to_string).unwrap_or_default();
    cause.lines().next().unwrap_or_default().to_owned()
}
