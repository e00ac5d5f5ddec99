use desk_domain::staff::Role;

use crate::StoreError;

/// Roles as both backends aggregate them: role codes joined by commas (or nothing).
/// Returned in [`Role::ALL`] order, so both stores agree.
pub(crate) fn parse_roles(joined: Option<&str>) -> Result<Vec<Role>, StoreError> {
    let mut roles = Vec::new();
    for code in joined
        .unwrap_or_default()
        .split(',')
        .filter(|code| !code.is_empty())
    {
        let role = Role::from_code(code)
            .ok_or_else(|| StoreError::Corrupt(format!("staff_roles.role {code:?}")))?;
        roles.push(role);
    }
    roles.sort();
    roles.dedup();
    Ok(roles)
}
