//! The signed-in user in context, and what follows a change of who is signed in.

use leptos::prelude::*;

use crate::accounts::model::CurrentUser;

/// The signed-in user, loaded once per page load. Signing in or out reloads the whole page (see
/// [`follow_auth_redirect`]), so every resource starts again from the new session.
#[derive(Clone, Copy)]
pub struct Session {
    /// The user resource (`None` when anonymous).
    pub user: Resource<Option<CurrentUser>>,
}

/// After an action that changes who is signed in succeeds with a target path, load that page
/// afresh. (Without JavaScript the server answers the form post with a redirect instead.)
pub fn follow_auth_redirect<A: Send + Sync + 'static, E: Send + Sync + Clone + 'static>(
    action: Action<A, Result<String, E>>,
) {
    Effect::new(move |_| {
        if let Some(Ok(path)) = action.value().get() {
            let _ = window().location().set_href(&path);
        }
    });
}
