//! Campaign applications (好物测评报名): the creator applies, the sandbox plays the brands
//! and the platform's calendar, the creator acts on what follows.
//!
//! - `lifecycle`: one application's transitions and the brand's plan, pure.
//! - `validate`: the request bodies, field by field.
//! - `store`: the tables, the feed, and applying what the clock has made due.
//! - `demo`: the demo creator's applications in every status.
//! - `http`: the routes.

mod demo;
pub(crate) mod http;
pub(crate) mod lifecycle;
pub(crate) mod store;
pub(crate) mod validate;

pub(crate) use store::{ActionError, ForceError, SCHEMA};
