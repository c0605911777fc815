//! The `archdrill` binary: a subcommand runs the CLI, anything else opens
//! the app.

use std::process::ExitCode;

use clap::Parser as _;

use archdrill::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match &args.command {
        Some(command) => cli::run(
            command,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        None => match archdrill::app::run(args.file, archdrill::store::locate_data_dir()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                #[expect(
                    clippy::print_stderr,
                    reason = "the binary's last resort for a failed window"
                )]
                {
                    eprintln!("archdrill: {e:#}");
                }
                ExitCode::FAILURE
            }
        },
    }
}
