//! Helpers of the hostile-input tests that are not the harness's: an oracle that judges the
//! page independently of the app, and the inputs the tests feed it.

pub mod inputs;
pub mod oracle;
