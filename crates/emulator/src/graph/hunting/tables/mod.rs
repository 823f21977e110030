//! The hunting tables, generated from the alerts when a query reads them (nothing is stored):
//! the device tables from each endpoint alert's evidence, the alert tables from every alert.

mod alert_rows;
mod device_rows;
pub mod schema;
pub mod story;

use super::eval::RowSource;
use crate::store::Alerts;
use mde_model::graph::{Cell, GraphAlert};
use schema::Table;
use std::collections::BTreeMap;
use story::Story;

/// The tables over the alerts held now.
pub struct Tables<'a> {
    /// Endpoint alerts.
    pub mde: &'a Alerts,
    /// The other products' alerts.
    pub other: &'a BTreeMap<String, GraphAlert>,
}

impl RowSource for Tables<'_> {
    fn rows(&self, table: Table, device: Option<&str>) -> Vec<Vec<Cell>> {
        let on_device = |a: &mde_model::Alert| {
            device.is_none_or(|d| {
                a.machine_id
                    .as_deref()
                    .is_some_and(|m| m.eq_ignore_ascii_case(d))
            })
        };
        let mut out = Vec::new();
        match table {
            Table::DeviceProcessEvents | Table::DeviceNetworkEvents | Table::DeviceFileEvents => {
                for r in self.mde.by_id.values().filter(|r| on_device(r.alert())) {
                    let a = r.expanded();
                    let story = Story::of(&a);
                    out.extend(match table {
                        Table::DeviceProcessEvents => device_rows::process_rows(&a, &story),
                        Table::DeviceNetworkEvents => device_rows::network_rows(&a, &story),
                        _ => device_rows::file_rows(&a, &story),
                    });
                }
            }
            Table::AlertInfo => {
                out.extend(
                    self.mde
                        .by_id
                        .values()
                        .map(|r| alert_rows::info_of_mde(r.alert())),
                );
                out.extend(self.other.values().map(alert_rows::info_of_graph));
            }
            Table::AlertEvidence => {
                for r in self.mde.by_id.values() {
                    out.extend(alert_rows::evidence_of_mde(&r.expanded()));
                }
                for g in self.other.values() {
                    out.extend(alert_rows::evidence_of_graph(g));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_match_their_schemas() {
        let spec = crate::demo_data::DemoSpec::new(
            3,
            mde_model::Timestamp::parse("2026-03-01T00:00:00Z").unwrap(),
        );
        let mut mde = Alerts::default();
        for a in crate::demo_data::generate(&spec).into_iter().take(80) {
            mde.upsert(crate::record::Record::new(a));
        }
        let other = BTreeMap::new();
        let t = Tables {
            mde: &mde,
            other: &other,
        };
        for table in schema::ALL {
            let rows = t.rows(table, None);
            assert!(!rows.is_empty(), "{table:?}");
            for r in &rows {
                assert_eq!(r.len(), table.columns().len(), "{table:?}");
                for (cell, (name, kind)) in r.iter().zip(table.columns()) {
                    let ok = match (cell, kind) {
                        (Cell::Null, _) => !matches!(kind, mde_model::graph::ColumnType::String),
                        (Cell::Str(_), mde_model::graph::ColumnType::String) => true,
                        (Cell::Long(_), mde_model::graph::ColumnType::Long) => true,
                        (Cell::Time(_), mde_model::graph::ColumnType::DateTime) => true,
                        _ => false,
                    };
                    assert!(ok, "{table:?}.{name}: {cell:?}");
                }
            }
        }
    }
}
