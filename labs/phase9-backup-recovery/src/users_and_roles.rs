//! Users and roles survive a restore: authentication and RBAC live in etcd,
//! so an etcd snapshot brings back a lost user with its password and its
//! role's grants. The check logs in as that user with the password only the
//! seed knew, and proves it may do exactly what it could before, and no more.

use std::time::{Duration, Instant};

use anyhow::Result;
use lab_framework::probes::Milvus;
use lab_framework::{
    Assertion, Baseline, Instance, Lab, LabContext, LabMeta, MilvusVersion, Mode, Requirement, Setting, Weight, access,
    drill,
};
use serde_json::json;

pub struct UsersAndRoles;

// The check's assertions, in report order; the book lists them from `META`.
const SNAPSHOT: &str = "backup/etcd.db is an etcd snapshot with an intact checksum";
const RESTORED: &str = "etcd runs on the restored snapshot";
const USER_BACK: &str = "analyst is a user again, with the role reader";
const PASSWORD_KEPT: &str = "analyst logs in with the password it had";
const READS_ALLOWED: &str = "analyst can search and query orders";
const WRITES_DENIED: &str = "analyst cannot insert into orders";
const OTHERS_DENIED: &str = "analyst cannot search events";
const NOTHING_LOST: &str = "nothing lost: every collection has its rows and primary keys";

static META: LabMeta = LabMeta {
    id: "phase9/users-and-roles",
    title: "Users and roles survive a restore",
    phase: 9,
    mode: Mode::Compose,
    weight: Weight::COMPOSE,
    minutes: 25,
    components: &["etcd", "rootcoord"],
    // The grant API (object type and name) and the denial texts are
    // measured on 2.3.5.
    versions: &[MilvusVersion::V2_3],
    requirements: Requirement::COMPOSE_LAB,
    // The restored etcd holds the old sessions; the first calls would wait
    // them out (30 s).
    settings: &[Setting::AuthorizationOn, Setting::SessionTtl { seconds: 10 }],
    crate_dir: env!("CARGO_MANIFEST_DIR"),
    assertions: &[
        SNAPSHOT,
        RESTORED,
        USER_BACK,
        PASSWORD_KEPT,
        READS_ALLOWED,
        WRITES_DENIED,
        OTHERS_DENIED,
        NOTHING_LOST,
    ],
};

const SNAPSHOT_FILE: &str = "backup/etcd.db";
const USER: &str = "analyst";
/// Known to the seed and the check only: etcd keeps its hash, and only a
/// restore brings it back.
const PASSWORD: &str = "Seeded-Analyst-7f3a";
const ROLE: &str = "reader";
const READ: &str = "orders";
const OTHER: &str = "events";
/// How long the check waits for a restarted Milvus to reload the collections.
const RELOAD_LIMIT: Duration = Duration::from_secs(60);
/// The row analyst tries to insert; deleted if it was allowed.
const PROBE_ID: i64 = 999_999;

impl Lab for UsersAndRoles {
    fn meta(&self) -> &'static LabMeta {
        &META
    }

    fn connection(&self, _ctx: &LabContext) -> Vec<(&'static str, String)> {
        lab_framework::access::root_token()
    }

    /// The seeded collections, then the application's reader: a user with a
    /// role that may search and query `orders`.
    fn seed(&self, ctx: &mut LabContext) -> Result<()> {
        if drill::seed_collections(ctx, Instance::First)? {
            let root = ctx.milvus()?;
            root.create_user(USER, PASSWORD)?;
            root.create_role(ROLE)?;
            for privilege in ["Search", "Query"] {
                root.grant_on_collection(ROLE, privilege, READ)?;
            }
            root.grant_role(USER, ROLE)?;
            for name in [READ, OTHER] {
                root.load_collection(name)?;
            }
        }
        Ok(())
    }

    fn check(&self, ctx: &LabContext) -> Result<Vec<Assertion>> {
        let baseline = Baseline::required(ctx, Instance::First)?;
        let root = ctx.milvus()?;
        let roles = root.user_roles(USER);
        let mut assertions = vec![
            drill::etcd_snapshot_saved(ctx, SNAPSHOT, SNAPSHOT_FILE),
            restored(ctx),
            Assertion::equal(
                USER_BACK,
                format!("{USER}: {ROLE}"),
                match roles {
                    Ok(Some(roles)) => {
                        format!("{USER}: {}", if roles.is_empty() { "no role".to_owned() } else { roles.join(", ") })
                    }
                    Ok(None) => format!("no user {USER}"),
                    Err(error) => format!("cannot describe {USER}: {error:#}"),
                },
                "users, roles and grants are keys in etcd: restore the snapshot you took before the loss",
            ),
        ];
        // connect_as makes a call: a wrong password fails here.
        let login = Milvus::connect_as(&ctx.fixture.endpoints.milvus_uri, Some(&format!("{USER}:{PASSWORD}")));
        let hint = "a user made again by hand gets a new password, and every client holding the old one is locked \
                    out: restore the snapshot instead";
        match login {
            Ok(analyst) => {
                assertions.push(Assertion::equal(PASSWORD_KEPT, "logged in", "logged in", hint));
                assertions.extend(tries(ctx, &root, &analyst)?);
            }
            Err(error) => {
                let cannot = format!("cannot log in: {}", server_message(&format!("{error:#}")));
                assertions.push(Assertion::equal(PASSWORD_KEPT, "logged in", &cannot, hint));
                for name in [READS_ALLOWED, WRITES_DENIED, OTHERS_DENIED] {
                    assertions.push(Assertion::equal(name, "logged in", &cannot, "log in as analyst first"));
                }
            }
        }
        assertions.push(baseline.compare(
            ctx,
            NOTHING_LOST,
            "restore the snapshot with Milvus stopped, then start it: it reads its catalogue once, at start",
        ));
        Ok(assertions)
    }
}

