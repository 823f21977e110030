//! The JSON schema of the config file, generated from the types (schemars), so it cannot drift:
//! `[keys]` lists the console's own action names and `[theme]` the roles of `mde_ops::Role`.
//! `config check` walks the file against this same schema.

use super::Config;
use super::keymap_table::{console_bindings, dialog_actions, normal_actions};
use super::sections::{KeyList, KeysSection, ThemeSection, ThemeValue};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value, json};
use std::borrow::Cow;

/// The schema as JSON.
pub fn schema() -> Value {
    schemars::schema_for!(Config).to_value()
}

impl JsonSchema for KeysSection {
    fn schema_name() -> Cow<'static, str> {
        "Keys".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let keys = generator.subschema_for::<KeyList>().to_value();
        let table = console_bindings();
        let mut props = Map::new();
        for action in normal_actions(&table) {
            props.insert(action, keys.clone());
        }
        for (context, actions) in dialog_actions(&table) {
            let inner: Map<String, Value> =
                actions.into_iter().map(|a| (a, keys.clone())).collect();
            props.insert(
                context.clone(),
                json!({
                    "type": "object",
                    "description": format!("Keys inside the {context} dialog"),
                    "properties": inner,
                    "additionalProperties": false,
                }),
            );
        }
        let mut o = Map::new();
        o.insert("type".into(), json!("object"));
        o.insert(
            "description".into(),
            json!("Key remaps: an action's keys replace its built-in ones (`[]` unbinds it; the palette still finds it). Sub-tables name the keys inside one dialog."),
        );
        o.insert("properties".into(), Value::Object(props));
        o.insert("additionalProperties".into(), json!(false));
        Schema::from(o)
    }
}

impl JsonSchema for ThemeSection {
    fn schema_name() -> Cow<'static, str> {
        "Theme".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let value = generator.subschema_for::<ThemeValue>().to_value();
        let props: Map<String, Value> = mde_ops::Role::ALL
            .iter()
            .map(|r| (r.name().to_string(), value.clone()))
            .collect();
        let mut o = Map::new();
        o.insert("type".into(), json!("object"));
        o.insert(
            "description".into(),
            json!("Colours per role: a colour (red, light_blue, #ff8800, 0-255, default) or { fg, bg, bold, italic, underline, reversed }. NO_COLOR still wins."),
        );
        o.insert("properties".into(), Value::Object(props));
        o.insert("additionalProperties".into(), json!(false));
        Schema::from(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_names_every_section_action_and_role() {
        let s = schema();
        let text = serde_json::to_string(&s).unwrap();
        for name in [
            "keys",
            "theme",
            "views",
            "sla",
            "notify",
            "profiles",
            "default_view",
            "time_zone",
        ] {
            assert!(s["properties"].get(name).is_some(), "{name} missing");
        }
        for needle in [
            "\"assign-me\"",
            "\"next-match\"",
            "\"sev_high\"",
            "\"sla_breach\"",
            "\"first_touch\"",
            "\"poll_interval_secs\"",
            "\"device_code\"",
        ] {
            assert!(text.contains(needle), "{needle} missing");
        }
    }
}
