//! The proxy's access log: turned on at start through the environment, then
//! read to find a failed request: its method, code and collection.

use anyhow::Result;
use lab_framework::probes::CollectionSpec;
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Weight};
use serde::Deserialize;
use serde_json::json;

pub struct AccessLog;

// The check's assertions, in report order; the book lists them from `META`.
const ENABLED: &str = "the proxy's access log is on (PROXY_ACCESSLOG_ENABLE)";
const LOGGED: &str = "the access log holds a failed request on `events`";
const ANSWER_METHOD: &str = "access.toml: method";
const ANSWER_CODE: &str = "access.toml: code";
const ANSWER_COLLECTION: &str = "access.toml: collection";

static META: LabMeta = LabMeta {
    id: "phase4/access-log",
    title: "The access log: find the request that failed",
    phase: 4,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 20,
    components: &["proxy"],
    // The 2.3 line format (`[ACCESS] <user: addr> Method [status: …] [code: …]`);
    // 2.5 changed the formatters.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    settings: &[],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[ENABLED, LOGGED, ANSWER_METHOD, ANSWER_CODE, ANSWER_COLLECTION],
};

const EVENTS: CollectionSpec =
    CollectionSpec { name: "events", primary_key: "id", vector_field: "vector", dimension: 8, scalar_fields: &[] };

/// `access.toml`: what the learner read in the access log.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Access {
    method: String,
    code: i64,
    collection: String,
}

/// One `[ACCESS]` line of the 2.3 format.
#[derive(Debug, PartialEq)]
struct AccessLine {
    method: String,
    status: String,
    code: String,
    collection: Option<String>,
}

impl Lab for AccessLog {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    /// `events` with rows, released: a query on it fails until it is loaded.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        let milvus = ctx.milvus()?;
        if !milvus.has_collection(EVENTS.name)? {
            milvus.create_collection(&EVENTS)?;
            let rows = (0..100).map(|id| json!({"id": id, "vector": vec![(id as f32) * 0.01; 8]})).collect();
            milvus.insert_rows(EVENTS.name, rows)?;
            milvus.flush(&[EVENTS.name])?;
            milvus.release_collection(EVENTS.name)?;
        }
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let environment = ctx.fixture.service_environment("standalone")?;
        let enabled = environment
            .iter()
            .find_map(|entry| entry.strip_prefix("PROXY_ACCESSLOG_ENABLE="))
            .unwrap_or("not set")
            .to_owned();
        let log = ctx.fixture.milvus_log()?;
        let failed = log
            .lines()
            .rev()
            .filter_map(parse_access_line)
            .find(|line| line.status == "Failed" && line.collection.as_deref() == Some(EVENTS.name));
        let access = ctx.answers::<Access>("access.toml");
        let answer = |field: fn(&Access) -> String| lab_framework::answer(&access, field);
        let none = "no failed request on `events` in the access log".to_owned();
        let from_log = |field: fn(&AccessLine) -> String| failed.as_ref().map_or(none.clone(), field);
        Ok(vec![
            Assertion::equal(
                ENABLED,
                "true",
                enabled,
                "export ACCESS_LOG_ENABLED=true, then docker compose up -d --wait standalone (read at start only)",
            ),
            Assertion::that(
                LOGGED,
                failed.is_some(),
                "a line `[ACCESS] … [status: Failed] … [collection: events]`",
                from_log(|line| format!("{} [status: {}] [code: {}]", line.method, line.status, line.code)),
                "run python report.py after the restart: only requests made while the log is on are in it",
            ),
            Assertion::equal(
                ANSWER_METHOD,
                from_log(|line| line.method.clone()),
                answer(|a| a.method.trim().to_owned()),
                "the word after `<user: address>` on the failed line, as the log writes it",
            ),
            Assertion::equal(
                ANSWER_CODE,
                from_log(|line| line.code.clone()),
                answer(|a| a.code.to_string()),
                "the number in `[code: …]` on the failed line",
            ),
            Assertion::equal(
                ANSWER_COLLECTION,
                from_log(|line| line.collection.clone().unwrap_or_default()),
                answer(|a| a.collection.trim().to_owned()),
                "the name in `[collection: …]` on the failed line",
            ),
        ])
    }
}

/// `… [ACCESS] <user: address> Method [status: X] [code: N] … [collection: c] …`.
fn parse_access_line(line: &str) -> Option<AccessLine> {
    let rest = &line[line.find("[ACCESS] <")? + "[ACCESS] <".len()..];
    let rest = &rest[rest.find("> ")? + 2..];
    let method = rest.split_whitespace().next()?.to_owned();
    let field = |name: &str| -> Option<String> {
        let start = rest.find(&format!("[{name}: "))? + name.len() + 3;
        let end = rest[start..].find(']')?;
        Some(rest[start..start + end].to_owned())
    };
    Some(AccessLine { method, status: field("status")?, code: field("code")?, collection: field("collection") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_2_3_access_line() {
        let line = "[2026/11/28 10:08:51.718 +00:00] [ACCESS] <Unknown: tcp-127.0.0.1:35652> Query [status: Failed] \
                    [code: 101] [sdk: Python-3.0.2] [msg: failed to query: collection not loaded[collection=4707]] \
                    [traceID: 9ce4] [timeCost: 86.7ms] [database: default] [collection: s] [partitions: []] [expr: id < 3]";
        assert_eq!(
            parse_access_line(line),
            Some(AccessLine {
                method: "Query".into(),
                status: "Failed".into(),
                code: "101".into(),
                collection: Some("s".into())
            })
        );
        let insert =
            "[ACCESS] <Unknown: tcp-127.0.0.1:40294> Insert [status: OK] [code: 0] [sdk: Python-3.0.2] [msg: ]";
        assert_eq!(parse_access_line(insert).unwrap().collection, None);
        assert_eq!(parse_access_line("[INFO] [proxy] started"), None);
    }
}
