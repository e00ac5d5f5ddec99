use desk_domain::profile::fields;
use desk_domain::{DeskError, FieldError, FieldErrorCode};
use desk_store::{ConnectError, TlsProblem};

/// A failed connection to the profile `name`, told on the field of the connection form
/// that the person should look at: the host when it cannot be reached, the TLS mode
/// when the secure connection failed, the password when it was refused, and so on.
pub fn connection_failed(name: &str, error: &ConnectError) -> DeskError {
    let field = match error {
        ConnectError::Unreachable(_) | ConnectError::Unexpected(_) => fields::HOST,
        ConnectError::Tls(TlsProblem::CaFile(_)) => fields::CA_FILE,
        ConnectError::Tls(_) | ConnectError::InsecureTransport { .. } => fields::TLS_MODE,
        ConnectError::Authentication => fields::PASSWORD,
        ConnectError::DatabaseMissing(_)
        | ConnectError::Migrations(_)
        | ConnectError::NotSetUp
        | ConnectError::SchemaOlder { .. }
        | ConnectError::SchemaNewer { .. } => fields::DATABASE,
        ConnectError::Folder { .. } | ConnectError::File { .. } => fields::SQLITE_PATH,
    };
    DeskError::Validation {
        fields: vec![FieldError::new(
            field,
            FieldErrorCode::ConnectionFailed,
            format!("Could not connect to \"{name}\": {error}."),
        )],
    }
}

#[cfg(test)]
mod tests {
    use desk_store::Unreachable;

    use super::*;

    #[test]
    fn each_kind_of_failure_lands_on_its_own_field() {
        let cases = [
            (
                ConnectError::Unreachable(Unreachable::Refused),
                fields::HOST,
            ),
            (
                ConnectError::Tls(TlsProblem::UnknownIssuer),
                fields::TLS_MODE,
            ),
            (
                ConnectError::InsecureTransport {
                    host: "db.example.com".into(),
                    mode: "disable",
                },
                fields::TLS_MODE,
            ),
            (ConnectError::Authentication, fields::PASSWORD),
            (
                ConnectError::DatabaseMissing("desk".into()),
                fields::DATABASE,
            ),
        ];
        for (error, field) in cases {
            let refused = connection_failed("Head office", &error);
            let problem = &refused.field_errors()[0];
            assert_eq!(problem.field, field, "{error}");
            assert_eq!(problem.code, FieldErrorCode::ConnectionFailed);
            assert!(
                problem.message.contains("Head office"),
                "{}",
                problem.message
            );
        }
    }
}
