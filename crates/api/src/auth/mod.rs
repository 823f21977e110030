//! Sign-in: one `TokenProvider` trait over client credentials, device code, the Azure CLI and a
//! static token. Tokens are cached in memory and refreshed before they expire; secrets and tokens
//! never reach `Debug` output, logs or the screen.

mod audience;
mod azure_cli;
mod cache;
mod claims;
mod credentials;
mod device_code;
mod entra;
mod error;
mod secret;
mod select;
mod static_token;
mod token;

pub use audience::{Audience, GRAPH_RESOURCE, GRAPH_SCOPE};
pub use azure_cli::AzureCli;
pub use cache::TokenCache;
pub use claims::identity_from_jwt;
pub use credentials::{ClientCredentials, CredentialsConfig};
pub use device_code::{DeviceCode, DeviceCodeConfig, DeviceCodePrompt, PromptCallback};
pub use error::AuthError;
pub use secret::{Secret, SecretSource, split_command};
pub use select::{SignInMethod, SignInSettings, choose_provider};
pub use static_token::StaticToken;
pub use token::{AccessToken, TokenFuture, TokenProvider};
