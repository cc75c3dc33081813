//! Phase 7 of the course: performance, measured on the server's side.

mod deletes_and_space;
mod server_latency;

use lab_framework::Lab;

pub fn labs() -> Vec<&'static dyn Lab> {
    vec![&deletes_and_space::DeletesAndSpace, &server_latency::ServerLatency]
}
