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
    /// Every profile, sorted by name.
    #[serde(rename = "profile")]
    pub profiles: Vec<Profile>,
}

impl Default for ProfilesDocument {
    /// First run: the local SQLite file only.
    fn default() -> Self {
        Self {
            active: LOCAL_PROFILE.to_owned(),
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
                reason: describe_toml_error(&text, &error),
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(source) => Err(ProfilesFileError::Io {
                action: "read",
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// Reads the file at start-up. A file that cannot be parsed is no reason to refuse
    /// to start: it is renamed aside (kept for its owner to repair or delete) and the
    /// first-run default is used, with a notice saying where it went and why.
    pub fn load_or_set_aside(path: &Path) -> Result<(Self, Option<String>), ProfilesFileError> {
        match Self::load(path) {
            Ok(document) => Ok((document, None)),
            Err(ProfilesFileError::Invalid { reason, .. }) => {
                let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
                let aside = path.with_extension(format!("toml.unreadable-{stamp}"));
                std::fs::rename(path, &aside).map_err(|source| ProfilesFileError::Io {
                    action: "set aside",
                    path: path.to_owned(),
                    source,
                })?;
                let notice = format!(
                    "The connections file could not be read ({reason}). It was kept as {} \
                     and the app started with the local connection only.",
                    aside.display()
                );
                Ok((Self::default(), Some(notice)))
            }
            Err(other) => Err(other),
        }
    }

    /// Writes the file atomically and durably: a temporary file, flushed to disk, then
    /// renamed over the old one (and, on Unix, the folder flushed so the rename
    /// itself survives a power cut). A crash leaves the old file or the new one, never
    /// half of either.
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
        write_durably(&temporary, text.as_bytes())
            .and_then(|()| std::fs::rename(&temporary, path))
            .and_then(|()| flush_folder(path))
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

fn write_durably(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Makes a rename in `path`'s folder durable. Windows has no folder handles to flush;
/// NTFS journals the rename itself.
fn flush_folder(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some(folder) = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
    {
        std::fs::File::open(folder)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The parser's complaint with the line it is on: "line 3: invalid string".
fn describe_toml_error(text: &str, error: &toml::de::Error) -> String {
    let what = error.message();
    match error.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {what}")
        }
        None => what.to_owned(),
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
    fn a_corrupt_file_is_set_aside_with_its_line_and_the_app_starts_on_the_default() {
        let dir = tempfile::tempdir().expect("folder");
        let path = dir.path().join(PROFILES_FILE);
        std::fs::write(
            &path,
            "active = \"Local\"\n\n[[profile]]\nname = \"Local\nkind = 3\n",
        )
        .expect("writes a broken file");
        let (document, notice) = ProfilesDocument::load_or_set_aside(&path).expect("starts");
        assert_eq!(document, ProfilesDocument::default());
        let notice = notice.expect("says what happened");
        assert!(notice.contains("line 4"), "{notice}");
        assert!(!path.exists(), "the broken file is no longer in the way");
        let kept: Vec<_> = std::fs::read_dir(dir.path())
            .expect("lists")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|name| name.starts_with("profiles.toml.unreadable-"))
            .collect();
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert!(notice.contains(&kept[0]), "{notice}");
    }

    #[test]
    fn saving_leaves_no_temporary_file_behind() {
        let dir = tempfile::tempdir().expect("folder");
        let path = dir.path().join(PROFILES_FILE);
        ProfilesDocument::default().save(&path).expect("saves");
        ProfilesDocument::default().save(&path).expect("saves over");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("lists")
            .map(|entry| entry.expect("entry").file_name())
            .collect();
        assert_eq!(names, [PROFILES_FILE]);
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
