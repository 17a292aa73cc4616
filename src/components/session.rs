//! Who is signed in, shared by the header and every page, and the actions that change it.

use crate::api::auth::{
    signed_in_user, ChangePassword, ConfirmEmail, EraseAccount, LogIn, LogOut, LogOutEverywhere,
    Register,
};
use crate::api::profiles::SetPresence;
use crate::domain::{AppError, CurrentUser};
use leptos::prelude::*;

/// The signed-in account and the actions that sign in and out.
#[derive(Clone, Copy)]
pub struct Session {
    /// The account, reloaded whenever one of the actions completes.
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
    /// Registration.
    pub register: ServerAction<Register>,
    /// Log-in.
    pub log_in: ServerAction<LogIn>,
    /// Log-out.
    pub log_out: ServerAction<LogOut>,
    /// Password change (ends other sessions).
    pub change_password: ServerAction<ChangePassword>,
    /// Ends every session of the account, this one included.
    pub log_out_everywhere: ServerAction<LogOutEverywhere>,
    /// An emailed link confirms the address (or moves the account to a new one).
    pub confirm_email: ServerAction<ConfirmEmail>,
    /// The header's "go invisible now" / "visible again" switch.
    pub set_presence: ServerAction<SetPresence>,
    /// Erasing the account (which ends its sessions).
    pub erase_account: ServerAction<EraseAccount>,
}

/// Creates the session context; call once, inside the router.
pub fn provide_session() -> Session {
    let register = ServerAction::<Register>::new();
    let log_in = ServerAction::<LogIn>::new();
    let log_out = ServerAction::<LogOut>::new();
    let change_password = ServerAction::<ChangePassword>::new();
    let log_out_everywhere = ServerAction::<LogOutEverywhere>::new();
    let confirm_email = ServerAction::<ConfirmEmail>::new();
    let set_presence = ServerAction::<SetPresence>::new();
    let erase_account = ServerAction::<EraseAccount>::new();
    let user = Resource::new(
        move || {
            (
                register.version().get(),
                log_in.version().get(),
                log_out.version().get(),
                change_password.version().get(),
                log_out_everywhere.version().get(),
                confirm_email.version().get(),
                set_presence.version().get(),
                erase_account.version().get(),
            )
        },
        |_| signed_in_user(),
    );
    let session = Session {
        user,
        register,
        log_in,
        log_out,
        change_password,
        log_out_everywhere,
        confirm_email,
        set_presence,
        erase_account,
    };
    provide_context(session);
    session
}

/// The session context provided by the app shell.
pub fn use_session() -> Session {
    expect_context::<Session>()
}
