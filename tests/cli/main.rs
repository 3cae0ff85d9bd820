//! End-to-end tests of the real binary against fixture feeds served from 127.0.0.1.

mod server;
mod util;

mod concurrent;
mod dates;
mod export;
mod fetch;
mod fulltext;
mod hostile;
mod language;
mod list;
mod local_network;
mod manage;
mod misc;
mod nesting;
mod parliament;
mod safety;
mod sources;
mod trust;
mod tui;
mod versions;
