//! Phase 8 of the course: security. Every check proves that the wrong party
//! is refused, with the server's own words, as well as that the right one
//! gets in.

mod audit;
mod authentication;
mod harden_dependencies;
mod least_privilege;
mod mutual_tls;
mod tls;

use lab_framework::Lab;

pub fn labs() -> Vec<&'static dyn Lab> {
    vec![
        &authentication::Authentication,
        &least_privilege::LeastPrivilege,
        &tls::Tls,
        &mutual_tls::MutualTls,
        &harden_dependencies::HardenDependencies,
        &audit::Audit,
    ]
}
