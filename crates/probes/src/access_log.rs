//! The proxy's access log, in the `base` format of Milvus 2.3 (which writes
//! it to stdout, mixed into the server's log):
//!
//! ```text
//! [2026/12/05 14:16:36.312 +00:00] [ACCESS] <analyst: tcp-172.21.0.1:57022> Insert [status: GrpcPermissionDenied] [code: 65535] [sdk: Python-3.0.2] [msg: rpc error: code = PermissionDenied desc = PrivilegeInsert: permission deny to analyst] [traceID: 0000] [timeCost: 588.784µs]
//! ```

/// One call the proxy logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessEntry {
    /// `Unknown` when authorization is off.
    pub user: String,
    /// The gRPC method: `Insert`, `Query`, `DropCollection`, …
    pub method: String,
    /// `OK`, `Failed`, `GrpcPermissionDenied`, …
    pub status: String,
    /// The error the caller got; empty on success.
    pub message: String,
}

/// The access entries among a log's lines; other lines are skipped.
pub fn access_entries(log: &str) -> Vec<AccessEntry> {
    log.lines().filter_map(parse).collect()
}

fn parse(line: &str) -> Option<AccessEntry> {
    let (_, rest) = line.split_once("] [ACCESS] <")?;
    let (who, rest) = rest.split_once("> ")?;
    let user = who.split_once(": ").map_or(who, |(user, _)| user);
    let (method, rest) = rest.split_once(' ')?;
    Some(AccessEntry {
        user: user.to_owned(),
        method: method.to_owned(),
        status: field(rest, "status")?.to_owned(),
        message: field(rest, "msg").unwrap_or_default().to_owned(),
    })
}

/// The value of `[name: value]`. A message may hold brackets of its own
/// (`collection not loaded[collection=…]`), so it ends at the next field.
fn field<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let start = text.find(&format!("[{name}: "))? + name.len() + 3;
    let rest = &text[start..];
    let end = rest.find("] [").or_else(|| rest.rfind(']'))?;
    Some(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_lines_milvus_2_3_5_wrote() {
        let log = "\
[2026/12/05 14:16:36.290 +00:00] [INFO] [proxy/impl.go:42] [\"not an access line\"]
[2026/12/05 14:16:36.309 +00:00] [ACCESS] <analyst: tcp-172.21.0.1:57022> Query [status: OK] [code: 0] [sdk: Python-3.0.2] [msg: ] [traceID: 76f5] [timeCost: 4.61ms] [database: default] [collection: docs] [partitions: []] [expr: id < 3]
[2026/12/05 14:16:36.312 +00:00] [ACCESS] <analyst: tcp-172.21.0.1:57022> Insert [status: GrpcPermissionDenied] [code: 65535] [sdk: Python-3.0.2] [msg: rpc error: code = PermissionDenied desc = PrivilegeInsert: permission deny to analyst] [traceID: 0000] [timeCost: 588.784µs]
[2026/11/28 10:08:51.718 +00:00] [ACCESS] <Unknown: tcp-127.0.0.1:35652> Query [status: Failed] [code: 101] [sdk: Python-3.0.2] [msg: failed to query: collection not loaded[collection=470774051849509707]] [traceID: 9ce4] [timeCost: 86.7ms]";
        let entries = access_entries(log);
        assert_eq!(entries.len(), 3);
        assert_eq!(
            entries[1],
            AccessEntry {
                user: "analyst".into(),
                method: "Insert".into(),
                status: "GrpcPermissionDenied".into(),
                message: "rpc error: code = PermissionDenied desc = PrivilegeInsert: permission deny to analyst".into(),
            }
        );
        assert_eq!((entries[0].status.as_str(), entries[0].message.as_str()), ("OK", ""));
        assert_eq!(entries[2].user, "Unknown");
        assert_eq!(entries[2].message, "failed to query: collection not loaded[collection=470774051849509707]");
    }
}
