//! Which TLS modes may carry a connection to which host. A password and every record
//! cross the connection, so plain text (or TLS that silently falls back to it) is
//! allowed only where nothing travels over a network: to this computer.

use std::net::IpAddr;

use crate::profile::TlsMode;

/// Whether `host` names this computer: `localhost` or a loopback address. (Not
/// `*.localhost`: not every resolver keeps those on this computer.)
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim().trim_start_matches('[').trim_end_matches(']');
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    host.parse::<IpAddr>()
        .is_ok_and(|address| address.is_loopback())
}

impl TlsMode {
    /// Whether the mode may be used to reach `host`: `disable` and `prefer` (which
    /// falls back to plain text without saying so) only for loopback.
    pub fn allowed_for(self, host: &str) -> bool {
        !matches!(self, Self::Disable | Self::Prefer) || is_loopback(host)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_is_this_computer_only() {
        for host in [
            "localhost",
            "LOCALHOST",
            "127.0.0.1",
            "127.8.0.1",
            "::1",
            "[::1]",
        ] {
            assert!(is_loopback(host), "{host}");
        }
        for host in [
            "db.example.com",
            "10.0.0.5",
            "localhost.example.com",
            "db.localhost",
            "0.0.0.0",
            "::",
        ] {
            assert!(!is_loopback(host), "{host}");
        }
    }

    #[test]
    fn plain_text_modes_are_refused_for_other_hosts() {
        assert!(TlsMode::Disable.allowed_for("127.0.0.1"));
        assert!(TlsMode::Prefer.allowed_for("localhost"));
        assert!(!TlsMode::Disable.allowed_for("db.example.com"));
        assert!(!TlsMode::Prefer.allowed_for("10.0.0.5"));
        assert!(TlsMode::VerifyFull.allowed_for("db.example.com"));
        assert!(TlsMode::Require.allowed_for("db.example.com"));
    }
}
