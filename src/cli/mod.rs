//! The command line: subcommands and their plain-text, JSON and CSV output.
