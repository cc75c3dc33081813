//! `cargo xtask`: a thin dispatcher. Each subcommand is one module with one `run`.

// First: its macros are then visible in every module below.
#[macro_use]
mod output;
mod catalog;
mod cli;
mod commands;
mod project;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};

/// What a command concluded, beyond errors.
pub enum Outcome {
    Success,
    /// A check or a verification failed: exit code 1.
    Failed,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::VerifyAll(args) = &cli.command {
        // SAFETY (both): set before any other thread exists (the Ctrl-C
        // handler starts below).
        if args.accept {
            unsafe { std::env::set_var("INSTA_UPDATE", "always") };
        }
        // insta prints its summaries and diffs on stdout, which a machine
        // format keeps for the report alone; the .snap.new files remain.
        if args.format != cli::Format::Human {
            unsafe { std::env::set_var("INSTA_OUTPUT", "none") };
        }
    }
    // A script's `cargo xtask …` (the dashboard lab's) runs this binary.
    if let Ok(binary) = std::env::current_exe() {
        lab_framework::serve_cargo_xtask_with(binary);
    }
    // `down` and `gc` only remove: stopping them halfway would leave a stack
    // half torn down, so a Ctrl-C lets them finish.
    let finishes_anyway = matches!(cli.command, Command::Down | Command::Gc);
    // Whatever a command registered for teardown runs before we exit on Ctrl-C.
    let handler = ctrlc::set_handler(move || {
        if finishes_anyway {
            errln!("\ninterrupted: finishing the teardown first, then exiting");
            return;
        }
        errln!("\ninterrupted: tearing down what this command started");
        fixtures::cleanup::interrupt();
        std::process::exit(130);
    });
    if let Err(error) = handler {
        errln!("warning: cannot install the Ctrl-C handler: {error}");
    }
    match commands::run(cli.command) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Failed) => ExitCode::from(1),
        Err(_) if fixtures::cleanup::interrupted() => loop {
            // The Ctrl-C handler is tearing down and will exit with 130.
            std::thread::park();
        },
        Err(error) => {
            errln!("error: {error:#}");
            ExitCode::from(exit_code_for(&error))
        }
    }
}

/// Maps an error to the exit codes documented in `--help`.
fn exit_code_for(error: &anyhow::Error) -> u8 {
    if error.downcast_ref::<lab_framework::catalog::UnknownLab>().is_some()
        || error.downcast_ref::<lab_framework::runner::NotRunning>().is_some()
        || error.downcast_ref::<lab_framework::runner::NoLabStarted>().is_some()
        || error.downcast_ref::<fixtures::config::UnknownKey>().is_some()
    {
        2
    } else if error.downcast_ref::<fixtures::MissingRequirement>().is_some() {
        3
    } else {
        4
    }
}
