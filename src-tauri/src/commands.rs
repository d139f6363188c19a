//! The Tauri commands, expanded from stardesk-core's one declaration of each
//! (`stardesk_core::with_commands!`): a `core` command forwards to its `Context` method,
//! a `shell` command to its function in [`crate::shell`]. Nothing here is written per
//! command, so a command cannot be declared in one place and missing in another.

use stardesk_core::ipc::*;
use stardesk_core::AppError;
use tauri::{AppHandle, State};

use crate::AppState;

macro_rules! tauri_command {
    (core $name:ident ($($arg:ident : $ty:ty),*) -> $ret:ty) => {
        tauri_command!(core $name ($($arg : $ty),*) -> $ret => $name);
    };
    (core $name:ident ($($arg:ident : $ty:ty),*) -> $ret:ty => $method:ident) => {
        #[tauri::command]
        pub async fn $name(
            state: State<'_, AppState>,
            $($arg: $ty),*
        ) -> Result<$ret, AppError> {
            state.ctx()?.$method($($arg),*).await
        }
    };
    (shell $name:ident ($($arg:ident : $ty:ty),*) -> $ret:ty) => {
        #[tauri::command]
        pub async fn $name(
            app: AppHandle,
            state: State<'_, AppState>,
            $($arg: $ty),*
        ) -> Result<$ret, AppError> {
            crate::shell::$name(&app, &state, $($arg),*).await
        }
    };
}

macro_rules! tauri_commands {
    ($(
        $feature:ident {
            $(
                $(#[doc = $doc:literal])*
                $kind:ident fn $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty $(=> $method:ident)? ;
            )*
        }
    )*) => {
        $($( tauri_command!($kind $name ($($arg : $ty),*) -> $ret $(=> $method)?); )*)*

        /// The handler of every declared command.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($($name),*),*]
        }
    };
}

stardesk_core::with_commands!(tauri_commands);
