//! The type-specific fields of each Graph evidence type, one struct per `@odata.type`, read
//! leniently: a field that does not parse makes the item `Other`, never an error for the alert.

use crate::enums::DetectionStatus;
use crate::lenient;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// A logged-on user of a device.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedOnUser {
    /// Account name.
    #[serde(default)]
    pub account_name: Option<String>,
    /// Domain.
    #[serde(default)]
    pub domain_name: Option<String>,
}

/// `deviceEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceEvidence {
    /// The 40-hex MDE device id (the hunting tables' `DeviceId`).
    #[serde(default)]
    pub mde_device_id: Option<String>,
    /// Entra device id.
    #[serde(default)]
    pub azure_ad_device_id: Option<String>,
    /// DNS name.
    #[serde(default)]
    pub device_dns_name: Option<String>,
    /// OS platform (`Windows11`, `WindowsServer2022`, …).
    #[serde(default)]
    pub os_platform: Option<String>,
    /// OS build.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub os_build: Option<i64>,
    /// `active`, `inactive`, …
    #[serde(default)]
    pub health_status: Option<String>,
    /// `none`, `informational`, `low`, `medium`, `high`.
    #[serde(default)]
    pub risk_score: Option<String>,
    /// Device group id.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub rbac_group_id: Option<i64>,
    /// Device group name.
    #[serde(default)]
    pub rbac_group_name: Option<String>,
    /// `onboarded`, …
    #[serde(default)]
    pub onboarding_status: Option<String>,
    /// `updated`, `outdated`, …
    #[serde(default)]
    pub defender_av_status: Option<String>,
    /// First seen.
    #[serde(default, deserialize_with = "lenient::opt_time")]
    pub first_seen_date_time: Option<Timestamp>,
    /// Users logged on.
    #[serde(default, deserialize_with = "lenient::null_default")]
    pub logged_on_users: Vec<LoggedOnUser>,
}

/// `fileDetails`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileDetails {
    /// SHA-1.
    #[serde(default)]
    pub sha1: Option<String>,
    /// SHA-256.
    #[serde(default)]
    pub sha256: Option<String>,
    /// File name.
    #[serde(default)]
    pub file_name: Option<String>,
    /// Folder.
    #[serde(default)]
    pub file_path: Option<String>,
    /// Size in bytes.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub file_size: Option<i64>,
    /// Publisher.
    #[serde(default)]
    pub file_publisher: Option<String>,
    /// Signer.
    #[serde(default)]
    pub signer: Option<String>,
    /// Issuer.
    #[serde(default)]
    pub issuer: Option<String>,
}

/// `fileEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileEvidence {
    /// The file.
    #[serde(default)]
    pub file_details: Option<FileDetails>,
    /// `detected`, `blocked`, `prevented`.
    #[serde(default)]
    pub detection_status: Option<DetectionStatus>,
    /// Device it was seen on.
    #[serde(default)]
    pub mde_device_id: Option<String>,
}

/// `userAccount`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserAccount {
    /// SAM name.
    #[serde(default)]
    pub account_name: Option<String>,
    /// Domain.
    #[serde(default)]
    pub domain_name: Option<String>,
    /// SID.
    #[serde(default)]
    pub user_sid: Option<String>,
    /// Entra object id.
    #[serde(default)]
    pub azure_ad_user_id: Option<String>,
    /// UPN.
    #[serde(default)]
    pub user_principal_name: Option<String>,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
}

/// `processEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProcessEvidence {
    /// Process id.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub process_id: Option<i64>,
    /// Parent process id.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub parent_process_id: Option<i64>,
    /// Command line.
    #[serde(default)]
    pub process_command_line: Option<String>,
    /// When it started.
    #[serde(default, deserialize_with = "lenient::opt_time")]
    pub process_creation_date_time: Option<Timestamp>,
    /// When its parent started.
    #[serde(default, deserialize_with = "lenient::opt_time")]
    pub parent_process_creation_date_time: Option<Timestamp>,
    /// Its image.
    #[serde(default)]
    pub image_file: Option<FileDetails>,
    /// Its parent's image.
    #[serde(default)]
    pub parent_process_image_file: Option<FileDetails>,
    /// The account it ran as.
    #[serde(default)]
    pub user_account: Option<UserAccount>,
    /// `detected`, `blocked`, `prevented`.
    #[serde(default)]
    pub detection_status: Option<DetectionStatus>,
    /// Device it ran on.
    #[serde(default)]
    pub mde_device_id: Option<String>,
}

