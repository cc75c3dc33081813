//! Phase 6 of the course: scaling and cluster operations. The labs run Milvus
//! as a cluster (a container per role) and change it while it serves.

mod scale_out;

use lab_framework::Lab;

pub fn labs() -> Vec<&'static dyn Lab> {
    vec![&scale_out::ScaleOut]
}
