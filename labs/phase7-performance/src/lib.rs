//! Phase 7 of the course: performance, measured on the server's side.

mod server_latency;

use lab_framework::Lab;

pub fn labs() -> Vec<&'static dyn Lab> {
    vec![&server_latency::ServerLatency]
}
