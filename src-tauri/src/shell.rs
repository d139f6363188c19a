//! The commands the shell implements itself (declared `shell` in stardesk-core's
//! `commands.rs`): native dialogs and the window. Each has exactly the declared
//! argument and result types, after the app handle and the state.
//!
//! Paths the user picks here are granted to the context (see
//! `Context::grant_paths`): the window can import or preview only those, and files
//! dropped on it (granted in `lib.rs`).

use stardesk_core::ipc::{ImportKind, ReportFormat, UiMark};
use stardesk_core::{AppError, ErrorCode};
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

use crate::AppState;

fn dialog_error(e: impl std::fmt::Display) -> AppError {
    AppError::new(ErrorCode::Internal, format!("the file dialog failed: {e}"))
}

/// The UI reports its first rows on screen: logged with the window's own marks, and
/// printed as `READY` for `make bench`'s cold-start measurement when
/// `STARDESK_BENCH_READY` is set.
pub async fn ui_ready(
    _app: &AppHandle,
    _state: &AppState,
    rows: u32,
    marks: Vec<UiMark>,
) -> Result<(), AppError> {
    tracing::info!(rows, "task hall ready");
    crate::startup::ui_marks(&marks);
    crate::startup::ready();
    if std::env::var_os("STARDESK_BENCH_READY").is_some() {
        println!("READY");
    }
    Ok(())
}

/// The UI reports the task hall's own rows on screen, which answer clicks: logged with
/// the window's marks since `ui_ready`, and printed as `INTERACTIVE` for `make bench`
/// when `STARDESK_BENCH_READY` is set. With the first paint (the UI's `firstPaint/`) it
/// comes after `ui_ready`; without, right after it.
pub async fn ui_interactive(
    _app: &AppHandle,
    _state: &AppState,
    marks: Vec<UiMark>,
) -> Result<(), AppError> {
    crate::startup::ui_marks(&marks);
    if crate::startup::interactive() && std::env::var_os("STARDESK_BENCH_READY").is_some() {
        println!("INTERACTIVE");
    }
    Ok(())
}

/// The page listens to core's events: the notices held until now are emitted.
pub async fn events_listening(app: &AppHandle, _state: &AppState) -> Result<(), AppError> {
    app.state::<std::sync::Arc<crate::WindowEvents>>()
        .listening();
    Ok(())
}

/// The fatal screen's retry: opens the data directory again if it could not be opened.
pub async fn reopen_context(app: &AppHandle, state: &AppState) -> Result<(), AppError> {
    let events = app
        .state::<std::sync::Arc<crate::WindowEvents>>()
        .inner()
        .clone();
    state.reopen(events).await
}

/// The native open dialog for settlement files (CSV, XLSX, XLS); empty when cancelled.
pub async fn pick_settlement_files(
    app: &AppHandle,
    state: &AppState,
    kind: ImportKind,
) -> Result<Vec<String>, AppError> {
    let ctx = state.ctx()?;
    let picked = match test_seam::picks(kind)? {
        Some(paths) => paths,
        None => {
            let app = app.clone();
            tauri::async_runtime::spawn_blocking(move || {
                app.dialog()
                    .file()
                    .add_filter("CSV / Excel", &["csv", "xlsx", "xls", "txt"])
                    .blocking_pick_files()
            })
            .await
            .map_err(dialog_error)?
            .unwrap_or_default()
            .into_iter()
            .map(|p| {
                p.into_path()
                    .map(|p| p.display().to_string())
                    .map_err(dialog_error)
            })
            .collect::<Result<Vec<_>, _>>()?
        }
    };
    ctx.grant_paths(&picked);
    Ok(picked)
}

/// The bytes a suggested name keeps at most (file systems allow 255 for a whole name,
/// extension included; a Chinese character is three).
const NAME_BYTES: usize = 200;

/// The name a save dialog suggests, from the window's `wanted` (words in its language):
/// without path separators, control characters or the characters Windows refuses in a
/// name, at most [`NAME_BYTES`], trimmed of dots and spaces at the ends; `fallback` when
/// nothing is left.
fn suggested_name(wanted: &str, fallback: &str) -> String {
    let mut kept = String::new();
    let allowed = |c: &char| {
        !c.is_control() && !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
    };
    for c in wanted.chars().filter(allowed) {
        if kept.len() + c.len_utf8() > NAME_BYTES {
            break;
        }
        kept.push(c);
    }
    let kept = kept.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if kept.is_empty() {
        fallback.to_string()
    } else {
        kept.to_string()
    }
}

