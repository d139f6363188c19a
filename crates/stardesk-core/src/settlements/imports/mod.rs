//! Settlement files into the store: read with progress, checked whole, stored all or
//! nothing; the file list and the preview for the mapping dialog.

pub mod ipc;

use std::path::Path;

use stardesk_import::{AnyImported, ColumnMapping, FileKind};
use stardesk_store::settlements::{ImportFileMeta, ImportFileRecord, ImportLines, LineKind};

use super::mapping_profiles::from_mapping;
use super::{now, to_u32};
use crate::codes::Code;
use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};
use crate::events::{AppEvent, DataArea};
use ipc::*;

/// The field the importer names `name`.
pub(crate) fn import_field(name: &str) -> Result<ImportField, AppError> {
    ImportField::from_code(name).ok_or_else(|| {
        AppError::new(
            ErrorCode::Internal,
            format!("the importer names a field StarDesk does not know: {name:?}"),
        )
    })
}

/// Every field of a kind of file, as the importer lists them.
pub fn kind_fields(kind: ImportKind) -> Result<Vec<ImportFieldSpec>, AppError> {
    file_kind(kind)
        .fields()
        .iter()
        .map(|f| {
            Ok(ImportFieldSpec {
                field: import_field(f.name)?,
                required: f.required,
            })
        })
        .collect()
}

/// Rows shown in a file preview.
const PREVIEW_ROWS: usize = 20;

pub(crate) fn file_kind(kind: ImportKind) -> FileKind {
    match kind {
        ImportKind::Statement => FileKind::Statement,
        ImportKind::Bank => FileKind::Bank,
        ImportKind::Expected => FileKind::Expected,
        ImportKind::Invoices => FileKind::Invoices,
    }
}

pub(crate) fn line_kind(kind: ImportKind) -> LineKind {
    match kind {
        ImportKind::Statement => LineKind::Statement,
        ImportKind::Bank => LineKind::Bank,
        ImportKind::Expected => LineKind::Expected,
        ImportKind::Invoices => LineKind::Invoices,
    }
}

pub(crate) fn import_kind(kind: LineKind) -> ImportKind {
    match kind {
        LineKind::Statement => ImportKind::Statement,
        LineKind::Bank => ImportKind::Bank,
        LineKind::Expected => ImportKind::Expected,
        LineKind::Invoices => ImportKind::Invoices,
    }
}

/// Reads a file; errors name the path.
fn read_file(path: &str) -> Result<(String, Vec<u8>), AppError> {
    Ok((display_name(path), read_with_progress(path, &|_, _| {})?))
}

/// Errors and the file list show the name the user knows, not the whole path.
fn display_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

/// Bytes read between two progress reports.
const READ_CHUNK: usize = 4 << 20;

