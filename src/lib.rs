//! amtsfeed: a terminal news reader for the feeds of the German federal ministries.
//! The binary is a thin shell around [`run`]; everything else lives in these modules.

pub mod config;
pub mod filter;
pub mod model;
pub mod parse;
pub mod store;
pub mod text;