/// Whether etcd runs on a restored snapshot. A restore keeps the key space's
/// revision and starts a new raft log, so the log's index falls behind the
/// revision (measured on 3.5: revision 129, raft index 58 just after a
/// restore); a member that was never restored logs at least one entry per
/// revision, leases and membership besides (107 and 156 before it).
fn restored(ctx: &LabContext) -> Assertion {
    let expected = "a raft log younger than the key space (raft index below the revision)";
    let hint = "a user made again by hand is not a restore: restore your snapshot with Milvus and etcd stopped \
                (etcdutl snapshot restore into a new data dir)";
    match ctx.etcd().and_then(|etcd| etcd.status()) {
        Ok(status) => Assertion::that(
            RESTORED,
            status.raft_index < status.revision,
            expected,
            format!("raft index {}, revision {}", status.raft_index, status.revision),
            hint,
        )
        .measured(),
        Err(error) => Assertion::probe_failed(RESTORED, expected, &error, hint),
    }
}

/// What analyst may do, tried call by call; a write that got through is undone.
fn tries(ctx: &LabContext, root: &Milvus, analyst: &Milvus) -> Result<Vec<Assertion>> {
    // A restarted Milvus reloads what was loaded, in the background; the
    // nothing-lost comparison reads every seeded collection too.
    let reloading = Instant::now();
    for (name, _) in drill::SEEDED {
        while root.load_state(name, &[])? == "Loading" && reloading.elapsed() < RELOAD_LIMIT {
            std::thread::sleep(Duration::from_millis(500));
        }
    }
    let vector = vec![0.1_f32; 8];
    let search = analyst.search_many_bounded(READ, "vector", vec![vector.clone()], 3).map(drop);
    let query = analyst.count(READ).map(drop);
    let insert = analyst.insert_rows(READ, vec![json!({"id": PROBE_ID, "vector": vector.clone()})]).map(drop);
    if insert.is_ok() {
        root.delete(READ, &format!("id == {PROBE_ID}"))?;
    }
    let other = analyst.search_many_bounded(OTHER, "vector", vec![vector], 3).map(drop);
    let version = ctx.fixture.version;
    let denied = |privilege: &str| format!("denied: {}", version.permission_denied(privilege, USER));
    let grants = "the role's grants came back with it: restore the snapshot rather than granting again by hand";
    Ok(vec![
        Assertion::equal(
            READS_ALLOWED,
            "search allowed, query allowed",
            format!("search {}, query {}", access::outcome(&search, USER), access::outcome(&query, USER)),
            grants,
        ),
        Assertion::equal(WRITES_DENIED, denied("Insert"), access::outcome(&insert, USER), grants),
        Assertion::equal(
            OTHERS_DENIED,
            denied("Search"),
            access::outcome(&other, USER),
            "reader may read orders only: a grant on \"*\" reaches every collection",
        ),
    ])
}

/// The server's own words in a gRPC error (`message: "..."`), else its first line.
fn server_message(error: &str) -> &str {
    let quoted = error.split_once("message: \"").and_then(|(_, rest)| rest.split_once('"')).map(|(words, _)| words);
    quoted.unwrap_or_else(|| error.lines().next().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_login_failure_is_reported_in_the_servers_words() {
        let error = "cannot connect to Milvus at http://127.0.0.1:1: gRPC error: status: Unauthenticated, message: \
                     \"auth check failure, please check username and password are correct\", details: []";
        assert_eq!(super::server_message(error), "auth check failure, please check username and password are correct");
        assert_eq!(super::server_message("connection refused\nmore"), "connection refused");
    }
}
