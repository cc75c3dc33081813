//! A bare TLS handshake as a client that trusts one CA would make it. The
//! Milvus SDK reports a refused certificate only as a connect timeout; this
//! says why (an unknown issuer, a name the certificate is not valid for).

use std::net::TcpStream;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};

/// Completes a TLS handshake with `address` (`host:port`), trusting only the
/// certificates in `ca_pem` and expecting `server_name`. The error is the
/// TLS library's reason.
pub fn tls_handshake(address: &str, ca_pem: &Path, server_name: &str) -> Result<()> {
    let mut roots = rustls::RootCertStore::empty();
    for certificate in
        CertificateDer::pem_file_iter(ca_pem).with_context(|| format!("cannot read {}", ca_pem.display()))?
    {
        let certificate = certificate.with_context(|| format!("{} holds a malformed certificate", ca_pem.display()))?;
        roots.add(certificate).with_context(|| format!("{} holds an unusable CA certificate", ca_pem.display()))?;
    }
    let mut config = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    // gRPC servers speak HTTP/2 only.
    config.alpn_protocols = vec![b"h2".to_vec()];
    let name = ServerName::try_from(server_name.to_owned()).context("not a valid server name")?;
    let mut connection = rustls::ClientConnection::new(Arc::new(config), name)?;
    let mut socket = TcpStream::connect(address).with_context(|| format!("cannot connect to {address}"))?;
    socket.set_read_timeout(Some(Duration::from_secs(5)))?;
    while connection.is_handshaking() {
        connection.complete_io(&mut socket)?;
    }
    Ok(())
}
