//! The binary's end-to-end suites: the command line, the console in a pseudo-terminal, the
//! hostile corpus through the real binary, and a crash in the middle of sending the outbox.
//! One test binary; `pty` is the harness the pseudo-terminal suites share.

mod cli;
mod cli_devices;
mod cli_graph;
mod cli_scripting;
mod cli_watch;
mod demo_tenant;
mod e2e_device;
mod e2e_hangup;
mod e2e_hostile;
mod e2e_incident;
mod e2e_pty;
mod e2e_quit_queued;
mod e2e_rotation;
mod e2e_subject;
mod export_same;
mod outbox_crash;
mod pty;
mod rotation_cli;
mod rotation_pty;
mod rotation_router;