/// Asks where to save the report (native save dialog), then writes it; the path, or
/// `None` when the user cancelled.
pub async fn export_report(
    app: &AppHandle,
    state: &AppState,
    format: ReportFormat,
    as_of: Option<String>,
    file_name: String,
) -> Result<Option<String>, AppError> {
    let ext = match format {
        ReportFormat::Csv => "csv",
        ReportFormat::Xlsx => "xlsx",
    };
    let path = match test_seam::save_path(ext)? {
        Some(path) => Some(path),
        None => {
            let name = format!("{}.{ext}", suggested_name(&file_name, "对账报告"));
            let app = app.clone();
            let picked = tauri::async_runtime::spawn_blocking(move || {
                app.dialog()
                    .file()
                    .set_file_name(name)
                    .add_filter(ext.to_uppercase(), &[ext])
                    .blocking_save_file()
            })
            .await
            .map_err(dialog_error)?;
            match picked {
                None => None,
                Some(p) => Some(p.into_path().map_err(dialog_error)?.display().to_string()),
            }
        }
    };
    let Some(path) = path else {
        return Ok(None);
    };
    state
        .ctx()?
        .export_report(path.clone(), format, as_of)
        .await?;
    Ok(Some(path))
}

/// Asks where to save the calendar (native save dialog), then writes every campaign date
/// as an iCalendar file; the path, or `None` when the user cancelled.
pub async fn export_calendar(
    app: &AppHandle,
    state: &AppState,
    file_name: String,
) -> Result<Option<String>, AppError> {
    let name = format!("{}.ics", suggested_name(&file_name, "StarDesk-合作日程"));
    let path = match test_seam::save_path("ics")? {
        Some(path) => Some(path),
        None => {
            let app = app.clone();
            let picked = tauri::async_runtime::spawn_blocking(move || {
                app.dialog()
                    .file()
                    .set_file_name(name)
                    .add_filter("iCalendar", &["ics"])
                    .blocking_save_file()
            })
            .await
            .map_err(dialog_error)?;
            match picked {
                None => None,
                Some(p) => Some(p.into_path().map_err(dialog_error)?.display().to_string()),
            }
        }
    };
    let Some(path) = path else {
        return Ok(None);
    };
    state.ctx()?.export_calendar(path.clone()).await?;
    Ok(Some(path))
}

/// The one test seam, compiled only with the `test-seam` feature (`make test`): with
/// `STARDESK_TEST_PICK_DIR` set, a directory stands in for the native dialogs, which
/// WebDriver cannot reach — `<kind>/` holds the files "picked", `exports/` receives saved
/// reports. Everything after the pick is the real path.
#[cfg(feature = "test-seam")]
mod test_seam {
    use super::{dialog_error, AppError, ImportKind};

    const PICK_DIR: &str = "STARDESK_TEST_PICK_DIR";

    pub fn picks(kind: ImportKind) -> Result<Option<Vec<String>>, AppError> {
        let Some(dir) = std::env::var_os(PICK_DIR) else {
            return Ok(None);
        };
        let dir = std::path::Path::new(&dir).join(kind.as_str());
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .map_err(|e| dialog_error(format!("{}: {e}", dir.display())))?
            .filter_map(|entry| entry.ok().map(|e| e.path().display().to_string()))
            .collect();
        files.sort();
        Ok(Some(files))
    }

    pub fn save_path(ext: &str) -> Result<Option<String>, AppError> {
        let Some(dir) = std::env::var_os(PICK_DIR) else {
            return Ok(None);
        };
        let dir = std::path::Path::new(&dir).join("exports");
        std::fs::create_dir_all(&dir).map_err(dialog_error)?;
        Ok(Some(
            dir.join(format!("report.{ext}")).display().to_string(),
        ))
    }
}

/// Without the `test-seam` feature there is no seam: the dialogs always open.
#[cfg(not(feature = "test-seam"))]
mod test_seam {
    use super::{AppError, ImportKind};

    pub fn picks(_kind: ImportKind) -> Result<Option<Vec<String>>, AppError> {
        Ok(None)
    }

    pub fn save_path(_ext: &str) -> Result<Option<String>, AppError> {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::suggested_name;

    #[test]
    fn a_suggested_name_is_the_windows_words_without_what_a_file_name_cannot_hold() {
        assert_eq!(suggested_name("对账报告", "x"), "对账报告");
        assert_eq!(
            suggested_name("Reconciliation report", "x"),
            "Reconciliation report"
        );
        assert_eq!(suggested_name("../a/b:c*?\"<>|\u{7}", "x"), "abc");
        assert_eq!(suggested_name(" .report. ", "x"), "report");
        assert_eq!(suggested_name("", "对账报告"), "对账报告");
        assert_eq!(suggested_name("/// ..", "对账报告"), "对账报告");
        let long = suggested_name(&"长".repeat(300), "x");
        assert_eq!((long.len(), long.chars().count()), (198, 66));
    }
}
