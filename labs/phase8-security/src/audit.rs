//! Audit who did what: with authorization on, the proxy's access log names
//! the user of every call, refused ones included. The learner turns the log
//! on, lets the services' traffic run, and finds the one service that tried
//! what it must not. The check reads the same live log.

use anyhow::Result;
use lab_framework::probes::{AccessEntry, CollectionSpec, access_entries};
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight, answer};
use serde::Deserialize;
use serde_json::json;

pub struct Audit;

// The check's assertions, in report order; the book lists them from `META`.
const LOG_ON: &str = "the proxy writes an access log";
const DENIAL_LOGGED: &str = "the log holds a refused call, with its user";
const ANSWER_USER: &str = "answers.toml: the user whose calls were refused";
const ANSWER_COUNT: &str = "answers.toml: how many of their calls were refused";

static META: LabMeta = LabMeta {
    id: "phase8/audit",
    title: "Audit: find who made a refused call",
    phase: 8,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 20,
    components: &["proxy"],
    // The access log's format and where 2.3 writes it are measured on 2.3.5.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    // A short session TTL: the learner restarts Milvus, and its first calls
    // after a restart wait out the old sessions.
    settings: &[Setting::AuthorizationOn, Setting::SessionTtl { seconds: 10 }],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[LOG_ON, DENIAL_LOGGED, ANSWER_USER, ANSWER_COUNT],
};

const DOCS: CollectionSpec =
    CollectionSpec { name: "docs", primary_key: "id", vector_field: "v", dimension: 8, scalar_fields: &[] };
const PAYROLL: CollectionSpec = CollectionSpec { name: "payroll", ..DOCS };

/// `answers.toml`: what the learner found in the log.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Findings {
    user: String,
    refused_calls: u64,
}

impl Lab for Audit {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn connection(&self, _ctx: &LabContext) -> Vec<(&'static str, String)> {
        lab_framework::access::root_token()
    }

    /// The collections the services use; traffic.py makes the users.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        let root = ctx.milvus()?;
        for spec in [&DOCS, &PAYROLL] {
            if root.has_collection(spec.name)? {
                continue;
            }
            root.create_collection(spec)?;
            root.insert_rows(
                spec.name,
                (0..100)
                    .map(|id| json!({"id": id, "v": (0..8).map(|k| (id * 8 + k) as f32).collect::<Vec<_>>()}))
                    .collect(),
            )?;
            root.flush(&[spec.name])?;
        }
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let entries = access_entries(&ctx.fixture.milvus_log()?);
        let refused: Vec<&AccessEntry> = entries.iter().filter(|entry| is_refusal(ctx, entry)).collect();
        let mut users: Vec<&str> = refused.iter().map(|entry| entry.user.as_str()).collect();
        users.sort_unstable();
        users.dedup();
        let findings = ctx.answers::<Findings>("answers.toml");
        let (expected_user, expected_count) = match users.as_slice() {
            [user] => (user.to_string(), refused.len().to_string()),
            [] => ("(no refused call in the log)".to_owned(), "(no refused call in the log)".to_owned()),
            many => (format!("(several users: {})", many.join(", ")), "(several users)".to_owned()),
        };
        Ok(vec![
            Assertion::that(
                LOG_ON,
                !entries.is_empty(),
                "[ACCESS] lines",
                match entries.len() {
                    0 => "none: the access log is off".to_owned(),
                    lines => format!("{lines} [ACCESS] lines"),
                },
                "export ACCESS_LOG_ENABLED=true, docker compose up --detach --wait standalone, then run traffic.py again",
            )
            .measured(),
            Assertion::that(
                DENIAL_LOGGED,
                !refused.is_empty(),
                "a line with `permission deny`",
                match refused.first() {
                    Some(entry) => format!("{} {}: {}", entry.user, entry.method, entry.status),
                    None => "none".to_owned(),
                },
                "python traffic.py once the access log is on: calls made before it was on left no line",
            )
            .measured(),
            Assertion::equal(
                ANSWER_USER,
                &expected_user,
                answer(&findings, |findings| findings.user.trim().to_owned()),
                "docker compose logs standalone | grep '\\[ACCESS\\]' | grep 'permission deny': the user is inside <user: address>",
            )
            .measured(),
            Assertion::equal(
                ANSWER_COUNT,
                &expected_count,
                answer(&findings, |findings| findings.refused_calls.to_string()),
                "count that user's refused lines: every call is one line, whatever the method",
            )
            .measured(),
        ])
    }
}

/// A call the privilege check refused, in the version's words.
fn is_refusal(ctx: &LabContext, entry: &AccessEntry) -> bool {
    let denied = ctx.fixture.version.permission_denied("", &entry.user);
    // "Privilege: permission deny to analyst": the text after the privilege name.
    let words = denied.trim_start_matches("Privilege").trim_start_matches(": ");
    entry.message.contains(words)
}
