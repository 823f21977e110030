//! Issue 12's "`e` writes exactly the view, the same as `alerts list --csv/--json`": the console's
//! export (`Effect::Export` → `tui::rotation::export`) and the CLI write through the one writer,
//! `mde_ops::export::write_alerts`; for the same alerts, in the same order, the files match
//! byte for byte, header and columns included.

use super::demo_tenant::Demo;
use mde_model::parse_page;
use mde_model::protocol::ExportFormat;
use mde_store::Store;
use mde_triage::tui::rotation::export::{Wanted, export_file};

fn stdout(o: &std::process::Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn the_consoles_export_and_alerts_list_write_the_same_columns_and_rows() {
    let demo = Demo::start();
    let home = tempfile::tempdir().unwrap();
    let json = stdout(&demo.run(home.path(), &["alerts", "list", "--json"]));
    let csv = stdout(&demo.run(home.path(), &["alerts", "list", "--csv"]));
    // The alerts as the service sent them, in the CLI's order, in a store as the console keeps
    // them (the sync task stores each alert's raw JSON as it arrives).
    let listed = parse_page(&json).unwrap().alerts;
    assert!(listed.len() > 50, "{} alerts listed", listed.len());
    let store = Store::open_in_memory().unwrap();
    store.upsert_alerts(&listed).unwrap();
    let wanted = || {
        listed
            .iter()
            .map(|p| Wanted {
                store: store.clone(),
                tenant: None,
                id: p.alert.id.clone(),
            })
            .collect::<Vec<_>>()
    };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (format, cli, name) in [
        (ExportFormat::Csv, &csv, "view.csv"),
        (ExportFormat::Json, &json, "view.json"),
    ] {
        let path = dir.path().join(name);
        let (n, missing) = rt
            .block_on(export_file(path.clone(), format, wanted()))
            .unwrap();
        assert_eq!((n, missing), (listed.len(), 0));
        let console = std::fs::read_to_string(&path).unwrap();
        if format == ExportFormat::Csv {
            let header = |s: &str| s.lines().next().unwrap_or_default().to_string();
            assert_eq!(header(&console), header(cli));
            assert!(header(cli).starts_with("id,severity,status,"), "{cli}");
        }
        assert_eq!(
            console.lines().count(),
            cli.lines().count(),
            "{name}: the same number of lines"
        );
        assert_eq!(&console, cli, "{name}: the console's export is the CLI's");
    }
}