/// `userEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserEvidence {
    /// The account.
    #[serde(default)]
    pub user_account: Option<UserAccount>,
}

/// `ipEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IpEvidence {
    /// The address.
    #[serde(default)]
    pub ip_address: Option<String>,
    /// Two-letter country code.
    #[serde(default)]
    pub country_letter_code: Option<String>,
}

/// `urlEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UrlEvidence {
    /// The URL.
    #[serde(default)]
    pub url: Option<String>,
}

/// `registryKeyEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistryKeyEvidence {
    /// Key path.
    #[serde(default)]
    pub registry_key: Option<String>,
    /// Hive.
    #[serde(default)]
    pub registry_hive: Option<String>,
}

/// `registryValueEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistryValueEvidence {
    /// Key path.
    #[serde(default)]
    pub registry_key: Option<String>,
    /// Hive.
    #[serde(default)]
    pub registry_hive: Option<String>,
    /// Value name.
    #[serde(default)]
    pub registry_value_name: Option<String>,
    /// Value type.
    #[serde(default)]
    pub registry_value_type: Option<String>,
    /// Value data.
    #[serde(default)]
    pub registry_value: Option<String>,
    /// Device.
    #[serde(default)]
    pub mde_device_id: Option<String>,
}

/// `mailboxEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MailboxEvidence {
    /// Primary SMTP address.
    #[serde(default)]
    pub primary_address: Option<String>,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// The owner's account.
    #[serde(default)]
    pub user_account: Option<UserAccount>,
}

/// A sender of an email (`p1Sender`: envelope, `p2Sender`: header From).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmailSender {
    /// Address.
    #[serde(default)]
    pub email_address: Option<String>,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Domain.
    #[serde(default)]
    pub domain_name: Option<String>,
}

/// `analyzedMessageEvidence`: an email Defender for Office 365 analysed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalyzedMessageEvidence {
    /// Exchange's message id (the hunting tables' `NetworkMessageId`).
    #[serde(default)]
    pub network_message_id: Option<String>,
    /// `Message-ID` header.
    #[serde(default)]
    pub internet_message_id: Option<String>,
    /// Subject (attacker-controlled).
    #[serde(default)]
    pub subject: Option<String>,
    /// Language.
    #[serde(default)]
    pub language: Option<String>,
    /// Sending IP.
    #[serde(default)]
    pub sender_ip: Option<String>,
    /// Recipient.
    #[serde(default)]
    pub recipient_email_address: Option<String>,
    /// `inbound`, `outbound`, `intraorg`.
    #[serde(default)]
    pub anti_spam_direction: Option<String>,
    /// `delivered`, `blocked`, `replaced`, …
    #[serde(default)]
    pub delivery_action: Option<String>,
    /// `inbox`, `junkFolder`, `quarantine`, …
    #[serde(default)]
    pub delivery_location: Option<String>,
    /// Number of URLs in the message.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub url_count: Option<i64>,
    /// Number of attachments.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub attachments_count: Option<i64>,
    /// When it arrived.
    #[serde(default, deserialize_with = "lenient::opt_time")]
    pub received_date_time: Option<Timestamp>,
    /// Envelope sender.
    #[serde(default)]
    pub p1_sender: Option<EmailSender>,
    /// Header sender.
    #[serde(default)]
    pub p2_sender: Option<EmailSender>,
    /// Threats found (`Phish`, `Malware`, …).
    #[serde(default, deserialize_with = "lenient::null_default")]
    pub threats: Vec<String>,
    /// URLs in the message.
    #[serde(default, deserialize_with = "lenient::null_default")]
    pub urls: Vec<String>,
}

/// `cloudApplicationEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CloudApplicationEvidence {
    /// Defender for Cloud Apps app id.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub app_id: Option<i64>,
    /// Name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Instance name.
    #[serde(default)]
    pub instance_name: Option<String>,
    /// SaaS app id.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub saas_app_id: Option<i64>,
}

/// `oauthApplicationEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthApplicationEvidence {
    /// Application id.
    #[serde(default)]
    pub app_id: Option<String>,
    /// Name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Service principal object id.
    #[serde(default)]
    pub object_id: Option<String>,
    /// Publisher.
    #[serde(default)]
    pub publisher: Option<String>,
}

/// `azureResourceEvidence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AzureResourceEvidence {
    /// ARM id.
    #[serde(default)]
    pub resource_id: Option<String>,
    /// Name.
    #[serde(default)]
    pub resource_name: Option<String>,
    /// Type (`Microsoft.Storage/storageAccounts`).
    #[serde(default)]
    pub resource_type: Option<String>,
}
