//! What surrounds every page: the session in context, the header with language switch, the not-found page.

pub mod lang_switcher;
pub mod not_found_page;
pub mod session;
pub mod site_header;
