//! The server side: command line, database, HTTP stack, and running it all.

pub mod cli;
pub mod commands;
pub mod database;
pub mod embedded_pg;
pub mod http;
pub mod listener;
pub mod ops;
