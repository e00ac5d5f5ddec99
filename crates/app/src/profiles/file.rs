use std::path::Path;

use desk_domain::profile::{LOCAL_PROFILE, Profile, ProfileTarget};
use serde::{Deserialize, Serialize};

/// The profiles file's name in the OS config folder.
pub const PROFILES_FILE: &str = "profiles.toml";

/// Why the profiles file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ProfilesFileError {
    /// The file is there but is not a profiles file.
    #[error("{path} is not a valid profiles file: {reason}")]
    Invalid {
        /// The file.
        path: std::path::PathBuf,
        /// What the TOML parser said.
        reason: String,
    },
    /// Reading, writing or creating its folder failed.
    #[error("cannot {action} {path}: {source}")]
    Io {
        /// "read", "write" or "create".
        action: &'static str,
        /// The file or folder.
        path: std::path::PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
}

/// The profiles file: every profile and the active one. By construction it has no
/// field that could hold a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfilesDocument {
    /// The profile opened at start-up.
    pub active: String,
    /// Minutes without activity after which the app signs out (default 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_timeout_minutes: Option<u32>,
    /// Every profile, sorted by name.
    #[serde(rename = "profile")]
    pub profiles: Vec<Profile>,
}

impl Default for ProfilesDocument {
    /// First run: the local SQLite file only.
    fn default() -> Self {
        Self {
            active: LOCAL_PROFILE.to_owned(),
            idle_timeout_minutes: None,
            profiles: vec![Profile {
                name: LOCAL_PROFILE.to_owned(),
                target: ProfileTarget::Sqlite { path: None },
            }],
        }
    }
}

impl ProfilesDocument {
    /// Reads the file at `path`; a missing file is the first-run default.
    pub fn load(path: &Path) -> Result<Self, ProfilesFileError> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text).map_err(|error| ProfilesFileError::Invalid {
                path: path.to_owned(),
                reason: error.to_string(),
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(source) => Err(ProfilesFileError::Io {
                action: "read",
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// Writes the file atomically (a temporary file renamed over the old one), so a
    /// crash never leaves half a file.
    pub fn save(&self, path: &Path) -> Result<(), ProfilesFileError> {
        let text = toml::to_string_pretty(self).map_err(|error| ProfilesFileError::Invalid {
            path: path.to_owned(),
            reason: error.to_string(),
        })?;
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|source| ProfilesFileError::Io {
                action: "create",
                path: folder.to_owned(),
                source,
            })?;
        }
        let temporary = path.with_extension("toml.new");
        std::fs::write(&temporary, text)
            .and_then(|()| std::fs::rename(&temporary, path))
            .map_err(|source| ProfilesFileError::Io {
                action: "write",
                path: path.to_owned(),
                source,
            })
    }

    /// The profile named `name`.
    pub fn find(&self, name: &str) -> Option<&Profile> {
        self.profiles.iter().find(|profile| profile.name == name)
    }

    /// Adds `profile`, or replaces the one named `replacing` (a rename) or of the
    /// same name.
    pub fn upsert(&mut self, replacing: Option<&str>, profile: Profile) {
        let old_name = replacing.unwrap_or(&profile.name).to_owned();
        self.profiles.retain(|existing| existing.name != old_name);
        if self.active == old_name {
            self.active = profile.name.clone();
        }
        self.profiles.push(profile);
        self.profiles
            .sort_by_key(|profile| profile.name.to_lowercase());
    }

    /// Removes the profile named `name`.
    pub fn remove(&mut self, name: &str) {
        self.profiles.retain(|profile| profile.name != name);
    }
}

#[cfg(test)]
mod tests {
    use desk_domain::profile::TlsMode;

    use super::*;

    #[test]
    fn a_missing_file_is_the_local_default_and_a_saved_one_reads_back() {
        let dir = tempfile::tempdir().expect("folder");
        let path = dir.path().join("nested").join(PROFILES_FILE);
        let mut document = ProfilesDocument::load(&path).expect("default");
        assert_eq!(document, ProfilesDocument::default());
        document.upsert(
            None,
            Profile {
                name: "Head office".into(),
                target: ProfileTarget::Postgres {
                    host: "db.example.com".into(),
                    port: 5432,
                    database: "desk".into(),
                    user: "ann".into(),
                    tls_mode: TlsMode::VerifyFull,
                    ca_file: Some("/etc/ssl/ca.pem".into()),
                },
            },
        );
        document.save(&path).expect("saves");
        assert_eq!(ProfilesDocument::load(&path).expect("loads"), document);
        let text = std::fs::read_to_string(&path).expect("reads");
        assert!(text.contains("tls_mode = \"verify-full\""), "{text}");
    }

    #[test]
    fn renaming_the_active_profile_keeps_it_active() {
        let mut document = ProfilesDocument::default();
        document.upsert(
            Some(LOCAL_PROFILE),
            Profile {
                name: "My laptop".into(),
                target: ProfileTarget::Sqlite { path: None },
            },
        );
        assert_eq!(document.active, "My laptop");
        assert_eq!(document.profiles.len(), 1);
    }
}
