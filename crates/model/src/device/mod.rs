//! The device side of the API: the Machine, MachineAction, Indicator and LogonUser entities as
//! the service sends them, the state derived from a device's actions, and the response requests
//! and progress the console and the sync task exchange.

pub mod context;
pub mod enums;
pub mod indicator;
pub mod logon_user;
pub mod machine;
pub mod machine_action;
pub mod page;
pub mod request;
pub mod state;
pub mod tag;

pub use context::{
    ActionFailure, ActionSend, DeviceContext, DeviceSubject, FailureKind, SendState,
};
pub use enums::{
    ActionStatus, ActionType, DeviceValue, ExposureLevel, HealthStatus, IndicatorAction,
    IndicatorSeverity, IndicatorType, IsolationType, OnboardingStatus, RiskScore, ScanType,
};
pub use indicator::{Indicator, NewIndicator};
pub use logon_user::LogonUser;
pub use machine::{Machine, MachineIpAddress, is_machine_id};
pub use machine_action::{MachineAction, RelatedFileInfo};
pub use page::{EntityList, parse_list};
pub use request::{ActionRequest, ResponseAction, is_sha1, permission_for};
pub use state::{
    Containment, ContainmentState, DeviceState, InFlight, Phase, Settled, derive_state,
};
pub use tag::{MAX_TAG_CHARS, TAG_PERMISSION, TAG_PERMISSION_DELEGATED, TagRequest, check_tag};
