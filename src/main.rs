//! The `amtsfeed` binary: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    install_panic_hook();
    amtsfeed::cli::tidy_environment();
    let args = amtsfeed::cli::parse_args();
    match amtsfeed::cli::run(args) {
        Ok(amtsfeed::cli::Exit::Success) => ExitCode::SUCCESS,
        Ok(amtsfeed::cli::Exit::Partial) => ExitCode::from(1),
        Ok(amtsfeed::cli::Exit::Unavailable) => ExitCode::from(2),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            report(&error);
            ExitCode::from(1)
        }
    }
}

/// The error as one line on stderr, in the run's language (worded by the catalogue).
fn report(error: &anyhow::Error) {
    let lang = amtsfeed::i18n::Lang::from_locale(|name| std::env::var(name).ok());
    let message = lang.error_chain(error);
    amtsfeed::say!(
        "amtsfeed: {}: {}",
        lang.error_word(),
        amtsfeed::text::collapse_whitespace(&amtsfeed::text::sanitize(&message))
    );
}

/// One line for a bug, none for a parser panic on hostile input that is caught and handled.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        if amtsfeed::text::panic_is_guarded() {
            return;
        }
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        amtsfeed::say!(
            "amtsfeed: internal error{location}: {} (please report it)",
            message.replace('\n', " ")
        );
    }));
}

/// `amtsfeed list | head` closes the pipe early; that is not an error (as in ripgrep).
/// Writers that wrap the I/O error (CSV, JSON) are looked into too.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    error.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == BrokenPipe)
            || e.downcast_ref::<csv::Error>().is_some_and(
                |e| matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe),
            )
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(BrokenPipe))
    })
}
