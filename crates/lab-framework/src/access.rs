//! What a call as some user came to, in the words a check reports: allowed,
//! denied with the server's own refusal, or failed for another reason.

/// What `cargo xtask env` exports for a lab that runs with authorization on
/// and root's default password (public, and what the task's scripts use).
pub fn root_token() -> Vec<(&'static str, String)> {
    vec![("MILVUS_TOKEN", "root:Milvus".to_owned())]
}

/// `allowed`, `denied: <the server's words>` or `failed: <first line>`.
pub fn outcome<T>(result: &anyhow::Result<T>, user: &str) -> String {
    match result {
        Ok(_) => "allowed".to_owned(),
        Err(error) => {
            let error = format!("{error:#}");
            match server_denial(&error, user) {
                Some(words) => format!("denied: {words}"),
                None => format!("failed: {}", error.lines().next().unwrap_or_default()),
            }
        }
    }
}

/// Lists Milvus' folder in the stack's bucket with these keys: `served`, or
/// `refused: <the S3 error code>` (rust-s3 quotes the whole XML answer; its
/// `<Code>` is what the store said).
pub fn object_store_attempt(endpoint: &str, access_key: &str, secret_key: &str) -> String {
    let listed = probes::ObjectStore::connect(endpoint, access_key, secret_key)
        .and_then(|store| store.keys(fixtures::OBJECT_STORE_BUCKET, "files/"));
    match listed {
        Ok(_) => "served".to_owned(),
        Err(error) => {
            let text = format!("{error:#}");
            let code = text.split_once("<Code>").and_then(|(_, rest)| rest.split_once("</Code>")).map(|(code, _)| code);
            let cause = error.chain().last().map(ToString::to_string).unwrap_or_default();
            format!(
                "refused: {}",
                code.map_or_else(|| cause.lines().next().unwrap_or_default().to_owned(), str::to_owned)
            )
        }
    }
}

/// The server's denial in `error`: from `Privilege…` to `permission deny to <user>`.
fn server_denial(error: &str, user: &str) -> Option<String> {
    let marker = format!("permission deny to {user}");
    let end = error.find(&marker)? + marker.len();
    let start = error[..end].rfind("Privilege")?;
    Some(error[start..end].to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn server_denial_cuts_out_the_privilege_and_the_user() {
        let error = "insert into docs: server error: status: PermissionDenied, message: \"PrivilegeInsert: permission deny to analyst\", details: []";
        assert_eq!(
            super::server_denial(error, "analyst").as_deref(),
            Some("PrivilegeInsert: permission deny to analyst")
        );
        assert_eq!(super::server_denial("connection refused", "analyst"), None);
    }

    #[test]
    fn an_outcome_names_what_happened() {
        assert_eq!(super::outcome(&Ok(()), "analyst"), "allowed");
        let denied: anyhow::Result<()> = Err(anyhow::anyhow!("PrivilegeSearch: permission deny to analyst"));
        assert_eq!(super::outcome(&denied, "analyst"), "denied: PrivilegeSearch: permission deny to analyst");
        let failed: anyhow::Result<()> = Err(anyhow::anyhow!("connection refused\nat 127.0.0.1"));
        assert_eq!(super::outcome(&failed, "analyst"), "failed: connection refused");
    }
}
