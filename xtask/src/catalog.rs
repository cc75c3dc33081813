//! Every lab of every phase crate: the one list the CLI knows.

use lab_framework::catalog::Catalog;

pub fn catalog() -> Catalog {
    let labs = [phase2_deployment::labs(), phase5_data_operations::labs()].concat();
    Catalog::new(labs)
}
