//! Phase 2 of the course: deployment. Lite and Standalone today; Compose and
//! Helm labs join as their fixtures land.

mod lite_quickstart;
mod standalone_embed;

use lab_framework::Lab;

pub fn labs() -> Vec<&'static dyn Lab> {
    vec![&lite_quickstart::LiteQuickstart, &standalone_embed::StandaloneEmbed]
}
