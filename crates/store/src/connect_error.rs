//! Why a store could not be opened, sorted by the part of the connection that failed
//! and told in words a person can act on. The driver's own text never leaves this
//! module: it can quote server internals, and it names nothing a person can fix.

use std::path::PathBuf;

/// Why a store could not be opened: each kind belongs to a different field of the
/// connection form (host, TLS mode, password, database), so the person knows what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConnectError {
    /// The host did not answer (wrong name or port, server down, firewall, timeout).
    #[error("the server cannot be reached: {0}")]
    Unreachable(Unreachable),
    /// The secure connection failed.
    #[error("the secure connection (TLS) failed: {0}")]
    Tls(TlsProblem),
    /// The profile asks for an unencrypted connection to another computer.
    #[error(
        "TLS mode {mode} is allowed only for a server on this computer (localhost); \
         to reach {host}, choose verify-full so that the password and the records cannot \
         be read or changed on the way"
    )]
    InsecureTransport {
        /// The host that is not loopback.
        host: String,
        /// The mode that was refused.
        mode: &'static str,
    },
    /// The server refused the login name or password.
    #[error("the server refused the login name or password")]
    Authentication,
    /// The server has no database of that name.
    #[error("the server has no database named \"{0}\"")]
    DatabaseMissing(String),
    /// Connected, but the schema could not be brought up to date.
    #[error("the database could not be brought up to date ({0})")]
    Migrations(String),
    /// The database has no Customer Desk schema yet.
    #[error(
        "this database is not set up for Customer Desk yet: an administrator sets it up \
         with the database owner's login (Connections, \"Set up / upgrade this database\")"
    )]
    NotSetUp,
    /// The schema is older than this build's.
    #[error(
        "this database has an older schema (version {found}) than this app needs \
         ({expected}): an administrator upgrades it with the database owner's login \
         (Connections, \"Set up / upgrade this database\")"
    )]
    SchemaOlder {
        /// The database's.
        found: i64,
        /// This build's.
        expected: i64,
    },
    /// The schema is newer than this build's.
    #[error(
        "this database was upgraded by a newer Customer Desk (schema {found}; this app \
         knows {expected}): update Customer Desk on this computer"
    )]
    SchemaNewer {
        /// The database's.
        found: i64,
        /// This build's.
        expected: i64,
    },
    /// The folder for a SQLite file could not be created.
    #[error("the folder {path} could not be created ({reason})")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why not.
        reason: String,
    },
    /// A SQLite file could not be created or opened.
    #[error("the database file {path} could not be opened ({reason})")]
    File {
        /// The file.
        path: PathBuf,
        /// Why not.
        reason: String,
    },
    /// Connected, but the server answered something this app does not expect.
    #[error("the server answered unexpectedly ({0})")]
    Unexpected(String),
}

/// Why the server could not be reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Unreachable {
    /// The name does not resolve.
    #[error("the host name is not known (check its spelling)")]
    UnknownHost,
    /// The host answered that nothing listens on the port.
    #[error("nothing accepts connections on that port (check the port, and that the server runs)")]
    Refused,
    /// No answer in time.
    #[error("no answer within {0} seconds (check the host, the port and any firewall)")]
    TimedOut(u64),
    /// The network failed otherwise (connection reset, no route).
    #[error("the network connection failed (check the host and your network)")]
    Network,
}

/// What was wrong with the secure connection.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TlsProblem {
    /// The server does not offer TLS at all.
    #[error("the server does not offer TLS (ask its administrator to turn on ssl)")]
    NotOffered,
    /// The certificate chains to no authority this computer or the CA file trusts.
    #[error(
        "the server's certificate is not signed by an authority this computer trusts, \
         nor by the CA file (check the CA file, or that this is the right server)"
    )]
    UnknownIssuer,
    /// The certificate is for another host name.
    #[error(
        "the server's certificate is for another host name than the one entered \
         (use the name the certificate was issued for, or check that this is the right server)"
    )]
    WrongHost,
    /// The certificate has expired.
    #[error("the server's certificate has expired (its administrator must renew it)")]
    Expired,
    /// The certificate is not valid yet (or this computer's clock is wrong).
    #[error("the server's certificate is not valid yet (check this computer's clock)")]
    NotYetValid,
    /// The certificate was revoked.
    #[error("the server's certificate has been revoked")]
    Revoked,
    /// The CA file cannot be read or holds no certificate.
    #[error("the CA file {0} cannot be read or holds no certificate")]
    CaFile(String),
    /// The certificate is unusable otherwise (malformed, wrong purpose, bad signature).
    #[error("the server's certificate cannot be used ({0})")]
    BadCertificate(String),
    /// The handshake failed otherwise (no common protocol version or cipher).
    #[error("the handshake failed ({0})")]
    Handshake(String),
}

