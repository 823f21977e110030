fn main() -> std::process::ExitCode {
    mde_triage::cli::main()
}
