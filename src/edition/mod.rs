//! An edition folder: its configuration (`edition.toml`), its plain-text
//! sources, its TEI letters and its register, and building it in one step.
//!
//! ```text
//! editions/NAME/
//!   edition.toml     title, editors, licence, publisher, language
//!   sources/*.txt    the plain-text transcriptions
//!   letters/*.xml    the TEI letters (encoded from sources/, then corrected)
//!   register.xml     the register of persons, places and organisations
//! ```

mod build;
mod config;

pub use build::{build, BuildOptions, BuildReport};
pub use config::{Config, ConfigError};