/// Reads a whole file in chunks, reporting (bytes read, file size) after each.
fn read_with_progress(path: &str, progress: &dyn Fn(u64, u64)) -> Result<Vec<u8>, AppError> {
    use std::io::Read;
    let fail =
        |e: std::io::Error| AppError::invalid_input(format!("{path}: cannot read the file: {e}"));
    let mut file = std::fs::File::open(path).map_err(fail)?;
    let total = file.metadata().map_err(fail)?.len();
    let mut bytes = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
    let mut chunk = vec![0; READ_CHUNK];
    progress(0, total);
    loop {
        let n = file.read(&mut chunk).map_err(fail)?;
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..n]);
        progress(bytes.len() as u64, total.max(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A file as the import read it.
enum Read {
    /// Checked whole: its lines.
    Parsed(AnyImported),
    /// The same source as the file stored last before it: not parsed.
    Unchanged(Vec<u8>),
}

/// A file's lines, checked whole; errors name the file, row and field.
fn parse(
    kind: ImportKind,
    name: &str,
    bytes: &[u8],
    mapping: &ColumnMapping,
) -> Result<AnyImported, AppError> {
    stardesk_import::import_with_mapping(file_kind(kind), name, bytes, mapping)
        .map_err(|e| AppError::import(&e))
}

impl Context {
    /// Imports one file into the database, all or nothing: see
    /// [`Context::import_settlement_files`].
    pub async fn import_settlement_file(
        &self,
        kind: ImportKind,
        path: String,
        profile: Option<String>,
    ) -> Result<ImportResult, AppError> {
        let mut results = self
            .import_settlement_files(kind, vec![path], profile)
            .await?;
        results
            .pop()
            .ok_or_else(|| AppError::new(ErrorCode::Internal, "no import result"))
    }

    /// Imports files of one kind. Every file is read and checked before any is stored,
    /// so a bad file (named with its row, column and value) stores nothing at all; then
    /// each file is stored in its own transaction. A line already stored (this file
    /// imported before, an overlapping period) is counted in `already_present` and not
    /// added again. `profile` names a saved mapping profile of the same kind; without
    /// one, columns are found by their headers. Every phase of every file goes out as
    /// [`AppEvent::ImportProgress`]; lines added or changed (a statement line's payout
    /// status from a newer export), as [`AppEvent::DataChanged`].
    ///
    /// A file with the very source of the file stored last of its kind (the same bytes
    /// and mapping, read by the same build: a re-import) is not parsed: it was checked
    /// when that file was read, and it is recorded with that file's line count and
    /// encoding, all already present, going from Reading to Done. Should another import
    /// come first, it is parsed when its turn to be stored comes (by the same build, so
    /// it reads as before).
    pub async fn import_settlement_files(
        &self,
        kind: ImportKind,
        paths: Vec<String>,
        profile: Option<String>,
    ) -> Result<Vec<ImportResult>, AppError> {
        if paths.is_empty() {
            return Err(AppError::invalid_input("no file to import"));
        }
        self.check_granted(&paths)?;
        let sink = self.event_sink();
        let progress = move |p: ImportProgress| sink.emit(AppEvent::ImportProgress(p));
        let mapping = self.mapping_for(kind, profile).await?;
        let progress = std::sync::Arc::new(progress);
        let (results, changed) = self.store_imports(kind, paths, mapping, progress).await?;
        if changed {
            self.emit(AppEvent::data_changed(&[DataArea::Settlements]));
        }
        Ok(results)
    }

    async fn store_imports(
        &self,
        kind: ImportKind,
        paths: Vec<String>,
        mapping: ColumnMapping,
        progress: std::sync::Arc<impl Fn(ImportProgress) + Send + Sync + 'static>,
    ) -> Result<(Vec<ImportResult>, bool), AppError> {
        let file_count = to_u32(paths.len());
        // A file with the source of the file stored last before it (the last of its kind
        // in the store, or the one before it in this batch) reads as the same lines: it is
        // not parsed (Store::import_unchanged).
        let last_source =
            with_store(&self.reader, move |s| s.last_source_digest(line_kind(kind))).await?;
        let report = progress.clone();
        let read_mapping = mapping.clone();
        let prepared = tokio::task::spawn_blocking(move || {
            let mut prepared = Vec::with_capacity(paths.len());
            let mut before = last_source;
            for (index, path) in paths.iter().enumerate() {
                let at = |phase, done, total, name: &str| ImportProgress {
                    file_name: name.to_string(),
                    file_index: to_u32(index),
                    file_count,
                    phase,
                    done,
                    total,
                };
                let name = display_name(path);
                let bytes = read_with_progress(path, &|done, total| {
                    report(at(ImportPhase::Reading, done, total, &name))
                })?;
                let source =
                    stardesk_import::source_digest(file_kind(kind), &name, &bytes, &read_mapping);
                let read = if before == Some(source) {
                    Read::Unchanged(bytes)
                } else {
                    report(at(ImportPhase::Parsing, 0, 0, &name));
                    Read::Parsed(parse(kind, &name, &bytes, &read_mapping)?)
                };
                before = Some(source);
                prepared.push((name, source, read));
            }
            Ok::<_, AppError>(prepared)
        })
        .await
        .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))??;
        let mut results = Vec::with_capacity(prepared.len());
        // Whether a line was added or changed (a newer export's payout status).
        let mut changed = false;
        for (index, (name, source, read)) in prepared.into_iter().enumerate() {
            let at = {
                let name = name.clone();
                move |phase, done: usize, total: usize| ImportProgress {
                    file_name: name.clone(),
                    file_index: to_u32(index),
                    file_count,
                    phase,
                    done: done as u64,
                    total: total as u64,
                }
            };
            let meta = ImportFileMeta {
                file_name: name.clone(),
                imported_at: now(),
                encoding: String::new(),
                source_digest: Some(source),
            };
            let imported = match read {
                Read::Parsed(imported) => imported,
                Read::Unchanged(bytes) => {
                    let unchanged_meta = meta.clone();
                    let unchanged = with_store(&self.writer, move |s| {
                        s.import_unchanged(line_kind(kind), &unchanged_meta)
                    })
                    .await?;
                    if let Some(u) = unchanged {
                        let lines = usize::try_from(u.line_count).unwrap_or(usize::MAX);
                        progress(at(ImportPhase::Done, lines, lines));
                        results.push(ImportResult {
                            file_name: name,
                            kind,
                            encoding: u.encoding,
                            lines: to_u32(lines),
                            added: 0,
                            already_present: to_u32(u.outcome.already_present),
                            updated: 0,
                        });
                        continue;
                    }
                    // Another import came first: this file's lines are read and stored.
                    // It parsed before, so it parses again.
                    progress(at(ImportPhase::Parsing, 0, 0));
                    let (parse_name, parse_mapping) = (name.clone(), mapping.clone());
                    tokio::task::spawn_blocking(move || {
                        parse(kind, &parse_name, &bytes, &parse_mapping)
                    })
                    .await
                    .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))??
                }
            };
            let encoding = imported.encoding().to_string();
            let meta = ImportFileMeta {
                encoding: encoding.clone(),
                ..meta
            };
            let lines = imported.len();
            let report = progress.clone();
            let report_at = at.clone();
            report(at(ImportPhase::Storing, 0, lines));
            let outcome = with_store(&self.writer, move |s| {
                let lines = match &imported {
                    AnyImported::Statement(i) => ImportLines::Statement(&i.lines),
                    AnyImported::Bank(i) => ImportLines::Bank(&i.lines),
                    AnyImported::Expected(i) => ImportLines::Expected(&i.lines),
                    AnyImported::Invoices(i) => ImportLines::Invoices(&i.lines),
                };
                let count = lines.len();
                s.import_lines_with_progress(&meta, lines, &mut |stored| {
                    report(report_at(ImportPhase::Storing, stored, count))
                })
            })
            .await?;
            progress(at(ImportPhase::Done, lines, lines));
            changed |= outcome.added > 0 || outcome.updated > 0;
            results.push(ImportResult {
                file_name: name,
                kind,
                encoding,
                lines: to_u32(lines),
                added: to_u32(outcome.added),
                already_present: to_u32(outcome.already_present),
                updated: to_u32(outcome.updated),
            });
        }
        if changed {
            // The batch's pages go from the log into the database file on the writer
            // (each import's commit left them there), while the window shows the result.
            let writer = self.writer.clone();
            tokio::spawn(async move {
                if let Err(e) = with_store(&writer, |s| s.checkpoint()).await {
                    tracing::warn!(error = %e, "checkpoint after an import");
                }
            });
        }
        Ok((results, changed))
    }

    /// Takes back the import of one file (an id of [`Context::import_files`]): the lines
    /// it added and its record, in one transaction (`Store::delete_import_file`: lines it
    /// shared with an earlier file stay, and a later file that shared some is imported in
    /// full when imported again). `not_found` when no file has that id.
    pub async fn delete_import_file(&self, id: String) -> Result<DeletedImportView, AppError> {
        let n: i64 = id
            .parse()
            .map_err(|_| AppError::invalid_input(format!("{id:?} is not an imported file's id")))?;
        let Some(deleted) = with_store(&self.writer, move |s| s.delete_import_file(n)).await?
        else {
            return Err(AppError::new(
                ErrorCode::NotFound,
                format!("no imported file {id}"),
            ));
        };
        self.reconcile_cache.clear().await;
        self.settlements_changed();
        Ok(DeletedImportView {
            kind: import_kind(deleted.kind),
            file_name: deleted.file_name,
            lines_removed: u32::try_from(deleted.lines_removed).unwrap_or(u32::MAX),
            lines_restored: u32::try_from(deleted.lines_restored).unwrap_or(u32::MAX),
            lines_kept: u32::try_from(deleted.lines_kept).unwrap_or(u32::MAX),
            kept_by: deleted.kept_by.map(file_view),
        })
    }

    /// Every imported file, oldest first.
    pub async fn import_files(&self) -> Result<Vec<ImportFileView>, AppError> {
        let files = with_store(&self.reader, |s| s.import_files()).await?;
        Ok(files.into_iter().map(file_view).collect())
    }

    /// Headers, first rows and a guessed mapping, for the mapping dialog.
    pub async fn preview_settlement_file(
        &self,
        kind: ImportKind,
        path: String,
    ) -> Result<FilePreview, AppError> {
        self.check_granted(std::slice::from_ref(&path))?;
        tokio::task::spawn_blocking(move || {
            let (name, bytes) = read_file(&path)?;
            let p = stardesk_import::preview(file_kind(kind), &name, &bytes, PREVIEW_ROWS)
                .map_err(|e| AppError::import(&e))?;
            Ok(FilePreview {
                file_name: name,
                kind,
                encoding: p.encoding.to_string(),
                sheets: p.sheets,
                sheet: p.sheet,
                header_row: p.header_row.map(to_u32),
                headers: p.headers,
                rows: p.rows,
                guessed_mapping: from_mapping(&p.guessed_mapping)?,
                fields: kind_fields(kind)?,
                missing_required: p
                    .missing_required
                    .iter()
                    .map(|f| import_field(f))
                    .collect::<Result<_, _>>()?,
            })
        })
        .await
        .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?
    }
}

/// A stored file's record as the file list shows it.
fn file_view(f: ImportFileRecord) -> ImportFileView {
    ImportFileView {
        id: f.id.to_string(),
        kind: import_kind(f.kind),
        file_name: f.file_name,
        imported_at: f.imported_at,
        encoding: f.encoding,
        lines: u32::try_from(f.line_count).unwrap_or(u32::MAX),
        added: u32::try_from(f.added_count).unwrap_or(u32::MAX),
    }
}
