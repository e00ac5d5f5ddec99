//! The OS keyring, for real: `cargo xtask test` runs `secret_service::` inside a
//! private D-Bus session with an unlocked GNOME Keyring, `kernel::` inside a fresh
//! kernel keyring session (`keyctl session`), and `unavailable::` with no session bus,
//! where the app must say "no keyring" rather than fail.

use customer_desk::keyring_secrets::{Backend, KeyringSecrets};
use desk_app::profiles::{SecretError, SecretStore};
use desk_domain::Sensitive;

fn fresh_service() -> String {
    format!("customer-desk-test-{}", uuid::Uuid::new_v4().simple())
}

/// The story every real keyring must tell, run off the async workers as the app does.
async fn story(backend: Backend) {
    let service = fresh_service();
    tokio::task::spawn_blocking(move || {
        let secrets = KeyringSecrets::new(&service, backend);
        secrets.probe().expect("the keyring is available");
        assert_eq!(
            secrets.get("Head office").expect("reads"),
            None,
            "missing is not an error"
        );
        secrets
            .set("Head office", &Sensitive::new("s3cret pw".to_owned()))
            .expect("saves");
        // A second handle (a new Entry, as after a restart) finds the same secret.
        let again = KeyringSecrets::new(&service, backend);
        let found = again.get("Head office").expect("reads").expect("saved");
        assert_eq!(found.expose(), "s3cret pw");
        assert_eq!(
            again.get("Branch").expect("reads"),
            None,
            "entries are per profile"
        );
        again
            .set("Head office", &Sensitive::new("rotated pw".to_owned()))
            .expect("replaces");
        assert_eq!(
            secrets
                .get("Head office")
                .expect("reads")
                .expect("saved")
                .expose(),
            "rotated pw"
        );
        secrets.delete("Head office").expect("deletes");
        assert_eq!(again.get("Head office").expect("reads"), None);
        secrets
            .delete("Head office")
            .expect("deleting twice is fine");
    })
    .await
    .expect("the blocking task ends");
}

mod secret_service {
    #[tokio::test(flavor = "multi_thread")]
    async fn passwords_round_trip_through_the_secret_service() {
        super::story(super::Backend::Default).await;
    }
}

#[cfg(target_os = "linux")]
mod kernel {
    #[tokio::test(flavor = "multi_thread")]
    async fn passwords_round_trip_through_the_kernel_keyring() {
        super::story(super::Backend::KernelKeyring).await;
    }
}

mod unavailable {
    use super::*;

    #[tokio::test(flavor = "multi_thread")]
    async fn with_no_session_bus_the_keyring_says_unavailable_instead_of_failing() {
        let service = fresh_service();
        let result = tokio::task::spawn_blocking(move || {
            let secrets = KeyringSecrets::new(&service, Backend::Default);
            (secrets.probe(), secrets.get("Head office"))
        })
        .await
        .expect("the blocking task ends");
        assert!(
            matches!(result.0, Err(SecretError::Unavailable(_))),
            "{:?}",
            result.0
        );
        assert!(
            matches!(result.1, Err(SecretError::Unavailable(_))),
            "{:?}",
            result.1
        );
    }
}
