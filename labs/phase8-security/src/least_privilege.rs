//! Least privilege with RBAC: a user who may search and query one collection
//! and nothing else. The check logs in as that user and proves each allowed
//! call works and each forbidden one is refused with the server's words.

use anyhow::Result;
use lab_framework::probes::{CollectionSpec, Milvus};
use lab_framework::{Assertion, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight};
use serde_json::json;

pub struct LeastPrivilege;

// The check's assertions, in report order; the book lists them from `META`.
const SEARCH_ALLOWED: &str = "analyst can search docs";
const QUERY_ALLOWED: &str = "analyst can query docs";
const INSERT_DENIED: &str = "analyst cannot insert into docs";
const OTHER_DENIED: &str = "analyst cannot search payroll";
const CREATE_DENIED: &str = "analyst cannot create a collection";
const DROP_DENIED: &str = "analyst cannot drop a collection";
const USERS_DENIED: &str = "analyst cannot list users";

static META: LabMeta = LabMeta {
    id: "phase8/least-privilege",
    title: "Least privilege: a role that may read one collection",
    phase: 8,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 25,
    components: &["proxy", "rootcoord"],
    // 2.3's grant API and denial texts are measured on 2.3.5; 2.5's privilege
    // groups are taught in the text.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    settings: &[Setting::AuthorizationOn],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[SEARCH_ALLOWED, QUERY_ALLOWED, INSERT_DENIED, OTHER_DENIED, CREATE_DENIED, DROP_DENIED, USERS_DENIED],
};

const USER: &str = "analyst";
const PASSWORD: &str = "Analyst-2026";
const DOCS: CollectionSpec =
    CollectionSpec { name: "docs", primary_key: "id", vector_field: "v", dimension: 8, scalar_fields: &[] };
const PAYROLL: CollectionSpec =
    CollectionSpec { name: "payroll", primary_key: "id", vector_field: "v", dimension: 8, scalar_fields: &[] };
/// Made by the check as root for analyst to try to drop, and removed after.
const DROP_TARGET: CollectionSpec = CollectionSpec {
    name: "check_drop_target",
    primary_key: "id",
    vector_field: "v",
    dimension: 8,
    scalar_fields: &[],
};
/// What analyst tries to create; removed if it was allowed.
const CREATE_PROBE: CollectionSpec = CollectionSpec {
    name: "check_create_probe",
    primary_key: "id",
    vector_field: "v",
    dimension: 8,
    scalar_fields: &[],
};
/// The row analyst tries to insert; deleted if it was allowed.
const PROBE_ID: i64 = 999_999;

fn vector(id: i64) -> Vec<f32> {
    (0..8).map(|k| ((id * 8 + k) as f32 * 0.43).sin()).collect()
}

impl Lab for LeastPrivilege {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn connection(&self, _ctx: &LabContext) -> Vec<(&'static str, String)> {
        lab_framework::access::root_token()
    }

    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        let root = ctx.milvus()?;
        for (spec, rows) in [(&DOCS, 200), (&PAYROLL, 50)] {
            if root.has_collection(spec.name)? {
                continue;
            }
            root.create_collection(spec)?;
            root.insert_rows(spec.name, (0..rows).map(|id| json!({"id": id, "v": vector(id)})).collect())?;
            root.flush(&[spec.name])?;
        }
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let root = ctx.milvus()?;
        let version = ctx.fixture.version;
        let analyst = Milvus::connect_as(&ctx.fixture.endpoints.milvus_uri, Some(&format!("{USER}:{PASSWORD}")));
        let analyst = match analyst {
            Ok(analyst) => analyst,
            Err(error) => {
                let cannot = format!("cannot log in as {USER}: {}", first_line(&format!("{error:#}")));
                let hint = "client.create_user(\"analyst\", \"Analyst-2026\") as root";
                return Ok(META
                    .assertions
                    .iter()
                    .map(|name| Assertion::equal(name, "logged in", &cannot, hint))
                    .collect());
            }
        };

        let search = analyst.search_many_bounded(DOCS.name, DOCS.vector_field, vec![vector(1)], 3).map(drop);
        let query = analyst.count(DOCS.name).map(drop);
        let insert = analyst.insert_rows(DOCS.name, vec![json!({"id": PROBE_ID, "v": vector(PROBE_ID)})]).map(drop);
        if insert.is_ok() {
            root.delete(DOCS.name, &format!("id == {PROBE_ID}"))?;
        }
        let other = analyst.search_many_bounded(PAYROLL.name, PAYROLL.vector_field, vec![vector(1)], 3).map(drop);
        let create = analyst.create_collection(&CREATE_PROBE);
        if root.has_collection(CREATE_PROBE.name)? {
            root.drop_collection(CREATE_PROBE.name)?;
        }
        if !root.has_collection(DROP_TARGET.name)? {
            root.create_collection(&DROP_TARGET)?;
        }
        let dropped = analyst.drop_collection(DROP_TARGET.name);
        if root.has_collection(DROP_TARGET.name)? {
            root.drop_collection(DROP_TARGET.name)?;
        }
        let users = analyst.list_users().map(drop);

        let denied = |privilege: &str| format!("denied: {}", version.permission_denied(privilege, USER));
        let outcome = |result: &Result<()>| lab_framework::access::outcome(result, USER);
        let grant =
            "client.grant_privilege(\"docs_reader\", \"Collection\", \"Search\", \"docs\", db_name=\"default\")";
        let too_much = "grant on the one collection and nothing else: no \"*\", no Global privileges, no admin role";
        Ok(vec![
            Assertion::equal(SEARCH_ALLOWED, "allowed", outcome(&search), grant),
            Assertion::equal(
                QUERY_ALLOWED,
                "allowed",
                outcome(&query),
                "the same grant with \"Query\"; query and count(*) need it",
            ),
            Assertion::equal(INSERT_DENIED, denied("Insert"), outcome(&insert), too_much),
            Assertion::equal(
                OTHER_DENIED,
                denied("Search"),
                outcome(&other),
                "object name \"docs\", not \"*\": a grant on * reaches every collection, payroll too",
            ),
            Assertion::equal(CREATE_DENIED, denied("CreateCollection"), outcome(&create), too_much),
            Assertion::equal(DROP_DENIED, denied("DropCollection"), outcome(&dropped), too_much),
            Assertion::equal(
                USERS_DENIED,
                denied("SelectOwnership"),
                outcome(&users),
                "listing users is a Global privilege: the admin role has it, a reader must not",
            ),
        ])
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}
