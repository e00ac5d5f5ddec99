use chrono::Utc;
use desk_app::commands::audit::ListAudit;
use desk_app::profiles::Workspace;
use desk_domain::DeskError;
use desk_domain::audit::{AuditFilter, AuditPage};
use tauri::State;

#[tauri::command]
pub async fn list_audit(
    desk: State<'_, Workspace>,
    filter: AuditFilter,
) -> Result<AuditPage, DeskError> {
    desk.execute(ListAudit(filter), Utc::now()).await
}
