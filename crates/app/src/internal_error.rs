use desk_domain::DeskError;

/// Logs an unexpected failure under a fresh correlation id and returns the error the
/// person sees: only that id, never the cause (which may name paths, hosts or SQL).
pub fn internal_error(context: &str, cause: &dyn std::fmt::Display) -> DeskError {
    let correlation_id = uuid::Uuid::new_v4().simple().to_string()[..12].to_owned();
    tracing::error!(%correlation_id, %cause, "{context} failed");
    DeskError::Internal { correlation_id }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_carries_a_short_reference_and_not_the_cause() {
        let error = internal_error("saving a customer", &"disk I/O error at /secret/path");
        let DeskError::Internal { correlation_id } = &error else {
            panic!("expected an internal error, got {error:?}");
        };
        assert_eq!(correlation_id.len(), 12);
        assert!(!format!("{error:?}").contains("/secret/path"));
    }

    #[test]
    fn each_failure_gets_its_own_reference() {
        let first = internal_error("a", &"x");
        let second = internal_error("a", &"x");
        assert_ne!(first, second);
    }
}
