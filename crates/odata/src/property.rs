//! What the grammar needs to know about an entity's properties: the one trait each entity's
//! closed property enum implements (alerts: [`Prop`](super::Prop); machines, machine actions and
//! indicators: their own), so a filter can only name properties of the entity it is for.

use super::error::ODataError;
use super::prop::Kind;
use std::fmt::Debug;

/// A property set of one entity.
pub trait Property: Copy + Eq + Debug + Send + Sync + 'static {
    /// The entity's type name, as the service's messages write it.
    const ENTITY: &'static str;

    /// The property name on the wire.
    fn wire_name(self) -> &'static str;

    /// Its OData type (a collection's element type for collections).
    fn kind(self) -> Kind;

    /// For `$filter`: the property named `name` (any case), or an error listing the supported ones.
    fn filterable(name: &str) -> Result<Self, ODataError>;

    /// The enum member named `s` (metadata value and canonical name), for enum properties.
    fn enum_member(self, s: &str) -> Option<(u32, String)>;

    /// True for a collection (`machineTags`): filtered with `any(...)`, never compared directly.
    fn is_collection(self) -> bool {
        false
    }
}

/// The "not supported" error every property set words the same way.
pub fn unsupported<P: Property>(name: &str, all: &[P]) -> ODataError {
    ODataError(format!(
        "Invalid filter: property '{name}' is not supported. Supported properties: {}.",
        all.iter()
            .map(|p| p.wire_name())
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// Looks `name` up among `all`, case-insensitively.
pub fn find<P: Property>(name: &str, all: &[P]) -> Result<P, ODataError> {
    all.iter()
        .copied()
        .find(|p| p.wire_name().eq_ignore_ascii_case(name))
        .ok_or_else(|| unsupported(name, all))
}

/// The metadata value (declaration index) and canonical name of a known member of an open enum.
pub fn member<E: PartialEq + Clone>(
    known: &[E],
    parsed: E,
    name: impl Fn(&E) -> &str,
) -> Option<(u32, String)> {
    let i = known.iter().position(|k| *k == parsed)?;
    Some((u32::try_from(i).ok()?, name(&known[i]).to_string()))
}
