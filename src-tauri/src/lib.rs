//! The desktop shell: window, plugins, state, and the commands, expanded from
//! stardesk-core's one declaration of each.
//!
//! **Invariant:** no business logic here. Every `core` command forwards to one
//! `stardesk_core::Context` method; `shell` commands open native dialogs. Errors cross
//! IPC as `{code, message}`; core's events reach the window as one Tauri event.

mod commands;
mod shell;
mod startup;

use std::sync::Arc;

use stardesk_core::{
    AppError, AppEvent, Context, ContextOptions, EventSink, HeldNotices, APP_EVENT,
};
use tauri::{Emitter, Manager};

/// The context, or why it could not be opened (shown by the UI, e.g. a locked keychain),
/// until a retry opens it.
#[derive(Debug)]
pub struct AppState {
    opened: std::sync::RwLock<Opened>,
    /// One retry at a time: two would open the data directory twice.
    reopening: tauri::async_runtime::Mutex<()>,
}

impl AppState {
    fn new(opened: Opened) -> Self {
        Self {
            opened: std::sync::RwLock::new(opened),
            reopening: tauri::async_runtime::Mutex::new(()),
        }
    }

    pub fn ctx(&self) -> Result<Arc<Context>, AppError> {
        self.opened
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Opens the context again if it could not be opened (the user unlocked the keychain,
    /// freed disk space); its outcome is the state from then on. Open already: nothing.
    pub(crate) async fn reopen(&self, events: Arc<WindowEvents>) -> Result<(), AppError> {
        let _one = self.reopening.lock().await;
        if self.ctx().is_ok() {
            return Ok(());
        }
        let opened = tauri::async_runtime::spawn_blocking(move || open_context(events))
            .await
            .map_err(|e| AppError::new(stardesk_core::ErrorCode::Internal, e.to_string()))?;
        if let Err(e) = &opened {
            tracing::error!(code = %e.code, "still cannot open the data directory: {}", e.message);
        }
        let result = opened.as_ref().map(|_| ()).map_err(Clone::clone);
        *self
            .opened
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = opened;
        result
    }
}

/// Core's events, emitted to the window as [`APP_EVENT`]; its notices held until the
/// page listens (`events_listening`), as core's jobs start while the page loads.
pub(crate) struct WindowEvents {
    app: tauri::AppHandle,
    held: HeldNotices,
}

impl WindowEvents {
    fn send(&self, event: AppEvent) {
        if let Err(e) = self.app.emit(APP_EVENT, event) {
            tracing::warn!("cannot emit an event to the window: {e}");
        }
    }

    /// The page listens: the notices held since it started loading come now.
    pub(crate) fn listening(&self) {
        self.held.release(|event| self.send(event));
    }
}

impl EventSink for WindowEvents {
    fn emit(&self, event: AppEvent) {
        self.held.pass(event, |event| self.send(event));
    }
}

/// A second launch of the app: the running one comes to the front instead, so the
/// encrypted database is never opened twice.
fn focus_main_window(app: &tauri::AppHandle) {
    tracing::info!("StarDesk was launched again: focusing the running window");
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// The main window is built hidden (`"visible": false`) and shown once its page has
/// loaded (the HTML, and the scripts parsed and run): the user never sees an empty white
/// window, and on Linux GTK's first draw of the webview cannot fall while WebKit's web
/// process is busy starting or loading. That draw asks the web process for its content
/// and blocks the window for up to 500 ms until it answers; a web process waiting on the
/// window itself (in its start-up, or the page's first requests) cannot, so the 500 ms
/// run out. Under Xvfb one start in four or five lost them, shown at once (as Tauri's
/// default) and shown at the start of the page load alike; none, shown at its end.
fn show_main_window(window: &tauri::Window) {
    if window.label() == "main" && !window.is_visible().unwrap_or(true) {
        match window.show() {
            Ok(()) => startup::mark("window_shown"),
            Err(e) => tracing::warn!("cannot show the window: {e}"),
        }
    }
}

/// Core's context, or why it could not be opened.
type Opened = Result<Arc<Context>, AppError>;

/// Opens core's context: the key, the store, its migrations, the job runner.
fn open_context(events: Arc<WindowEvents>) -> Opened {
    tauri::async_runtime::block_on(async {
        let options = ContextOptions {
            background_jobs: true,
            granted_paths_only: true,
            ..ContextOptions::from_env(None)?
        };
        Context::open(options, events).await
    })
}

/// The thread opening the context, from the plugins' setup until the app's takes it.
struct Opening(std::sync::Mutex<Option<std::thread::JoinHandle<Opened>>>);

impl Opening {
    fn take(&self) -> Option<std::thread::JoinHandle<Opened>> {
        self.0.lock().ok()?.take()
    }
}

/// A plugin with only a setup: it starts opening the context on its own thread, so that
/// the key (the OS keychain), the store and its migrations overlap with the window and
/// webview Tauri builds next on the main thread (the app's setup hook, after them, joins
/// it). Registered after the single-instance plugin, whose setup makes a second launch
/// hand over and exit: the encrypted database is still never opened twice. The notices
/// the context emits before the page listens are held ([`WindowEvents`]); its other
/// events then go nowhere, and the page reads what they said when it starts.
fn open_context_early() -> tauri::plugin::TauriPlugin<tauri::Wry> {
    tauri::plugin::Builder::new("stardesk-context")
        .setup(|app, _api| {
            let events = Arc::new(WindowEvents {
                app: app.clone(),
                held: HeldNotices::new(),
            });
            app.manage(events.clone());
            let thread = std::thread::Builder::new()
                .name("open-context".into())
                .spawn(move || open_context(events))?;
            app.manage(Opening(std::sync::Mutex::new(Some(thread))));
            Ok(())
        })
        .build()
}

/// When the window shows if its page has not loaded by then.
const SHOW_AT_THE_LATEST: std::time::Duration = std::time::Duration::from_secs(5);

pub fn run() {
    startup::begin();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("STARDESK_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    startup::main_entered();
    let result = tauri::Builder::default()
        // First: a second instance hands over to this one and exits before it opens
        // anything.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            focus_main_window(app)
        }))
        .plugin(tauri_plugin_dialog::init())
        // Reminders come due in core, on time; the window words them and shows them as
        // system notifications (desktop notifications cannot be scheduled ahead).
        .plugin(tauri_plugin_notification::init())
        // After the single-instance check (a second launch has exited by now), before the
        // window is built: the context opens on its own thread while Tauri builds the
        // window and its webview on this one.
        .plugin(open_context_early())
        .setup(|app| {
            // Tauri built the configured window just before this hook.
            startup::mark("window_created");
            let opened = app
                .state::<Opening>()
                .take()
                .ok_or("the context was not being opened")?
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            if let Err(e) = &opened {
                tracing::error!(code = %e.code, "cannot open the data directory: {}", e.message);
            }
            app.manage(AppState::new(opened));
            startup::mark("context_opened");
            // The window shows when its page has loaded; should that never come, it shows
            // anyway, with whatever the webview has.
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                std::thread::sleep(SHOW_AT_THE_LATEST);
                if let Some(window) = handle.get_webview_window("main") {
                    show_main_window(&window.as_ref().window());
                }
            });
            Ok(())
        })
        .on_page_load(|webview, payload| match payload.event() {
            tauri::webview::PageLoadEvent::Started => {
                startup::mark("page_load_started");
                // A new page (the first, or a reload) listens only once it says so.
                webview.state::<Arc<WindowEvents>>().held.hold();
            }
            tauri::webview::PageLoadEvent::Finished => {
                startup::mark("page_load_finished");
                show_main_window(&webview.window());
            }
        })
        .on_window_event(|window, event| {
            // Files dropped on the window may be imported: the user chose them.
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                if let Ok(ctx) = window.state::<AppState>().ctx() {
                    ctx.grant_paths(paths);
                }
            }
        })
        .invoke_handler({
            let handler = commands::handler();
            move |invoke| {
                startup::command_called(invoke.message.command());
                handler(invoke)
            }
        })
        .build(tauri::generate_context!());
    match result {
        Ok(app) => app.run(|handle, event| {
            if let tauri::RunEvent::Exit = event {
                if let Ok(ctx) = handle.state::<AppState>().ctx() {
                    tauri::async_runtime::block_on(ctx.shutdown());
                }
            }
        }),
        Err(e) => {
            eprintln!("StarDesk could not start its window: {e}");
            std::process::exit(1);
        }
    }
}
