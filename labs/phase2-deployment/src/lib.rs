//! Phase 2 of the course: deployment. Lite today; Standalone, Compose and Helm
//! labs join as their fixtures land.

mod lite_quickstart;

use lab_framework::Lab;

pub fn labs() -> Vec<&'static dyn Lab> {
    vec![&lite_quickstart::LiteQuickstart]
}
