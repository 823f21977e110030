//! `Effect::Export`: exactly the alerts the console names, in its order, written through the one
//! export writer (`mde_ops::export`), with each alert's raw JSON from its store. The file is
//! created new: an export never overwrites anything.

use mde_model::protocol::ExportFormat;
use mde_ops::export::write_alerts;
use mde_store::Store;
use std::io::Write;
use std::path::PathBuf;

/// One alert to export: where it is kept and which tenant to name.
pub struct Wanted {
    /// Its store.
    pub store: Store,
    /// Its profile in a multi-tenant list.
    pub tenant: Option<String>,
    /// Its id.
    pub id: String,
}

/// Writes the file; returns how many alerts were written (alerts no store holds are left out
/// and counted in the error-free result's second number).
pub async fn export_file(
    path: PathBuf,
    format: ExportFormat,
    wanted: Vec<Wanted>,
) -> anyhow::Result<(usize, usize)> {
    tokio::task::spawn_blocking(move || {
        let mut found = Vec::with_capacity(wanted.len());
        let mut missing = 0;
        for w in &wanted {
            match w.store.get(&w.id)? {
                Some(p) => found.push((p, w.tenant.as_deref())),
                None => missing += 1,
            }
        }
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", path.display()))?;
        let mut out = std::io::BufWriter::new(file);
        let n = write_alerts(&mut out, found.iter().map(|(p, t)| (p, *t)), format)?;
        out.flush()?;
        Ok((n, missing))
    })
    .await?
}
