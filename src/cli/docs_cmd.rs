//! `mde-triage completions SHELL` and `mde-triage man`: generated from the clap definition, so
//! they always describe the binary that prints them.

use super::args::Cli;
use clap::CommandFactory;
use std::io::Write;

/// Writes the completion script for a shell.
pub fn completions(shell: clap_complete::Shell, out: &mut impl Write) -> std::io::Result<()> {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "mde-triage", out);
    out.flush()
}

/// Writes the manual page (roff), the subcommands' sections included.
pub fn man(out: &mut impl Write) -> std::io::Result<()> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    // One section per subcommand, so `man mde-triage` documents every flag.
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let heading = format!("MDE-TRIAGE {}", sub.get_name())
            .to_uppercase()
            .replace('-', "\\-");
        writeln!(out, ".SH \"{heading}\"")?;
        let sub_man = clap_mangen::Man::new(
            sub.clone()
                .bin_name(format!("mde-triage {}", sub.get_name())),
        );
        sub_man.render_synopsis_section(out)?;
        sub_man.render_options_section(out)?;
        sub_man.render_subcommands_section(out)?;
    }
    man.render_version_section(out)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
        let mut v = Vec::new();
        f(&mut v).unwrap();
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn completions_know_the_subcommands_and_flags() {
        for shell in [
            clap_complete::Shell::Bash,
            clap_complete::Shell::Zsh,
            clap_complete::Shell::Fish,
        ] {
            let s = text(|o| completions(shell, o));
            for word in [
                "handoff",
                "audit",
                "completions",
                "all-profiles",
                "time-zone",
                "view",
                "file",
            ] {
                assert!(s.contains(word), "{shell:?} lacks {word}");
            }
        }
        let fish = text(|o| completions(clap_complete::Shell::Fish, o));
        assert!(fish.contains("complete -c mde-triage"), "{}", &fish[..200]);
    }

    #[test]
    fn the_man_page_documents_every_subcommand_and_flag() {
        let s = text(man);
        assert!(s.starts_with(".ie") || s.starts_with(".TH"), "{}", &s[..80]);
        assert!(s.contains(".TH mde-triage"), "{}", &s[..200]);
        for word in [
            "MDE\\-TRIAGE HANDOFF",
            "MDE\\-TRIAGE AUDIT",
            "\\-\\-all\\-profiles",
            "\\-\\-since",
            "\\-\\-read\\-only",
        ] {
            assert!(s.contains(word), "man page lacks {word}");
        }
    }
}