impl ConnectError {
    /// Sorts a driver error by the part of the connection that failed. `timeout` is
    /// how long the attempt was allowed, for the message when it ran out.
    pub fn from_sqlx(error: sqlx::Error, timeout_seconds: u64) -> Self {
        match error {
            sqlx::Error::Io(io) => from_io(&io, timeout_seconds),
            sqlx::Error::PoolTimedOut => Self::Unreachable(Unreachable::TimedOut(timeout_seconds)),
            sqlx::Error::Tls(inner) => Self::Tls(tls_problem(inner.as_ref())),
            sqlx::Error::Database(database) => match database.code().as_deref() {
                // invalid_password, invalid_authorization_specification
                Some("28P01" | "28000") => Self::Authentication,
                // invalid_catalog_name: the message is "database \"x\" does not exist".
                Some("3D000") => Self::DatabaseMissing(
                    database
                        .message()
                        .split('"')
                        .nth(1)
                        .unwrap_or_default()
                        .to_owned(),
                ),
                Some(code) => Self::Unexpected(format!("database error {code}")),
                None => Self::Unexpected("a database error without a code".into()),
            },
            sqlx::Error::Migrate(error) => Self::Migrations(error.to_string()),
            sqlx::Error::Configuration(_) => Self::Unexpected("invalid connection settings".into()),
            sqlx::Error::Protocol(_) => {
                Self::Unexpected("the server does not speak the Postgres protocol".into())
            }
            _ => Self::Unexpected("the connection failed".into()),
        }
    }
}

/// What failed on the network in `error` or its sources (a refused or unanswered
/// connection, an unknown host, a certificate problem), for other protocols than
/// Postgres (SMTP) that fail the same ways; `None` when nothing in the chain is a
/// network or TLS failure.
pub fn network_problem(
    error: &(dyn std::error::Error + 'static),
    timeout_seconds: u64,
) -> Option<ConnectError> {
    let mut cause = Some(error);
    while let Some(current) = cause {
        if let Some(tls) = current.downcast_ref::<rustls::Error>() {
            return Some(ConnectError::Tls(from_rustls(tls)));
        }
        if let Some(io) = current.downcast_ref::<std::io::Error>() {
            return Some(from_io(io, timeout_seconds));
        }
        cause = current.source();
    }
    None
}

fn from_io(error: &std::io::Error, timeout_seconds: u64) -> ConnectError {
    use std::io::ErrorKind;
    // A failed handshake surfaces as an I/O error carrying rustls' own error.
    if let Some(tls) = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
    {
        return ConnectError::Tls(from_rustls(tls));
    }
    ConnectError::Unreachable(match error.kind() {
        ErrorKind::ConnectionRefused => Unreachable::Refused,
        ErrorKind::TimedOut => Unreachable::TimedOut(timeout_seconds),
        // getaddrinfo failures come as `Other` with this wording on every platform tokio
        // supports ("failed to lookup address information: …").
        _ if error.to_string().contains("lookup address") => Unreachable::UnknownHost,
        _ => Unreachable::Network,
    })
}

fn tls_problem(error: &(dyn std::error::Error + 'static)) -> TlsProblem {
    if let Some(tls) = error.downcast_ref::<rustls::Error>() {
        return from_rustls(tls);
    }
    let text = error.to_string();
    if text.contains("does not support TLS") {
        TlsProblem::NotOffered
    } else if let Some(file) = text.strip_prefix("Invalid certificate ") {
        TlsProblem::CaFile(file.to_owned())
    } else {
        TlsProblem::Handshake("the connection could not be secured".into())
    }
}

fn from_rustls(error: &rustls::Error) -> TlsProblem {
    use rustls::CertificateError as Certificate;
    match error {
        rustls::Error::InvalidCertificate(problem) => match problem {
            Certificate::UnknownIssuer => TlsProblem::UnknownIssuer,
            Certificate::NotValidForName | Certificate::NotValidForNameContext { .. } => {
                TlsProblem::WrongHost
            }
            Certificate::Expired | Certificate::ExpiredContext { .. } => TlsProblem::Expired,
            Certificate::NotValidYet | Certificate::NotValidYetContext { .. } => {
                TlsProblem::NotYetValid
            }
            Certificate::Revoked => TlsProblem::Revoked,
            other => TlsProblem::BadCertificate(format!("{other:?}")),
        },
        other => TlsProblem::Handshake(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rustls_certificate_errors_name_the_problem() {
        let cases = [
            (
                rustls::CertificateError::UnknownIssuer,
                TlsProblem::UnknownIssuer,
            ),
            (
                rustls::CertificateError::NotValidForName,
                TlsProblem::WrongHost,
            ),
            (rustls::CertificateError::Expired, TlsProblem::Expired),
        ];
        for (certificate, expected) in cases {
            let io = std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                rustls::Error::InvalidCertificate(certificate),
            );
            assert_eq!(
                ConnectError::from_sqlx(sqlx::Error::Io(io), 10),
                ConnectError::Tls(expected)
            );
        }
    }

    #[test]
    fn refused_and_timed_out_connections_say_what_to_check() {
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert_eq!(
            ConnectError::from_sqlx(sqlx::Error::Io(refused), 10),
            ConnectError::Unreachable(Unreachable::Refused)
        );
        let message = ConnectError::from_sqlx(sqlx::Error::PoolTimedOut, 10).to_string();
        assert!(message.contains("10 seconds"), "{message}");
    }

    #[test]
    fn a_server_without_tls_is_named_as_such() {
        let error = sqlx::Error::Tls("server does not support TLS".into());
        assert_eq!(
            ConnectError::from_sqlx(error, 10),
            ConnectError::Tls(TlsProblem::NotOffered)
        );
    }
}
